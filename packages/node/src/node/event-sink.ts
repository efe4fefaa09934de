import { type EngineEvent, encodeEpochRecord, encodeFinalityCertificate, type FinalityCertificate } from '@thermotruth/protocol'
import type { ReportState } from '../store/types.js'
import { ConditionLog } from '../logging/condition.js'
import { RateLimitedLog } from '../logging/rate-limited.js'
import type { NodeStore } from '../store/node-store.js'
import type { EpochSummary } from '../store/types.js'
import { summarizeCertificate, summarizeRecord } from './epoch-summary.js'

export interface EventSinkHooks {
  /** After the epoch is durably stored: metrics, SSE, log line (certificate absent for approximate epochs). */
  onFinalized(summary: EpochSummary, certificate: FinalityCertificate | undefined): void
  onPenalty(peerAuthor: string, reason: Extract<EngineEvent, { type: 'penalty' }>['reason']): void
  onEquivocation(author: string): void
  /** An identity was evicted (the dashboard marks it); optional so tests of the sink need not care. */
  onEviction?(event: Extract<EngineEvent, { type: 'eviction' }>): void
  onProposed(epoch: number): void
  log(line: string): void
  now(): number
  /** Wall-clock start of an epoch: finality latency is measured from it when the epoch is stored. */
  epochStartMs(epoch: number): number
}

/**
 * Turns engine events into durable state. Writes are serialized on one promise chain, in event order, and an
 * epoch is announced (hooks.onFinalized) only after its batch is on disk: a kill -9 never loses an announced epoch.
 * Report outcomes of a finalized epoch that arrive before its certificate ride in the same batch.
 */
export class EngineEventSink {
  private chain: Promise<void> = Promise.resolve()
  private readonly pendingReports = new Map<number, Array<{ id: string; state: ReportState }>>()
  /** "not endorsing" holds for many epochs in a row: logged when it starts or changes, not every epoch. */
  private readonly conditions = new ConditionLog((line) => this.hooks.log(line))
  /** Which peer was charged for what: the line to look for when a peer's score drops. Capped, peers cause them. */
  private readonly penalties = new RateLimitedLog((line) => this.hooks.log(line), () => this.hooks.now(), 'penalty')

  constructor(
    private readonly store: NodeStore,
    private readonly hooks: EventSinkHooks,
  ) {}

  /** Resolves when every write queued so far is on disk. */
  flushed(): Promise<void> {
    return this.chain
  }

  handle(event: EngineEvent): void {
    switch (event.type) {
      case 'certified': {
        const summary = summarizeCertificate(event.certificate, this.latency(event.certificate.record.epoch), this.hooks.now())
        this.conditions.clear('withheld', `epoch ${event.certificate.record.epoch}: certified; views hold a quorum of committee proposals again`)
        this.writeEpoch(summary, encodeFinalityCertificate(event.certificate), event.certificate)
        break
      }
      case 'approximate': {
        const summary = summarizeRecord(event.record, { endorsements: 0, committeeSize: 0, latencyMs: this.latency(event.record.epoch), finalizedAt: this.hooks.now() })
        this.writeEpoch(summary, encodeEpochRecord(event.record), undefined)
        break
      }
      case 'report':
        this.recordReport(event)
        break
      case 'penalty':
        this.hooks.onPenalty(event.peer, event.reason)
        this.penalties.line(`penalty: ${event.peer.slice(0, 16)}… ${event.reason}${event.detail ? ` (${event.detail})` : ''}`)
        break
      case 'equivocation':
        this.hooks.onEquivocation(event.author)
        this.hooks.log(`equivocation by ${event.author.slice(0, 16)}… in epoch ${event.epoch}`)
        break
      case 'eviction':
        this.hooks.onEviction?.(event)
        this.hooks.log(`evicted ${event.author.slice(0, 16)}… until epoch ${event.untilEpoch} (reputation ${event.reputation.toFixed(2)})`)
        break
      case 'proposed':
        this.hooks.onProposed(event.epoch)
        break
      case 'withheld':
        this.conditions.report('withheld', `${event.members}/${event.needed}`, `epoch ${event.epoch}: view holds proposals from ${event.members} committee members, ${event.needed} needed: not endorsing (logged again when this changes)`)
        break
      case 'batch-sent':
        this.hooks.log(`epoch ${event.epoch} view ${event.view}: led, batch of ${event.proposals} proposals to ${event.audience} peers`)
        break
      case 'view-change':
        this.hooks.log(`epoch ${event.epoch}: no certificate in time, moving to view ${event.view} (leader ${event.leader?.slice(0, 16) ?? 'unknown'}…)`)
        break
      case 'linear-fallback':
        this.hooks.log(
          event.shed
            ? `epoch ${event.epoch}: every view failed while ${Math.round(event.lagMs)} ms late: closed approximately without the gossip path (shedding load)`
            : `epoch ${event.epoch}: every view failed, falling back to the gossip path`,
        )
        break
      case 'leader-evidence':
        this.hooks.log(`epoch ${event.epoch} view ${event.view}: leader ${event.leader.slice(0, 16)}… caught (${event.kind}), evicting it`)
        break
    }
  }

  /**
   * The engine's own latencyMs uses the time of its last tick, which lags when a certificate completes inside
   * `receive`; the driver's clock at the event is the real finality time.
   */
  private latency(epoch: number): number {
    return Math.max(0, this.hooks.now() - this.hooks.epochStartMs(epoch))
  }

  private writeEpoch(summary: EpochSummary, bytes: Uint8Array, certificate: FinalityCertificate | undefined): void {
    this.enqueue(async () => {
      // Read at write time: report outcomes queued before this point are in the map by now.
      // Catch-up may already have stored the network's certificate for this epoch: never downgrade it.
      if (certificate === undefined && (await this.store.getEpoch(summary.epoch))?.summary.approximate === false) return
      const reports = this.pendingReports.get(summary.epoch) ?? []
      this.pendingReports.delete(summary.epoch)
      await this.store.saveEpoch({ summary, bytes, reports })
      this.hooks.onFinalized(summary, certificate)
    })
  }

  private recordReport(event: Extract<EngineEvent, { type: 'report' }>): void {
    this.enqueue(async () => {
      const known = await this.store.getReport(event.reportId)
      const base = { feed: known?.feed ?? '', submittedAt: known?.submittedAt ?? this.hooks.now() }
      if (event.status === 'rejected') {
        await this.store.putReport(event.reportId, { ...base, status: 'rejected', reason: event.reason ?? 'rejected' })
        return
      }
      const epoch = event.epoch ?? -1
      const state: ReportState = { ...base, status: 'finalized', epoch }
      // Before the epoch's batch: ride along with it. After: the epoch is already durable, write alone.
      if ((await this.store.getEpoch(epoch)) === undefined) {
        const list = this.pendingReports.get(epoch) ?? []
        list.push({ id: event.reportId, state })
        this.pendingReports.set(epoch, list)
      } else await this.store.putReport(event.reportId, state)
    })
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((error: unknown) => this.hooks.log(`store write failed: ${(error as Error).message}`))
  }
}
