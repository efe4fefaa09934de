/**
 * Bounded client-report mempool. Pure and deterministic: no clocks; the same call sequence gives the same state.
 *
 * - Dedupe by reportId and by (clientKey, sequence); per client, sequences must strictly increase (a client's
 *   reports are ordered like nonces: a lower or equal sequence than one already accepted is stale).
 * - Bounded: `capacity` reports overall, `perClientCap` per client; when full, `add` answers with backpressure
 *   ({accepted: false, reason: 'mempool-full', retryable: true}) instead of evicting someone else's report.
 * - `take` lists pending reports in arrival order (which keeps each client's sequences increasing) within a count
 *   and byte budget, without removing them: a report leaves only when an epoch that includes it is certified
 *   (`markFinalized`), so a proposal that misses finality does not lose its reports.
 * Signatures are checked before `add` (validation/validateReport); the mempool trusts its input.
 */
import type { ReportSubmission } from '../shared/types.js'
import type { ClientReport } from '../messages/types.js'
import { encodeClientReport } from '../wire/codec.js'
import { authorId, reportId } from '../wire/digests.js'

export interface MempoolConfig {
  capacity: number
  perClientCap: number
  /** Finalized report ids remembered for status lookups and late-duplicate rejection (oldest forgotten first). */
  finalizedHistory: number
  /** Clients whose last sequence is remembered; beyond it the least recently active client without pending reports is forgotten. */
  trackedClients: number
}

export const DEFAULT_MEMPOOL: MempoolConfig = { capacity: 10_000, perClientCap: 64, finalizedHistory: 100_000, trackedClients: 100_000 }

export type ReportStatus = { state: 'pending' } | { state: 'finalized'; epoch: number } | { state: 'unknown' }

interface Entry {
  id: string
  client: string
  report: ClientReport
  /** Bytes the report adds to a proposal: its encoding plus the field tag and length prefix. */
  wireBytes: number
}

export class Mempool {
  readonly config: MempoolConfig
  /** Pending entries in arrival order (Map preserves insertion order). */
  private readonly pending = new Map<string, Entry>()
  private readonly perClient = new Map<string, number>()
  /** Highest accepted sequence per client (pending or finalized). */
  private readonly lastSequence = new Map<string, number>()
  private readonly finalized = new Map<string, number>()
  private pendingBytes = 0

  constructor(config: Partial<MempoolConfig> = {}) {
    this.config = { ...DEFAULT_MEMPOOL, ...config }
  }

  get depth(): number {
    return this.pending.size
  }

  get bytes(): number {
    return this.pendingBytes
  }

  add(report: ClientReport): ReportSubmission {
    const id = reportId(report)
    if (this.pending.has(id) || this.finalized.has(id)) return { accepted: false, reason: 'duplicate', retryable: false }
    const client = authorId(report.clientKey)
    const last = this.lastSequence.get(client)
    if (last !== undefined && report.sequence <= last) {
      return { accepted: false, reason: `stale-sequence: last accepted ${last}`, retryable: false }
    }
    if (this.pending.size >= this.config.capacity) return { accepted: false, reason: 'mempool-full', retryable: true }
    const mine = this.perClient.get(client) ?? 0
    if (mine >= this.config.perClientCap) return { accepted: false, reason: 'client-quota', retryable: true }
    const length = encodeClientReport(report).length
    const wireBytes = length + 1 + varintLength(length)
    this.pending.set(id, { id, client, report, wireBytes })
    this.perClient.set(client, mine + 1)
    this.noteSequence(client, report.sequence)
    this.pendingBytes += wireBytes
    return { accepted: true, reportId: id }
  }

  /** Pending reports in arrival order, as many as fit in `maxCount` and `maxBytes` (skipping none: stops at the first that does not fit). */
  take(maxCount: number, maxBytes: number): ClientReport[] {
    const out: ClientReport[] = []
    let used = 0
    for (const entry of this.pending.values()) {
      if (out.length >= maxCount || used + entry.wireBytes > maxBytes) break
      out.push(entry.report)
      used += entry.wireBytes
    }
    return out
  }

  /**
   * Reports of a certified epoch: removed from the pool (if present) and remembered as finalized. Pass the reports
   * themselves when known (they may come from other nodes' proposals) so their clients' sequences advance too.
   */
  markFinalized(items: Iterable<string | ClientReport>, epoch: number): void {
    for (const item of items) {
      let id: string
      if (typeof item === 'string') id = item
      else {
        id = reportId(item)
        const client = authorId(item.clientKey)
        if (item.sequence > (this.lastSequence.get(client) ?? -1)) this.noteSequence(client, item.sequence)
      }
      const entry = this.pending.get(id)
      if (entry !== undefined) {
        this.pending.delete(id)
        this.pendingBytes -= entry.wireBytes
        const left = (this.perClient.get(entry.client) ?? 1) - 1
        if (left === 0) this.perClient.delete(entry.client)
        else this.perClient.set(entry.client, left)
      }
      if (!this.finalized.has(id)) this.finalized.set(id, epoch)
    }
    while (this.finalized.size > this.config.finalizedHistory) {
      this.finalized.delete(this.finalized.keys().next().value!)
    }
  }

  private noteSequence(client: string, sequence: number): void {
    this.lastSequence.delete(client) // re-insert: Map order = least recently active first
    this.lastSequence.set(client, sequence)
    if (this.lastSequence.size <= this.config.trackedClients) return
    for (const old of this.lastSequence.keys()) {
      if (!this.perClient.has(old)) {
        this.lastSequence.delete(old)
        return
      }
    }
  }

  status(id: string): ReportStatus {
    if (this.pending.has(id)) return { state: 'pending' }
    const epoch = this.finalized.get(id)
    return epoch === undefined ? { state: 'unknown' } : { state: 'finalized', epoch }
  }
}

function varintLength(n: number): number {
  let bytes = 1
  while (n >= 0x80) {
    n = Math.floor(n / 0x80)
    bytes++
  }
  return bytes
}
