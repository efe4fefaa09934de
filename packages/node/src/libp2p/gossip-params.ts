/**
 * The lean gossipsub profile. Proposals carry their own Ed25519 signatures, so libp2p's per-message signature
 * (StrictSign: ~100 B and one sign + one verify per hop) is pure cost: StrictNoSign measured ~3.5x the message
 * rate at a third of the CPU here. Message ids are sha256(data), so the same bytes from two forwarders are one
 * message; flood-publish is off (publish to the mesh only), which cut bytes per epoch ~35 % in the measurements.
 */
import { hash } from 'node:crypto'
import { type GossipsubOpts, StrictNoSign } from '@libp2p/gossipsub'
import type { Message } from '@libp2p/gossipsub'
import type { TopicScoreParams } from '@libp2p/gossipsub/score'
import { rememberMessageId } from '@thermotruth/protocol'
import { NetworkError } from '../network/errors.js'

/** Knobs measured by bench/gossip-tuning.ts (numbers in README-network.md). */
export interface GossipTuning {
  D: number
  Dlo: number
  Dhi: number
  heartbeatIntervalMs: number
  /** Messages at least this large trigger IDONTWANT to mesh peers (gossipsub 1.2). */
  idontwantMinDataSize: number
  /** Least number of non-mesh peers each heartbeat's IHAVE goes to (gossipsub default 6). */
  Dlazy: number
  /** Share of non-mesh topic peers IHAVE goes to, when that is more than Dlazy (gossipsub default 0.25). */
  gossipFactor: number
  /** Heartbeats in which a message id is advertised in IHAVE (gossipsub `mcacheGossip`, default 3). */
  historyGossip: number
}

/**
 * Defaults picked from bench/gossip-tuning.ts (n=20 in one process, table in README-network.md): against D=6,
 * D=4 (Dlo 3, Dhi 8) sent 6-27 % fewer gossip bytes, used less CPU per epoch and had the lower latency in 5 of 6
 * pairs. IDONTWANT was inconclusive on 2 KiB messages and never fires for our sub-512 B proposals, so it keeps
 * the library threshold. (Lodestar likewise lowers D on slow hosts, lodestar#3858.)
 *
 * Idle cost (docs/BENCHMARKS.md, "Idle stack"): the heartbeat is back at the library's 1 s (700 ms formed the mesh
 * a little faster, but every heartbeat does mesh upkeep for every topic on every node, forever), and IHAVE
 * gossip is cut from ~15-18 advertisements of each message id per node (Dlazy 6 or a quarter of the non-mesh
 * peers, for 3 heartbeats: about 2.4x the bytes of a 254 B proposal) to 3 peers for 2 heartbeats. IHAVE only
 * repairs what the mesh missed; on TCP with a formed mesh that is little, and IWANT still answers it.
 */
export const DEFAULT_GOSSIP_TUNING: GossipTuning = {
  D: 4,
  Dlo: 3,
  Dhi: 8,
  heartbeatIntervalMs: 1000,
  idontwantMinDataSize: 512,
  Dlazy: 3,
  gossipFactor: 0.1,
  historyGossip: 2,
}

/** gossipsub's `mcacheLength` (library default 5): messages are kept for IWANT this many heartbeats. */
const HISTORY_LENGTH = 5

export function assertGossipTuning(t: GossipTuning): void {
  const ints = [t.D, t.Dlo, t.Dhi, t.heartbeatIntervalMs, t.idontwantMinDataSize, t.Dlazy, t.historyGossip].every((v) => Number.isInteger(v) && v > 0)
  if (!ints || !(t.Dlo <= t.D && t.D <= t.Dhi) || t.heartbeatIntervalMs < 100) {
    throw new NetworkError('INVALID_OPTIONS', `gossip tuning needs positive integers with Dlo <= D <= Dhi and heartbeat >= 100 ms, got ${JSON.stringify(t)}`)
  }
  if (!(t.gossipFactor >= 0 && t.gossipFactor <= 1) || t.historyGossip > HISTORY_LENGTH) {
    throw new NetworkError('INVALID_OPTIONS', `gossip tuning needs gossipFactor in [0, 1] and historyGossip <= ${HISTORY_LENGTH}, got ${JSON.stringify(t)}`)
  }
}

/** Largest gossip payload accepted from the wire; larger ones are dropped before decoding. */
export const MAX_GOSSIP_DATA_BYTES = 1 << 20

/**
 * sha256(data) with node:crypto (~2 us for 256 B against ~5 us for @noble/hashes; 7 us against 55 us at 10 KB).
 * The digest is handed to the protocol (`rememberMessageId`), whose validators need the same id of the same bytes:
 * each received message is hashed once, not once here and once in the engine.
 */
export function contentMsgId(msg: Message): Uint8Array {
  const id = hash('sha256', msg.data, 'buffer')
  rememberMessageId(msg.data, id)
  return id
}

