/** The API shapes the page reads (mirrors packages/node/src/{api,store,node} types; the page is bundled apart). */

export interface FeedPoint {
  feed: string
  temperature: number
  entropyBits: number
  nEff: number
}

export interface PeerRow {
  peerId: string
  author: string
  direction: 'inbound' | 'outbound'
  ticketed: boolean
  gossipScore: number
  inMesh: boolean
}

/** SSE `epoch` event: the stored epoch summary plus live extras. */
export interface EpochEvent {
  epoch: number
  approximate: boolean
  feeds: FeedPoint[]
  nextDifficulty: number
  endorsements: number
  committeeSize: number
  latencyMs: number
  temperatureThreshold?: number
  joulesSpent?: number
  committee?: string[]
  peers?: PeerRow[]
}

/** SSE `eviction` event: `epoch` is the engine's epoch when it evicted. */
export interface EvictionEvent {
  epoch: number
  author: string
  untilEpoch: number
  reputation: number
}

/** SSE `peer` event. */
export interface PeerEvent {
  event: 'ticketed' | 'rejected' | 'disconnected'
  peerId: string
  reason?: string
}

export interface StatusView {
  network: string
  peerId: string
  author: string
  feeds: string[]
  sync: { state: string }
  peers: { connected: number; ticketed: number }
  latestEpoch?: number
  engine?: { epoch: number; phase: string; committeeSize: number; difficulty: number; mempoolDepth: number }
}

/** GET /v1/feeds/:feed body, used to backfill the traces at page load. */
export interface FeedHistory {
  feed: string
  points: Array<{ epoch: number; approximate: boolean; temperature: number; entropyBits: number; nEff: number }>
}
