import type { ClientReport, EngineStatus, ReportSubmission } from '@thermotruth/protocol'
import { Registry } from 'prom-client'
import type { ApiBackend, NodeStatusView } from '../src/api/index.js'
import { NodeMetrics } from '../src/metrics/index.js'
import type { NodeStore } from '../src/store/index.js'

/**
 * An API backend over a real NodeStore and real metrics, with an in-memory stand-in for the engine's status and
 * mempool (the HTTP layer is what these tests exercise).
 */
export class FakeBackend implements ApiBackend {
  readonly feeds = ['eth-usd', 'btc-usd']
  readonly events = new EventTarget()
  readonly registry = new Registry()
  readonly metrics: NodeMetrics
  readonly mempool: ClientReport[] = []
  private nextId = 0

  constructor(
    readonly store: NodeStore,
    readonly mempoolCapacity = 3,
  ) {
    this.metrics = new NodeMetrics(this.registry, { peers: () => [], engineStatus: () => this.engineStatus(), joulesByKind: () => ({ ticket: 0.5 }) })
  }

  engineStatus(): EngineStatus {
    return {
      epoch: 7,
      phase: 'collect',
      committeeSize: 4,
      lastCertifiedEpoch: 6,
      difficulty: 8,
      temperature: 1.5,
      entropyBits: 2,
      mempoolDepth: this.mempool.length,
    }
  }

  status(): NodeStatusView {
    return {
      network: 'local',
      peerId: '12D3KooWfake',
      author: 'ab'.repeat(32),
      listen: [],
      feeds: [...this.feeds],
      uptimeSec: 1,
      sync: { state: 'synced', fetched: 0 },
      peers: { connected: 0, ticketed: 0 },
      latestEpoch: undefined,
      engine: this.engineStatus(),
    }
  }

  submitReport(report: ClientReport): ReportSubmission {
    if (this.mempool.length >= this.mempoolCapacity) return { accepted: false, reason: 'mempool full', retryable: true }
    if (report.signature.every((b) => b === 0)) return { accepted: false, reason: 'bad-signature', retryable: false }
    this.mempool.push(report)
    return { accepted: true, reportId: `r${this.nextId++}` }
  }
}
