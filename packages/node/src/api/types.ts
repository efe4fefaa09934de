import type { ClientReport, EngineStatus, ReportSubmission } from '@thermotruth/protocol'
import type { Registry } from 'prom-client'
import type { NodeStore } from '../store/node-store.js'

/** GET /v1/status body. */
export interface NodeStatusView {
  network: string
  peerId: string
  author: string
  listen: string[]
  feeds: string[]
  uptimeSec: number
  sync: { state: 'starting' | 'syncing' | 'synced'; fetched: number; target?: number }
  peers: { connected: number; ticketed: number }
  latestEpoch: number | undefined
  engine: EngineStatus | undefined
}

/** What the SSE stream carries: finalized epochs, peer changes and evicted identities. */
export type ApiEventName = 'epoch' | 'peer' | 'eviction'

/** The node as the API sees it; `ThermoNode` implements it, tests may supply a small fake. */
export interface ApiBackend {
  status(): NodeStatusView
  readonly feeds: readonly string[]
  readonly store: NodeStore
  submitReport(report: ClientReport): ReportSubmission
  /** Dispatches CustomEvent<unknown> named by ApiEventName; detail is JSON-serialisable. */
  readonly events: EventTarget
  readonly registry: Registry
}

export interface ApiServerOptions {
  host: string
  port: number
  maxBodyBytes?: number
  keepaliveMs?: number
  maxEventClients?: number
  /** Also serve /metrics alone on this port (`--metrics-port`; 0 picks a free one). /metrics stays on the API too. */
  metricsPort?: number
  /** Default: `host`. */
  metricsHost?: string
}
