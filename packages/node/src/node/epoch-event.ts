import type { FinalityCertificate } from '@thermotruth/protocol'
import type { PeerSummary } from '../network/types.js'
import type { EpochSummary } from '../store/types.js'

/** Bounds what one SSE `epoch` event carries, whatever the swarm size. */
const MAX_LISTED = 64

/**
 * The SSE `epoch` payload: the stored summary plus what the live dashboard draws and the summary lacks (the
 * T threshold line, Joules spent so far, the certifying committee, the peer table). Extra fields only, so
 * existing readers of the summary fields are unaffected.
 */
export interface EpochEventDetail extends EpochSummary {
  temperatureThreshold: number
  joulesSpent: number
  committee: string[]
  peers: PeerSummary[]
}

export function epochEventDetail(
  summary: EpochSummary,
  certificate: FinalityCertificate | undefined,
  live: { temperatureThreshold: number; joulesSpent: number; peers: PeerSummary[] },
): EpochEventDetail {
  const committee = (certificate?.committee ?? []).slice(0, MAX_LISTED).map((key) => Buffer.from(key).toString('hex'))
  return { ...summary, ...live, committee, peers: live.peers.slice(0, MAX_LISTED) }
}
