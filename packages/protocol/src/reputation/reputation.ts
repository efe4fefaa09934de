/**
 * Decayed reputation per identity, from the Boltzmann weight annealing gave its proposal each finalized epoch.
 *
 *   relative_t = min(1, w_t · n_t)          w_t: the author's weight (averaged over feeds, weights sum to 1), n_t:
 *                                           contributors; 1 = an average contributor; a committee member with no
 *                                           proposal in the record scores 0 (withholding costs reputation)
 *   rep_t      = λ · rep_{t-1} + (1 − λ) · relative_t        (EMA, λ = decay, newcomers start at `initial`)
 *
 * Capping at 1 keeps honest members near 1 even while attackers' weights (≈ 0) inflate everyone else's. An identity
 * whose reputation falls below the floor loses its committee seat for `coolDownEpochs`; it then returns at
 * `rejoin` (between floor and initial), so a second offence evicts it again sooner.
 *
 * Strikes: an author the engine marks as a far outlier (`update`'s `far`, see engine/aggregate.ts STRIKE_Z) in
 * `strikes` of its last `strikeWindow` scored epochs (default: 3 in a row) is evicted at once, whatever its EMA.
 * This is what takes a far outlier off the committee after 3 epochs (issue 6) without a faster decay: λ = 0.5 did
 * it too, but also evicted honest nodes whose draws sat in the tail for a few epochs under ALIE (n = 100, f = 0.33).
 * "Cut by the filter" is not a safe strike either: ALIE's tight cluster shrinks the robust scale so much that ~10%
 * of honest draws fall beyond the 3.5-scale cut (measured, n = 31 and 100), and 3 in a row evicted honest nodes.
 * The cut history survives a cool-down, so a returning outlier is struck out by its next strike. A member with no
 * proposal in the record scores 0 but takes no strike.
 *
 * With the defaults (λ = 0.7, floor 0.3) an ignored identity falls below the floor after 4 epochs (0.7^4 = 0.24),
 * a far one is struck out after 3; a partly weighted one
 * (e.g. random noise that lands inside the filter now and then) decays to its mean relative weight and is evicted
 * when that is under the floor. Equivocators are evicted at once and for good. Pure and deterministic: authors are
 * processed in sorted order.
 */
import type { AuthorId } from '../messages/types.js'

export interface ReputationConfig {
  decay: number
  initial: number
  floor: number
  rejoin: number
  coolDownEpochs: number
  /** Far-outlier epochs within the last `strikeWindow` scored epochs that evict at once. */
  strikes: number
  strikeWindow: number
}

export const DEFAULT_REPUTATION: ReputationConfig = { decay: 0.7, initial: 1, floor: 0.3, rejoin: 0.65, coolDownEpochs: 10, strikes: 3, strikeWindow: 3 }

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
const NONE: ReadonlySet<AuthorId> = new Set()

export class Reputation {
  readonly config: ReputationConfig
  private readonly scores = new Map<AuthorId, number>()
  private readonly evictedUntil = new Map<AuthorId, number>()
  /** First epoch an eviction on evidence applies to (absent: every epoch up to `evictedUntil`). */
  private readonly evictedFrom = new Map<AuthorId, number>()
  private readonly equivocators = new Set<AuthorId>()
  /** Per author, the last `strikeWindow` scored epochs as bits (1 = a strike), newest in bit 0. */
  private readonly cuts = new Map<AuthorId, number>()

  constructor(config: Partial<ReputationConfig> = {}) {
    this.config = { ...DEFAULT_REPUTATION, ...config }
    const { decay, floor, rejoin, initial } = this.config
    if (!(decay >= 0 && decay < 1)) throw new RangeError('decay must be in [0, 1)')
    if (!(floor < rejoin && rejoin <= initial)) throw new RangeError('need floor < rejoin <= initial')
    const { strikes, strikeWindow } = this.config
    if (!(Number.isInteger(strikeWindow) && strikeWindow >= 1 && strikeWindow <= 30)) throw new RangeError('strikeWindow must be an integer in [1, 30]')
    if (!(Number.isInteger(strikes) && strikes >= 1)) throw new RangeError('strikes must be a positive integer')
  }

  /**
   * Folds in finalized epoch `epoch`: `members` is its committee, `weights` each contributor's Boltzmann weight.
   * Returns the identities evicted by this update (they miss the committees of epoch + 1 .. epoch + coolDown).
   * `far`: contributors whose value was a far outlier this epoch (a strike each).
   */
  update(epoch: number, members: Iterable<AuthorId>, weights: ReadonlyMap<AuthorId, number>, far: ReadonlySet<AuthorId> = NONE): Eviction[] {
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
        this.evictedFrom.delete(author)
        // Its cut history survives the cool-down: a returning outlier is struck out by its next cut.
        this.scores.set(author, rejoin)
      }
      const w = weights.get(author) ?? 0
      const relative = Number.isFinite(w) ? Math.min(1, Math.max(0, w * n)) : 0
      const rep = decay * (this.scores.get(author) ?? initial) + (1 - decay) * relative
      this.scores.set(author, rep)
      if (rep < floor || this.struckOut(author, far.has(author))) {
        const untilEpoch = epoch + coolDownEpochs
        this.evictedUntil.set(author, untilEpoch)
        evictions.push({ author, untilEpoch, reputation: rep, reason: 'low-reputation' })
      }
    }
    return evictions
  }

  /** Records this epoch's strike (or not) and says whether the author has `strikes` of them in its window. */
  private struckOut(author: AuthorId, strike: boolean): boolean {
    const { strikes, strikeWindow } = this.config
    const bits = (((this.cuts.get(author) ?? 0) << 1) | (strike ? 1 : 0)) & ((1 << strikeWindow) - 1)
    if (bits === 0) this.cuts.delete(author)
    else this.cuts.set(author, bits)
    let count = 0
    for (let b = bits; b !== 0; b &= b - 1) count++
    return count >= strikes
  }

  /** Proven equivocation: evicted immediately and permanently (the key is burned; a new identity needs new work). */
  /**
   * Evidence of equivocation evicts for good, from `fromEpoch` on. Evidence reaches nodes at different times during
   * an epoch, so an eviction that reached back into the epoch it was found in would change that epoch's committee on
   * some nodes and not others, and they would judge its certificate against different committees.
   */
  penalizeEquivocation(author: AuthorId, fromEpoch = 0): Eviction {
    this.equivocators.add(author)
    this.evictedUntil.set(author, FOREVER)
    this.evictedFrom.set(author, fromEpoch)
    this.scores.set(author, 0)
    return { author, untilEpoch: FOREVER, reputation: 0, reason: 'equivocation' }
  }

  isEvicted(author: AuthorId, epoch: number): boolean {
    const until = this.evictedUntil.get(author)
    return until !== undefined && epoch <= until && epoch >= (this.evictedFrom.get(author) ?? 0)
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
