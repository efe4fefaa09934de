/**
 * Decayed reputation per identity, from the Boltzmann weight annealing gave its proposal each finalized epoch.
 *
 *   relative_t = min(1, w_t · n_t)          w_t: the author's weight (averaged over feeds, weights sum to 1), n_t:
 *                                           contributors; 1 = an average contributor; a committee member with no
 *                                           proposal in the record scores 0 (withholding costs reputation)
 *   rep_t      = λ · rep_{t-1} + (1 − λ) · relative_t        (EMA, λ = decay, newcomers start at `initial`)
 *
 * Capping at 1 keeps honest members near 1 even while attackers' weights (≈ 0) inflate everyone else's. With the
 * defaults (λ = 0.7, floor 0.3) an identity that annealing ignores falls below the floor after 4 epochs
 * (0.7^4 = 0.24) and loses its committee seat for `coolDownEpochs`; it then returns at `rejoin` (between floor and
 * initial), so a second offence evicts it again after 2 epochs (0.65 · 0.7^2 = 0.32, 0.65 · 0.7^3 = 0.22 → 3).
 * Equivocators are evicted at once and for good. Pure and deterministic: authors are processed in sorted order.
 */
import type { AuthorId } from '../messages/types.js'

export interface ReputationConfig {
  decay: number
  initial: number
  floor: number
  rejoin: number
  coolDownEpochs: number
}

export const DEFAULT_REPUTATION: ReputationConfig = { decay: 0.7, initial: 1, floor: 0.3, rejoin: 0.65, coolDownEpochs: 10 }

/** Eviction shape matches the engine's 'eviction' event (plus why). */
export interface Eviction {
  author: AuthorId
  /** Last epoch whose committee excludes the author. */
  untilEpoch: number
  reputation: number
  reason: 'low-reputation' | 'equivocation'
}

/** Suggested gossipsub application-specific scores (the node maps them onto its peer-score parameters). */
export const GOSSIP_SCORE = { max: 10, evicted: -20, equivocator: -100 } as const

const FOREVER = Number.MAX_SAFE_INTEGER

export class Reputation {
  readonly config: ReputationConfig
  private readonly scores = new Map<AuthorId, number>()
  private readonly evictedUntil = new Map<AuthorId, number>()
  private readonly equivocators = new Set<AuthorId>()

  constructor(config: Partial<ReputationConfig> = {}) {
    this.config = { ...DEFAULT_REPUTATION, ...config }
    const { decay, floor, rejoin, initial } = this.config
    if (!(decay >= 0 && decay < 1)) throw new RangeError('decay must be in [0, 1)')
    if (!(floor < rejoin && rejoin <= initial)) throw new RangeError('need floor < rejoin <= initial')
  }

  /**
   * Folds in finalized epoch `epoch`: `members` is its committee, `weights` each contributor's Boltzmann weight.
   * Returns the identities evicted by this update (they miss the committees of epoch + 1 .. epoch + coolDown).
   */
  update(epoch: number, members: Iterable<AuthorId>, weights: ReadonlyMap<AuthorId, number>): Eviction[] {
    const n = weights.size
    const authors = [...new Set([...members, ...weights.keys()])].sort()
    const evictions: Eviction[] = []
    const { decay, floor, rejoin, initial, coolDownEpochs } = this.config
    for (const author of authors) {
      if (this.equivocators.has(author)) continue
      const until = this.evictedUntil.get(author)
      if (until !== undefined) {
        if (epoch < until) continue // still cooling down: not scored
        this.evictedUntil.delete(author)
        this.scores.set(author, rejoin)
      }
      const w = weights.get(author) ?? 0
      const relative = Number.isFinite(w) ? Math.min(1, Math.max(0, w * n)) : 0
      const rep = decay * (this.scores.get(author) ?? initial) + (1 - decay) * relative
      this.scores.set(author, rep)
      if (rep < floor) {
        const untilEpoch = epoch + coolDownEpochs
        this.evictedUntil.set(author, untilEpoch)
        evictions.push({ author, untilEpoch, reputation: rep, reason: 'low-reputation' })
      }
    }
    return evictions
  }

  /** Proven equivocation: evicted immediately and permanently (the key is burned; a new identity needs new work). */
  penalizeEquivocation(author: AuthorId): Eviction {
    this.equivocators.add(author)
    this.evictedUntil.set(author, FOREVER)
    this.scores.set(author, 0)
    return { author, untilEpoch: FOREVER, reputation: 0, reason: 'equivocation' }
  }

  isEvicted(author: AuthorId, epoch: number): boolean {
    const until = this.evictedUntil.get(author)
    return until !== undefined && epoch <= until
  }

  reputation(author: AuthorId): number {
    return this.scores.get(author) ?? this.config.initial
  }

  /** Maps reputation onto [-10, 10] around the floor; evicted and equivocating identities get fixed penalties. */
  gossipScore(author: AuthorId, epoch: number): number {
    if (this.equivocators.has(author)) return GOSSIP_SCORE.equivocator
    if (this.isEvicted(author, epoch)) return GOSSIP_SCORE.evicted
    const { floor, initial } = this.config
    const scaled = (GOSSIP_SCORE.max * (this.reputation(author) - floor)) / (initial - floor)
    return Math.max(-GOSSIP_SCORE.max, Math.min(GOSSIP_SCORE.max, scaled))
  }
}
