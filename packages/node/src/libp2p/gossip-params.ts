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

/** Knobs measured by bench/gossip-tuning.ts (numbers in README-network.md). */
export interface GossipTuning {
  D: number
  Dlo: number
  Dhi: number
  heartbeatIntervalMs: number
  /** Messages at least this large trigger IDONTWANT to mesh peers (gossipsub 1.2). */
  idontwantMinDataSize: number
}

/**
 * Defaults picked from bench/gossip-tuning.ts (see README-network.md): D=6 (libp2p's default) with a 700 ms
 * heartbeat. IDONTWANT only pays for messages larger than ours (proposals are a few hundred bytes), so it keeps
 * the library threshold of 512 B.
 */
export const DEFAULT_GOSSIP_TUNING: GossipTuning = {
  D: 6,
  Dlo: 4,
  Dhi: 12,
  heartbeatIntervalMs: 700,
  idontwantMinDataSize: 512,
}

/** Largest gossip payload accepted from the wire; larger ones are dropped before decoding. */
export const MAX_GOSSIP_DATA_BYTES = 1 << 20

export function contentMsgId(msg: Message): Uint8Array {
  return hash('sha256', msg.data, 'buffer')
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

export interface LeanGossipInit {
  tuning: GossipTuning
  ipColocationWhitelist: Set<string>
  /** P5: the engine's reputation of a peer (weight 1; below -80 the peer is graylisted). */
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
    heartbeatInterval: tuning.heartbeatIntervalMs,
    idontwantMinDataSize: tuning.idontwantMinDataSize,
    maxInboundDataLength: MAX_GOSSIP_DATA_BYTES,
    scoreParams: {
      appSpecificScore: init.appSpecificScore,
      appSpecificWeight: 1,
      IPColocationFactorWhitelist: init.ipColocationWhitelist,
    },
  }
}
