/** The aggregate dashboard's API shapes (mirrors packages/node/src/swarm/aggregate-state.ts; the page is bundled apart). */
import type { FeedPoint } from './types.js'

export interface SwarmEpochPoint {
  node: number
  epoch: number
  approximate: boolean
  feeds: FeedPoint[]
  difficulty: number
  latencyMs: number
  joules?: number
  endorsements: number
  committeeSize: number
  peers: number
  /** The node's genesis T threshold. */
  threshold?: number
}

export interface SwarmEviction {
  node: number
  epoch: number
  author: string
  untilEpoch: number
  reputation: number
}

export interface SwarmBytes {
  epoch: number
  byProtocol: Record<string, number>
}

export interface SwarmNodeRow {
  node: number
  apiUrl: string
  byzantine: boolean
  connected: boolean
}

export type SwarmEvent =
  | { type: 'epoch'; data: SwarmEpochPoint }
  | { type: 'eviction'; data: SwarmEviction }
  | { type: 'bytes'; data: SwarmBytes }
  | { type: 'node'; data: { node: number; connected: boolean } }

export interface SwarmSnapshot {
  attack?: string
  byzantine: number
  threshold?: number
  feeds: string[]
  nodes: SwarmNodeRow[]
  history: SwarmEvent[]
}
