/** The API shapes the page reads (mirrors packages/node/src/{api,store,node} types; the page is bundled apart). */

export interface FeedPoint {
  feed: string
  /** The agreed value (one number per dimension). */
  values?: number[]
  temperature: number
  entropyBits: number
  nEff: number
  /** Approximate epochs: the measured spread of the honest estimates (certified epochs: identical everywhere). */
  approximateSpread?: number
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
  /** Proposals the record included: the n the T alarm threshold depends on. */
  includedAuthors?: number
  /** Sent from the store to a resuming stream (page load backfill), not live: no extras, no bytes delta. */
  replayed?: boolean
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
