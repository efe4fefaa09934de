/**
 * The node's bounded mempool of client reports. A report is admitted once per (client key, sequence), only with
 * a valid client signature and a sequence above the client's last finalized one; when full it refuses with
 * `retryable: true` (backpressure) rather than evicting accepted reports. Reports ride in the node's next
 * proposal and leave the pool when an epoch that carried them is certified.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import type { ClientReport } from '../messages/types.js'
import { reportId, reportSigningBytes } from '../wire/index.js'
import type { EngineCrypto, ReportSubmission } from './types.js'

interface Entry {
  id: string
  report: ClientReport
  /** Proposals (epochs) that carried it; it is offered again until an epoch carrying it is certified. */
  carried: number
}

export class Mempool {
  private readonly entries = new Map<string, Entry>()
  private readonly lastFinalizedSeq = new Map<string, number>()

  constructor(
    private readonly capacity: number,
    private readonly crypto: EngineCrypto,
  ) {}

  get size(): number {
    return this.entries.size
  }

  add(report: ClientReport): ReportSubmission {
    if (!report.values.every(Number.isFinite)) return { accepted: false, reason: 'non-finite value', retryable: false }
    const client = bytesToHex(report.clientKey)
    if (report.sequence <= (this.lastFinalizedSeq.get(client) ?? -1)) return { accepted: false, reason: 'stale sequence', retryable: false }
    const id = reportId(report)
    if (this.entries.has(id)) return { accepted: true, reportId: id }
    if (!this.crypto.verify(report.clientKey, reportSigningBytes(report), report.signature)) {
      return { accepted: false, reason: 'bad client signature', retryable: false }
    }
    if (this.entries.size >= this.capacity) return { accepted: false, reason: 'mempool full', retryable: true }
    this.entries.set(id, { id, report, carried: 0 })
    return { accepted: true, reportId: id }
  }

  /** Every pending report (the node's observation aggregates them with its own source). */
  pending(): ClientReport[] {
    return [...this.entries.values()].map((e) => e.report)
  }

  /** Up to `max` reports for the next proposal, least-carried first (then by id, for determinism). */
  take(max: number): ClientReport[] {
    const chosen = [...this.entries.values()].sort((a, b) => a.carried - b.carried || (a.id < b.id ? -1 : 1)).slice(0, max)
    for (const e of chosen) e.carried++
    return chosen.map((e) => e.report)
  }

  /** Removes reports finalized in a certified epoch; returns the ids this pool held. */
  finalize(reports: ClientReport[]): string[] {
    const done: string[] = []
    for (const report of reports) {
      const id = reportId(report)
      const client = bytesToHex(report.clientKey)
      this.lastFinalizedSeq.set(client, Math.max(this.lastFinalizedSeq.get(client) ?? -1, report.sequence))
      if (this.entries.delete(id)) done.push(id)
    }
    return done
  }
}
