/**
 * Messages between the launcher and its host processes over the `child_process.fork` IPC channel.
 * Every request carries a unique id and every reply echoes it: a late reply to a timed-out request can then never
 * resolve a different request (a harness deadlock seen in the stack measurements).
 */
import type { EpochOutcome, EpochSchedule, NodeStats, PeerAddress, SwarmRunConfig } from './types.js'

export type HostRequest =
  | { op: 'prepare'; config: SwarmRunConfig; indices: number[] }
  | { op: 'start'; config: SwarmRunConfig; indices: number[]; bootstrapAddrs: string[] }
  | { op: 'connect'; links: Array<{ node: number; peers: PeerAddress[]; known?: PeerAddress[] }> }
  | { op: 'stats' }
  | { op: 'run'; schedule: EpochSchedule }
  | { op: 'resolve'; firstEpoch: number; lastEpoch: number }
  | { op: 'load'; reportsPerSecond: number }
  | { op: 'stop' }

export interface StartedNode {
  node: number
  multiaddrs: string[]
  apiUrl?: string
}

export type HostReplyBody =
  | { op: 'prepare'; authors: Array<{ node: number; author: string }> }
  | { op: 'start'; nodes: StartedNode[] }
  | { op: 'connect' }
  | { op: 'stats'; stats: NodeStats[]; rssBytes: number; heapUsedBytes: number; eventLoopDelayMaxMs: number }
  | { op: 'run' }
  | { op: 'resolve'; outcomes: EpochOutcome[] }
  | { op: 'load' }
  | { op: 'stop' }

export type LauncherToHost = { id: number; request: HostRequest }

export type HostToLauncher =
  | { kind: 'reply'; id: number; ok: true; body: HostReplyBody }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'epoch'; outcomes: EpochOutcome[] }
  | { kind: 'log'; line: string }
  | { kind: 'ready' }