/**
 * Per-topic score parameters for application topics (registered on subscribe). Our topics are low-rate (a few
 * messages per epoch), so mesh-delivery deficits (P3/P3b) are off: they would prune honest but quiet peers.
 * Invalid messages (P4, counted when our validator says reject) weigh heavily and decay slowly (~70 s half-life):
 * one reject drops a peer below the gossip threshold (-10), a handful graylists it (-80).
 */
export const APP_TOPIC_SCORE_PARAMS: Partial<TopicScoreParams> = {
  topicWeight: 1,
  timeInMeshWeight: 0.01,
  timeInMeshQuantum: 1000,
  timeInMeshCap: 300,
  firstMessageDeliveriesWeight: 0.5,
  firstMessageDeliveriesDecay: 0.9,
  firstMessageDeliveriesCap: 20,
  meshMessageDeliveriesWeight: 0,
  meshFailurePenaltyWeight: 0,
  invalidMessageDeliveriesWeight: -20,
  invalidMessageDeliveriesDecay: 0.99,
}

/**
 * Peer-score thresholds, pinned to gossipsub v1.1's defaults so the application scores below can be sized
 * against them: under `gossipThreshold` no gossip is exchanged with the peer, under `publishThreshold` we do not
 * publish to it, under `graylistThreshold` every RPC from it is ignored.
 */
export const GOSSIP_SCORE_THRESHOLDS = { gossipThreshold: -10, publishThreshold: -50, graylistThreshold: -80, acceptPXThreshold: 10, opportunisticGraftThreshold: 20 } as const

/** Topics one node scores (proposals, endorsements, agreement, evidence: engine.topics). */
export const APP_TOPICS = 4

/** The most a peer can earn per scored topic (P1 time in mesh + P2 first deliveries, both capped), topic weight 1. */
export function maxPositiveTopicScore(p: Partial<TopicScoreParams> = APP_TOPIC_SCORE_PARAMS): number {
  return (p.timeInMeshWeight ?? 0) * (p.timeInMeshCap ?? 0) + (p.firstMessageDeliveriesWeight ?? 0) * (p.firstMessageDeliveriesCap ?? 0)
}

/**
 * P5 of an identity the engine evicted (reputation under the floor, or caught equivocating): low enough that even
 * a peer holding every positive topic score on all our topics stays under the graylist threshold, so its RPCs are
 * ignored for as long as it is evicted (node/app-scores.ts pins it there for the cool-down).
 */
export const EVICTED_APP_SCORE = GOSSIP_SCORE_THRESHOLDS.graylistThreshold - APP_TOPICS * maxPositiveTopicScore() - 20

export interface LeanGossipInit {
  tuning: GossipTuning
  ipColocationWhitelist: Set<string>
  /** P5: the engine's reputation of a peer (weight 1; below GOSSIP_SCORE_THRESHOLDS.graylistThreshold, graylisted). */
  appSpecificScore: (peerId: string) => number
}

export function leanGossipsubOptions(init: LeanGossipInit): Partial<GossipsubOpts> {
  const { tuning } = init
  return {
    globalSignaturePolicy: StrictNoSign,
    msgIdFn: contentMsgId,
    floodPublish: false,
    // Verdicts come from the application validator; unreported messages are never forwarded.
    asyncValidation: true,
    emitSelf: false,
    // Re-publishing the same bytes (same id) is a no-op, not an error: the glue may re-gossip its proposal.
    ignoreDuplicatePublishError: true,
    // publish() before the mesh has formed must not throw into the engine; the message is simply not sent
    // (the engine re-gossips; peers() shows the mesh).
    allowPublishToZeroTopicPeers: true,
    D: tuning.D,
    Dlo: tuning.Dlo,
    Dhi: tuning.Dhi,
    // Derived so any D stays consistent: keep ~2/3 of the mesh by score when pruning (default 4 of 6), and an
    // outbound quota below Dlo and at most D/2 (eclipse resistance), as gossipsub v1.1 requires.
    Dscore: Math.max(1, Math.round((tuning.D * 2) / 3)),
    Dout: Math.max(0, Math.min(2, tuning.Dlo - 1, Math.floor(tuning.D / 2))),
    heartbeatInterval: tuning.heartbeatIntervalMs,
    idontwantMinDataSize: tuning.idontwantMinDataSize,
    Dlazy: tuning.Dlazy,
    gossipFactor: tuning.gossipFactor,
    mcacheLength: HISTORY_LENGTH,
    mcacheGossip: tuning.historyGossip,
    maxInboundDataLength: MAX_GOSSIP_DATA_BYTES,
    scoreThresholds: { ...GOSSIP_SCORE_THRESHOLDS },
    scoreParams: {
      appSpecificScore: init.appSpecificScore,
      appSpecificWeight: 1,
      IPColocationFactorWhitelist: init.ipColocationWhitelist,
    },
  }
}
