/**
 * Wires gossipsub's async validation to the application. gossipsub hands every new message to us as
 * `gossipsub:message` and forwards it only once we report a verdict, so an application reject both stops the
 * message at this hop and charges the forwarder P4 (invalid deliveries). Order of checks: the forwarder must be
 * ticketed (identity gate) before the application validator ever sees the bytes.
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
  reportMessageValidationResult(msgId: string, propagationSource: string, acceptance: TopicValidatorResult): void
  readonly score: { readonly params: { topics: Record<string, TopicScoreParams> } }
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
  rejectedUnticketed: number
}

export class GossipRouter {
  readonly counters: GossipRouterCounters = { accepted: 0, ignored: 0, rejected: 0, rejectedUnticketed: 0 }
  private readonly subscriptions = new Map<string, Subscription>()

  constructor(
    private readonly pubsub: Gossipsub,
    private readonly isTicketed: (peerId: string) => boolean,
    private readonly log: (msg: string) => void,
  ) {}

  start(): void {
    this.pubsub.addEventListener('gossipsub:message', this.onGossip)
  }

  stop(): void {
    this.pubsub.removeEventListener('gossipsub:message', this.onGossip)
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
      this.counters.rejectedUnticketed++
      return 'reject'
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

  private readonly onGossip = (evt: CustomEvent<GossipsubMessage>): void => {
    const { msgId, msg, propagationSource } = evt.detail
    const from = propagationSource.toString()
    const verdict = this.verdictFor(from, msg.topic, msg.data)
    this.pubsub.reportMessageValidationResult(msgId, from, RESULT[verdict])
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
