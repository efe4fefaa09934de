/**
 * Wires gossipsub's async validation to the application. gossipsub hands every new message to us as
 * `gossipsub:message` and forwards it only once we report a verdict, so an application reject both stops the
 * message at this hop and charges the forwarder P4 (invalid deliveries). Order of checks: the forwarder must be
 * ticketed (identity gate) before the application validator ever sees the bytes.
 *
 * A forwarder without a verified ticket is *ignored*, never rejected, and its copy is forgotten. Message ids are
 * content hashes: rejecting a stranger's copy of a valid message marked that id invalid, so gossipsub charged P4 to
 * every honest peer whose copy came next (measured: honest pairs at -12 to -17, below the gossip threshold, and lost
 * certificates). Ignoring alone would still drop the honest copy as a duplicate, so the id also leaves the seen cache
 * and the delivery records: the next (honest) copy is validated afresh as if the stranger had sent nothing.
 *
 * Such a peer also holds no mesh slot: after every heartbeat the router takes peers without a verified ticket out of
 * our topic meshes (quietly, no PRUNE and no backoff, so an honest peer whose ticket verifies a moment later is grafted
 * at the next heartbeat), and gossipsub fills the slot with a ticketed peer.
 */
import { type GossipSub, type GossipsubMessage, TopicValidatorResult } from '@libp2p/gossipsub'
import { type TopicScoreParams, createTopicScoreParams } from '@libp2p/gossipsub/score'
import { APP_TOPIC_SCORE_PARAMS } from '../libp2p/gossip-params.js'
import { errorMessage } from './errors.js'
import type { GossipVerdict } from './types.js'

/** Members of the gossipsub class that its exported `GossipSub` interface does not declare. */
export interface GossipsubInternals {
  getMeshPeers(topic: string): string[]
  getScore(peerId: string): number
  /** Per-peer score components (P1-P7 inputs): what a test prints when a score is not what it expected. */
  dumpPeerScoreStats(): Record<string, unknown>
  reportMessageValidationResult(msgId: string, propagationSource: string, acceptance: TopicValidatorResult): void
  readonly score: { readonly params: { topics: Record<string, TopicScoreParams> }; readonly deliveryRecords?: { records?: Map<string, unknown> } }
  /** gossipsub 17's duplicate filter (utils/time-cache.js); optional so a library change degrades to plain ignore. */
  readonly seenCache?: { entries?: Map<string, unknown> }
  /** Topic → mesh peer ids (gossipsub's own mesh, trimmed after each heartbeat). */
  readonly mesh?: Map<string, Set<string>>
}

export type Gossipsub = GossipSub & GossipsubInternals

interface Subscription {
  validate: (fromPeerId: string, data: Uint8Array) => GossipVerdict
  onMessage: (fromPeerId: string, data: Uint8Array) => void
}

const RESULT: Record<GossipVerdict, TopicValidatorResult> = {
  accept: TopicValidatorResult.Accept,
  ignore: TopicValidatorResult.Ignore,
  reject: TopicValidatorResult.Reject,
}

export interface GossipRouterCounters {
  accepted: number
  ignored: number
  rejected: number
  /** Always 0 since strangers' gossip is ignored, not rejected; kept for the metric's label. */
  rejectedUnticketed: number
  /** Messages whose forwarder had no verified ticket: ignored and forgotten (see the file comment). */
  ignoredUnticketed: number
  /** Times a peer without a verified ticket was taken out of a topic mesh after a heartbeat. */
  meshTrimmed: number
}

export class GossipRouter {
  readonly counters: GossipRouterCounters = { accepted: 0, ignored: 0, rejected: 0, rejectedUnticketed: 0, ignoredUnticketed: 0, meshTrimmed: 0 }
  private readonly subscriptions = new Map<string, Subscription>()

  constructor(
    private readonly pubsub: Gossipsub,
    private readonly isTicketed: (peerId: string) => boolean,
    private readonly log: (msg: string) => void,
  ) {}

  start(): void {
    this.pubsub.addEventListener('gossipsub:message', this.onGossip)
    this.pubsub.addEventListener('gossipsub:heartbeat', this.trimMesh)
  }

  stop(): void {
    this.pubsub.removeEventListener('gossipsub:message', this.onGossip)
    this.pubsub.removeEventListener('gossipsub:heartbeat', this.trimMesh)
  }

  /** Mesh slots are for peers with a verified ticket only (see the file comment). */
  private readonly trimMesh = (): void => {
    for (const topic of this.subscriptions.keys()) {
      const peers = this.pubsub.mesh?.get(topic)
      if (peers === undefined) continue
      for (const peerId of peers) {
        if (!this.isTicketed(peerId)) {
          peers.delete(peerId)
          this.counters.meshTrimmed++
        }
      }
    }
  }

  topics(): string[] {
    return [...this.subscriptions.keys()]
  }

  subscribe(topic: string, sub: Subscription): void {
    // Score this topic (P1-P4); gossipsub only scores topics present in its params.
    this.pubsub.score.params.topics[topic] ??= createTopicScoreParams(APP_TOPIC_SCORE_PARAMS)
    this.subscriptions.set(topic, sub)
    this.pubsub.subscribe(topic)
  }

  verdictFor(fromPeerId: string, topic: string, data: Uint8Array): GossipVerdict {
    if (!this.isTicketed(fromPeerId)) {
      this.counters.ignoredUnticketed++
      return 'ignore'
    }
    const sub = this.subscriptions.get(topic)
    if (sub === undefined) return 'ignore'
    try {
      return sub.validate(fromPeerId, data)
    } catch (err) {
      // A throwing validator is our bug, not the peer's fault: drop without penalising the forwarder.
      this.log(`validator for ${topic} threw: ${errorMessage(err)}`)
      return 'ignore'
    }
  }

  /** Drops a stranger's copy from gossipsub's duplicate filter, so an honest copy of the same bytes is still heard. */
  private forget(msgId: string): void {
    this.pubsub.seenCache?.entries?.delete(msgId)
    this.pubsub.score.deliveryRecords?.records?.delete(msgId)
  }

  private readonly onGossip = (evt: CustomEvent<GossipsubMessage>): void => {
    const { msgId, msg, propagationSource } = evt.detail
    const from = propagationSource.toString()
    const unverified = !this.isTicketed(from)
    const verdict = this.verdictFor(from, msg.topic, msg.data)
    this.pubsub.reportMessageValidationResult(msgId, from, RESULT[verdict])
    if (unverified) this.forget(msgId)
    if (verdict === 'reject') this.counters.rejected++
    else if (verdict === 'ignore') this.counters.ignored++
    else {
      this.counters.accepted++
      try {
        this.subscriptions.get(msg.topic)?.onMessage(from, msg.data)
      } catch (err) {
        this.log(`message handler for ${msg.topic} threw: ${errorMessage(err)}`)
      }
    }
  }
}
