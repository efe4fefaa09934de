import type { RejectReason } from '@thermotruth/protocol'

/**
 * Gossipsub application score (P5) per peer, from the engine's penalties and equivocation evidence. Each event
 * subtracts a weight; scores decay toward 0 every epoch so a peer that behaves recovers.
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

export class AppScores {
  private readonly scores = new Map<string, number>()

  constructor(private readonly apply: (peer: string, score: number) => void) {}

  penalize(peer: string, reason: RejectReason): void {
    this.add(peer, -(PENALTY[reason] ?? PENALTY.default))
  }

  equivocated(peer: string): void {
    this.add(peer, -EQUIVOCATION_PENALTY)
  }

  score(peer: string): number {
    return this.scores.get(peer) ?? 0
  }

  /** Once per epoch: scores shrink toward 0; near-zero entries are dropped. */
  decay(): void {
    for (const [peer, score] of this.scores) {
      const next = score * DECAY_PER_EPOCH
      if (Math.abs(next) < 0.5) {
        this.scores.delete(peer)
        this.apply(peer, 0)
      } else {
        this.scores.set(peer, next)
        this.apply(peer, next)
      }
    }
  }

  private add(peer: string, delta: number): void {
    if (!this.scores.has(peer) && this.scores.size >= MAX_TRACKED) return
    const next = Math.max(FLOOR, (this.scores.get(peer) ?? 0) + delta)
    this.scores.set(peer, next)
    this.apply(peer, next)
  }
}
