import { alarmThreshold } from '../alarm-threshold.js'
import type { SeriesSource } from './charts.js'
import type { EpochEvent } from './types.js'

/** How many epochs each trace keeps: a long run must not grow the page without bound. */
export const MAX_POINTS = 600

/**
 * Column store for the charts: one x column (epoch) and one y column per trace, as uPlot wants. Epochs arrive
 * in order over SSE but may repeat (sync replaces an approximate record with a certificate): a repeat overwrites.
 */
export class Traces implements SeriesSource {
  readonly epochs: number[] = []
  readonly columns = new Map<string, Array<number | null>>()
  readonly approximateEpochs = new Set<number>()
  /** Identities evicted per epoch (drawn as markers; may lie ahead of the last finalized epoch). */
  readonly evictionEpochs = new Map<number, number>()
  /** Protocol ids seen in the bytes-per-epoch columns, in first-seen order. */
  readonly protocols: string[] = []
  /** The T alarm threshold of the newest epoch: the configured one, raised for few contributors (alarm-threshold.ts). */
  threshold: number | undefined
  /** The network's configured threshold (from live epoch events; replayed ones do not carry it). */
  private configured: number | undefined
  private contributors: number | undefined
  private newest = Number.NEGATIVE_INFINITY

  constructor(readonly feeds: string[]) {}

  column(name: string): Array<number | null> {
    let col = this.columns.get(name)
    if (col === undefined) {
      col = this.epochs.map(() => null)
      this.columns.set(name, col)
    }
    return col
  }

  add(event: EpochEvent): void {
    const at = this.slot(event.epoch)
    if (event.approximate) this.approximateEpochs.add(event.epoch)
    else this.approximateEpochs.delete(event.epoch)
    for (const f of event.feeds) {
      this.column(`T:${f.feed}`)[at] = f.temperature
      this.column(`H:${f.feed}`)[at] = f.entropyBits
      this.column(`nEff:${f.feed}`)[at] = f.nEff
      const value = f.values?.[0]
      if (value !== undefined) {
        // The honest spread: zero for a certified epoch (every honest node holds the same record), the measured
        // spread of the honest estimates for an approximate one, drawn as a band around the value.
        const half = event.approximate ? (f.approximateSpread ?? 0) / 2 : 0
        this.column(`value:${f.feed}`)[at] = value
        this.column(`min:value:${f.feed}`)[at] = value - half
        this.column(`max:value:${f.feed}`)[at] = value + half
      }
    }
    this.column('difficulty')[at] = event.nextDifficulty
    this.column('latency')[at] = event.latencyMs / 1000
    if (event.joulesSpent !== undefined) this.column('joules')[at] = event.joulesSpent
    if (event.temperatureThreshold !== undefined) this.configured = event.temperatureThreshold
    if (event.epoch >= this.newest) {
      this.newest = event.epoch
      if (event.includedAuthors !== undefined) this.contributors = event.includedAuthors
    }
    if (this.configured !== undefined) this.threshold = alarmThreshold(this.configured, this.contributors)
  }

  addEviction(epoch: number): void {
    this.evictionEpochs.set(epoch, (this.evictionEpochs.get(epoch) ?? 0) + 1)
  }

  addBytes(epoch: number, byProtocol: Map<string, number>): void {
    const at = this.epochs.indexOf(epoch)
    if (at < 0) return
    for (const [protocol, bytes] of byProtocol) {
      if (!this.protocols.includes(protocol)) this.protocols.push(protocol)
      this.column(`bytes:${protocol}`)[at] = bytes
    }
  }

  /** Index of `epoch` in the x column, inserting it (in order) with empty cells when new. */
  private slot(epoch: number): number {
    const found = this.epochs.indexOf(epoch)
    if (found >= 0) return found
    let at = this.epochs.length
    while (at > 0 && this.epochs[at - 1] > epoch) at--
    this.epochs.splice(at, 0, epoch)
    for (const col of this.columns.values()) col.splice(at, 0, null)
    if (this.epochs.length > MAX_POINTS) {
      const dropped = this.epochs.shift()!
      this.approximateEpochs.delete(dropped)
      for (const col of this.columns.values()) col.shift()
      return at - 1
    }
    return at
  }
}
