import { type EngineStatus, quorum } from '@thermotruth/protocol'
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { NodeStatusView } from '../api/types.js'
import type { PeerSummary } from '../network/types.js'
import type { EpochSummary } from '../store/types.js'
import { alarmThreshold } from '../dashboard/alarm-threshold.js'
import { nodePackageVersion } from './build-info.js'

/** Live values the gauges read at scrape time (so nothing goes stale between epochs). */
export interface MetricsSources {
  peers(): PeerSummary[]
  engineStatus(): EngineStatus | undefined
  /** Joules spent on proof of work by kind (pow's EnergyMeter account, `byKind[k].actualJoules`). */
  joulesByKind(): Record<string, number>
  /** Sync state and the newest finalized epoch (GET /v1/status); absent in tests that only need the engine. */
  nodeStatus?(): Pick<NodeStatusView, 'sync' | 'latestEpoch'>
  /** Last epoch in which this node's identity ticket is valid (anchor epoch + validity − 1). */
  ticketExpiryEpoch?(): number
  /** The network's configured T threshold (genesis); the alarm threshold raises it for small n. */
  temperatureThreshold?: number
}

const SYNC_STATES = ['starting', 'syncing', 'synced'] as const
/** What the epoch gauges read before there is an epoch to report (Prometheus has no 'unset' for a plain gauge). */
const NONE = -1

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
  private readonly liveMembers: Gauge
  private readonly alarmThreshold: Gauge
  private readonly feedValue: Gauge<'feed' | 'index'>

  constructor(
    readonly registry: Registry,
    private readonly sources: MetricsSources,
  ) {
    const registers = [registry]
    const feedGauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ['feed'], registers })
    this.temperature = feedGauge('thermotruth_temperature', 'Consensus temperature T = (2/3)·σ² of the last finalized epoch, per feed')
    this.entropyBits = feedGauge('thermotruth_entropy_bits', 'Entropy H (bits) of the Boltzmann weights of the last finalized epoch, per feed')
    this.freeEnergy = feedGauge('thermotruth_free_energy', 'Free energy F of the last finalized epoch, per feed')
    this.nEff = feedGauge('thermotruth_n_eff', 'Effective number of contributors (2^H) of the last finalized epoch, per feed')
    this.feedValue = new Gauge({
      name: 'thermotruth_feed_value',
      help: 'Agreed value of the last finalized epoch, per feed and vector index (0 for a scalar feed)',
      labelNames: ['feed', 'index'],
      registers,
    })
    this.finalityLatency = new Histogram({
      name: 'thermotruth_finality_latency_seconds',
      help: 'Time from epoch start to finality',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers,
    })
    this.liveMembers = new Gauge({
      name: 'thermotruth_committee_live_members',
      help: 'Committee members heard from in the last finalized epoch: its endorsers when certified, the authors of the proposals in its record when approximate',
      registers,
    })
    this.liveMembers.set(NONE)
    this.alarmThreshold = new Gauge({
      name: 'thermotruth_temperature_alarm_threshold',
      help: 'T above which the last finalized epoch is hot: the configured threshold, raised for few contributors (docs/OPERATING.md, Alerting)',
      registers,
    })
    this.alarmThreshold.set(alarmThreshold(sources.temperatureThreshold ?? Number.POSITIVE_INFINITY, undefined))
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
    new Counter({
      name: 'thermotruth_joules_spent_total',
      help: 'Estimated Joules spent on proof of work since start, by kind (ticket | stamp)',
      labelNames: ['kind'],
      registers,
      collect() {
        this.reset()
        for (const [kind, joules] of Object.entries(sources.joulesByKind())) this.inc({ kind }, Math.max(0, joules))
      },
    })
    new Gauge({
      name: 'thermotruth_build_info',
      help: 'Always 1; the labels name the node version and the Node.js runtime',
      labelNames: ['version', 'nodejs'],
      registers,
    }).set({ version: nodePackageVersion(), nodejs: process.versions.node }, 1)
    const epochGauge = (name: string, help: string, read: () => number | undefined) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read() ?? NONE)
        },
      })
    epochGauge('thermotruth_current_epoch', "The engine's current epoch (wall clock); -1 before genesis", () => sources.engineStatus()?.epoch)
    epochGauge('thermotruth_head_epoch', 'Newest finalized epoch in the store (certified or approximate); -1 before the first', () => sources.nodeStatus?.().latestEpoch)
    epochGauge('thermotruth_certified_epoch', 'Newest certified epoch the engine holds; -1 before the first', () => sources.engineStatus()?.lastCertifiedEpoch)
    epochGauge('thermotruth_ticket_expiry_epoch', "Last epoch in which this node's identity ticket is valid; re-mine before it", () => sources.ticketExpiryEpoch?.())
    epochGauge('thermotruth_committee_members', "Members of the current epoch's committee", () => sources.engineStatus()?.committeeSize)
    epochGauge('thermotruth_committee_quorum', 'Endorsements a certificate needs in the current epoch: floor(2n/3) + 1 of n members', () => {
      const size = sources.engineStatus()?.committeeSize
      return size === undefined ? undefined : quorum(size)
    })
    new Gauge({
      name: 'thermotruth_sync_state',
      help: 'Sync state of the node: 1 for the current state, 0 for the others',
      labelNames: ['state'],
      registers,
      collect() {
        const current = sources.nodeStatus?.().sync.state
        for (const state of SYNC_STATES) this.set({ state }, state === current ? 1 : 0)
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
    const committee = this.sources.engineStatus()?.committeeSize ?? summary.includedAuthors
    if (this.sources.temperatureThreshold !== undefined) this.alarmThreshold.set(alarmThreshold(this.sources.temperatureThreshold, summary.includedAuthors))
    this.liveMembers.set(summary.approximate ? Math.min(summary.includedAuthors, committee) : summary.endorsements)
    for (const feed of summary.feeds) {
      this.temperature.set({ feed: feed.feed }, feed.temperature)
      this.entropyBits.set({ feed: feed.feed }, feed.entropyBits)
      this.freeEnergy.set({ feed: feed.feed }, feed.freeEnergy)
      this.nEff.set({ feed: feed.feed }, feed.nEff)
      for (const [index, value] of feed.values.entries()) this.feedValue.set({ feed: feed.feed, index: String(index) }, value)
    }
  }
}
