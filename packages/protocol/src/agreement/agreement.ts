/**
 * Approximate agreement (Dolev, Lynch, Pinter, Stark, Weihl 1986): each round every committee member publishes its
 * estimate; each node drops the f lowest and f highest values per coordinate (f = floor((n − 1) / 3)) and moves to
 * the midpoint of what remains. Coordinate-wise ("box") validity: with f < n/3 Byzantine and vectors of d ≥ 2,
 * convex-hull validity is impossible, a per-coordinate range is what can be guaranteed.
 *
 * Why the honest spread at least halves (synchronous rounds, every honest estimate reaches every honest node, up to
 * f Byzantine values that may differ per receiver): with h₁ ≤ … ≤ h_{n−f} the honest values, each node's trimmed
 * range [lo, hi] satisfies h₁ ≤ lo ≤ h_{f+1} ≤ hi ≤ h_{n−f} (at most f values can sit below h₁ or push lo past
 * h_{f+1}; n − f ≥ 2f + 1 keeps h_{f+1} inside every trimmed range). So every new midpoint lies in
 * [(h₁ + h_{f+1}) / 2, (h_{f+1} + h_{n−f}) / 2], an interval of half the old honest range, and inside the old
 * honest range (validity). Rounds to reach ε from spread Δ: ⌈log₂(Δ / ε)⌉.
 */
import type { Bytes } from '../messages/types.js'
import { maxFaulty } from '../committee/quorum.js'
import { LIMITS } from '../wire/limits.js'

/** Midpoint of the values after dropping the f lowest and f highest. Needs more than 2f values. */
export function trimmedMidpoint(values: ArrayLike<number>, f: number): number {
  if (!(values.length > 2 * f)) throw new RangeError(`${values.length} values cannot lose ${f} from each side`)
  const sorted = Float64Array.from(values).sort()
  return (sorted[f] + sorted[sorted.length - 1 - f]) / 2
}

/** One round over vectors of one feed (equal dimension): coordinate-wise trimmed midpoints. */
export function agreementStep(estimates: ArrayLike<number>[], f: number): Float64Array {
  const dims = estimates[0]?.length ?? 0
  if (estimates.some((e) => e.length !== dims)) throw new RangeError('estimates differ in dimension')
  const out = new Float64Array(dims)
  const column = new Float64Array(estimates.length)
  for (let d = 0; d < dims; d++) {
    for (let i = 0; i < estimates.length; i++) column[i] = estimates[i][d]
    out[d] = trimmedMidpoint(column, f)
  }
  return out
}

/** Largest per-coordinate range (max − min) over the vectors: the quantity that halves each round. */
export function spread(vectors: ArrayLike<number>[]): number {
  let worst = 0
  const dims = vectors[0]?.length ?? 0
  for (let d = 0; d < dims; d++) {
    let lo = Infinity
    let hi = -Infinity
    for (const v of vectors) {
      lo = Math.min(lo, v[d])
      hi = Math.max(hi, v[d])
    }
    worst = Math.max(worst, hi - lo)
  }
  return worst
}

/** Rounds that bring a spread of `spreadNow` to at most `epsilon` (halving per round), capped at the wire limit. */
export function roundsFor(spreadNow: number, epsilon: number): number {
  if (!(epsilon > 0)) throw new RangeError('epsilon must be positive')
  if (!(spreadNow > epsilon)) return 0
  return Math.min(LIMITS.agreementRounds, Math.ceil(Math.log2(spreadNow / epsilon)))
}

export interface FeedEstimate {
  feed: string
  values: Float64Array
}

/**
 * One round over all feeds from the estimates a node received (one list per committee member; at most one
 * estimate per member is the caller's job). f comes from the committee size, not the count received. A feed is
 * updated only when more than 2f estimates of one dimension carry it; otherwise the node keeps `own`.
 */
export function agreeFeeds(
  received: Array<{ author: Bytes; feeds: FeedEstimate[] }>,
  committeeSize: number,
  own: FeedEstimate[],
): FeedEstimate[] {
  const f = maxFaulty(committeeSize)
  return own.map(({ feed, values }) => {
    const vectors = received
      .map((r) => r.feeds.find((x) => x.feed === feed)?.values)
      .filter((v): v is Float64Array => v !== undefined && v.length === values.length)
    return vectors.length > 2 * f ? { feed, values: agreementStep(vectors, f) } : { feed, values }
  })
}
