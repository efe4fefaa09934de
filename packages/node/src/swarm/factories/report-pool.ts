/**
 * Client reports for a baseline node, handled as a ThermoNode handles them: signed by a client key in the load
 * generator (thermo.ts's `startReportLoad`: one client key per node, 100 ms ticks), verified on submission with the
 * protocol's `validateReport` before entering a bounded pool, taken into the node's next proposal with the engine's
 * caps (64 reports, 32 KiB), and dropped once an epoch holding them is committed.
 */
import { DEFAULT_TUNING, type ClientReport, createEd25519, type Ed25519, encodeClientReport, signReport, validateReport } from '@thermotruth/protocol'

const REPORT_TICK_MS = 100
const MAX_REPORTS_PER_TICK = 5000

export class ReportPool {
  private pending: ClientReport[] = []
  /** Reports in flight in a proposal, by epoch, until that epoch commits or fails. */
  private readonly inFlight = new Map<number, ClientReport[]>()
  private readonly client: Ed25519 = createEd25519()
  private sequence = 1
  private owed = 0
  private timer: NodeJS.Timeout | undefined
  submitted = 0
  rejected = 0

  constructor(
    private readonly crypto: Pick<Ed25519, 'verify'>,
    private readonly feed: string,
    private readonly value: () => number,
  ) {}

  /** Offers `perTick()` reports every 100 ms (fractional rates accumulate), each verified before it is pooled. */
  start(perTick: () => number): void {
    this.timer = setInterval(() => {
      this.owed += perTick()
      const count = Math.min(MAX_REPORTS_PER_TICK, Math.floor(this.owed))
      this.owed -= count
      for (let i = 0; i < count; i++) {
        this.submit(signReport({ feed: this.feed, values: Float64Array.of(this.value()), clientKey: this.client.publicKey, sequence: this.sequence++ }, this.client.sign))
      }
    }, REPORT_TICK_MS)
  }

  stop(): void {
    clearInterval(this.timer)
  }

  submit(report: ClientReport): void {
    if (validateReport(report, this.crypto).action !== 'accept' || this.pending.length >= DEFAULT_TUNING.mempoolCapacity) {
      this.rejected++
      return
    }
    this.submitted++
    this.pending.push(report)
  }

  /** Moves up to the engine's per-proposal caps into epoch `epoch`'s proposal. */
  take(epoch: number): ClientReport[] {
    const out: ClientReport[] = []
    let bytes = 0
    while (out.length < DEFAULT_TUNING.maxReportsPerProposal && this.pending.length > 0) {
      const size = encodeClientReport(this.pending[0]).length
      if (bytes + size > DEFAULT_TUNING.maxReportBytesPerProposal) break
      bytes += size
      out.push(this.pending.shift()!)
    }
    this.inFlight.set(epoch, out)
    return out
  }

  /** The epoch committed with our proposal in it (its reports are final) or without (they go back to the pool). */
  settle(epoch: number, included: boolean): void {
    const reports = this.inFlight.get(epoch)
    this.inFlight.delete(epoch)
    if (reports !== undefined && !included) this.pending.unshift(...reports)
  }
}
