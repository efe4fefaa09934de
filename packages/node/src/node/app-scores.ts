import { DEFAULT_REPUTATION, type RejectReason } from '@thermotruth/protocol'
import { EVICTED_APP_SCORE } from '../libp2p/gossip-params.js'

/**
 * Gossipsub application score (P5) per peer, from the engine's penalties and equivocation evidence. Each event
 * subtracts a weight; scores decay toward 0 every epoch so a peer that behaves recovers.
 *
 * An eviction (the engine's `penalty` with reason `low-reputation`: the identity fell under the reputation floor or
 * was struck out as a far outlier) is not a small fine but a verdict: the identity's P5 is pinned at
 * EVICTED_APP_SCORE, under the graylist threshold whatever else the peer earned, for the engine's cool-down
 * (DEFAULT_REPUTATION.coolDownEpochs epochs, counted by `decay()`), then decays back like any other penalty.
 * Equivocators are pinned for good (their eviction is permanent).
 */
const PENALTY: Partial<Record<RejectReason, number>> & { default: number } = {
  equivocation: 100,
  'bad-signature': 20,
  'bad-ticket': 20,
  'bad-stamp': 10,
  'wrong-network': 10,
  malformed: 10,
  oversize: 10,
  default: 2,
}
const EQUIVOCATION_PENALTY = 200
const DECAY_PER_EPOCH = 0.9
const FLOOR = -1000
const MAX_TRACKED = 10_000
const FOREVER = Number.POSITIVE_INFINITY

export class AppScores {
  private readonly scores = new Map<string, number>()
  /** Evicted peers: epochs (decay calls) left with the score pinned under the graylist threshold. */
  private readonly pinned = new Map<string, number>()

  constructor(
    private readonly apply: (peer: string, score: number) => void,
    private readonly coolDownEpochs = DEFAULT_REPUTATION.coolDownEpochs,
  ) {}

  penalize(peer: string, reason: RejectReason): void {
    if (reason === 'low-reputation') this.pin(peer, this.coolDownEpochs)
    else this.add(peer, -(PENALTY[reason] ?? PENALTY.default))
  }

  equivocated(peer: string): void {
    this.pin(peer, FOREVER)
    this.add(peer, -EQUIVOCATION_PENALTY)
  }

  score(peer: string): number {
    return this.scores.get(peer) ?? 0
  }

  /** Once per epoch: scores shrink toward 0 (pinned ones stay pinned); near-zero entries are dropped. */
  decay(): void {
    for (const [peer, left] of this.pinned) {
      if (left <= 1) this.pinned.delete(peer)
      else this.pinned.set(peer, left - 1)
    }
    for (const [peer, score] of this.scores) {
      const next = this.pinned.has(peer) ? Math.min(score, EVICTED_APP_SCORE) : score * DECAY_PER_EPOCH
      if (Math.abs(next) < 0.5) {
        this.scores.delete(peer)
        this.apply(peer, 0)
      } else {
        this.scores.set(peer, next)
        this.apply(peer, next)
      }
    }
  }

  private pin(peer: string, epochs: number): void {
    if (!this.scores.has(peer) && this.scores.size >= MAX_TRACKED) return
    this.pinned.set(peer, Math.max(epochs, this.pinned.get(peer) ?? 0))
    this.add(peer, Math.min(0, EVICTED_APP_SCORE - this.score(peer)))
  }

  private add(peer: string, delta: number): void {
    if (!this.scores.has(peer) && this.scores.size >= MAX_TRACKED) return
    const next = Math.max(FLOOR, (this.scores.get(peer) ?? 0) + delta)
    this.scores.set(peer, next)
    this.apply(peer, next)
  }
}
