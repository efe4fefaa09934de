import type { EngineStatus } from '@thermotruth/protocol'
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { PeerSummary } from '../network/types.js'
import type { EpochSummary } from '../store/types.js'

/** Live values the gauges read at scrape time (so nothing goes stale between epochs). */
export interface MetricsSources {
  peers(): PeerSummary[]
  engineStatus(): EngineStatus | undefined
  /** Joules spent on proof of work by kind (pow's EnergyMeter account, `byKind[k].actualJoules`). */
  joulesByKind(): Record<string, number>
}

export type ScoreBand = 'negative' | 'neutral' | 'positive'

/** Gossipsub scores bucketed for a dashboard: below zero means the peer is being penalised. */
export function scoreBand(score: number): ScoreBand {
  if (score < 0) return 'negative'
  return score > 0 ? 'positive' : 'neutral'
}

/**
 * The node's own Prometheus metrics, registered in the node's per-node Registry (the same one libp2p's
 * prometheus-metrics writes `libp2p_data_transfer_bytes_total` into), so `/metrics` is one scrape.
 */
export class NodeMetrics {
  private readonly temperature: Gauge<'feed'>
  private readonly entropyBits: Gauge<'feed'>
  private readonly freeEnergy: Gauge<'feed'>
  private readonly nEff: Gauge<'feed'>
  private readonly finalityLatency: Histogram
  private readonly epochs: Counter<'kind'>

  constructor(
    readonly registry: Registry,
    sources: MetricsSources,
  ) {
    const registers = [registry]
    const feedGauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ['feed'], registers })
    this.temperature = feedGauge('thermotruth_temperature', 'Consensus temperature T = (2/3)·σ² of the last finalized epoch, per feed')
    this.entropyBits = feedGauge('thermotruth_entropy_bits', 'Entropy H (bits) of the Boltzmann weights of the last finalized epoch, per feed')
    this.freeEnergy = feedGauge('thermotruth_free_energy', 'Free energy F of the last finalized epoch, per feed')
    this.nEff = feedGauge('thermotruth_n_eff', 'Effective number of contributors (2^H) of the last finalized epoch, per feed')
    this.finalityLatency = new Histogram({
      name: 'thermotruth_finality_latency_seconds',
      help: 'Time from epoch start to finality',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers,
    })
    this.epochs = new Counter({ name: 'thermotruth_epochs_total', help: 'Finalized epochs by kind (certified | approximate)', labelNames: ['kind'], registers })
    this.epochs.inc({ kind: 'certified' }, 0)
    this.epochs.inc({ kind: 'approximate' }, 0)
    new Gauge({
      name: 'thermotruth_stamp_difficulty',
      help: 'Current proposal stamp difficulty (bits, real-valued controller state)',
      registers,
      collect() {
        const status = sources.engineStatus()
        if (status !== undefined) this.set(status.difficulty)
      },
    })
    new Gauge({
      name: 'thermotruth_mempool_depth',
      help: 'Client reports waiting for a proposal',
      registers,
      collect() {
        this.set(sources.engineStatus()?.mempoolDepth ?? 0)
      },
    })
    new Gauge({
      name: 'thermotruth_joules_spent',
      help: 'Estimated Joules spent on proof of work, by kind (ticket | stamp)',
      labelNames: ['kind'],
      registers,
      collect() {
        for (const [kind, joules] of Object.entries(sources.joulesByKind())) this.set({ kind }, joules)
      },
    })
    new Gauge({
      name: 'thermotruth_peers',
      help: 'Connected peers by gossipsub score band and ticket state',
      labelNames: ['band', 'ticketed'],
      registers,
      collect() {
        this.reset()
        for (const band of ['negative', 'neutral', 'positive'] as const) {
          for (const ticketed of ['true', 'false']) this.set({ band, ticketed }, 0)
        }
        for (const peer of sources.peers()) this.inc({ band: scoreBand(peer.gossipScore), ticketed: String(peer.ticketed) })
      },
    })
  }

  /** Records one finalized epoch. */
  onEpoch(summary: EpochSummary): void {
    this.epochs.inc({ kind: summary.approximate ? 'approximate' : 'certified' })
    this.finalityLatency.observe(summary.latencyMs / 1000)
    for (const feed of summary.feeds) {
      this.temperature.set({ feed: feed.feed }, feed.temperature)
      this.entropyBits.set({ feed: feed.feed }, feed.entropyBits)
      this.freeEnergy.set({ feed: feed.feed }, feed.freeEnergy)
      this.nEff.set({ feed: feed.feed }, feed.nEff)
    }
  }
}
