import { AnnealInputError } from './errors.js'
import type { ResolvedOptions } from './options.js'

/** One proposal for a feed: the author's vector and its prior weight (stake, reputation or 1). */
export interface Contribution {
  author: string
  value: Float64Array
  weight: number
}

/**
 * Contributions in canonical form: sorted by author (UTF-16 code-unit order, locale-free), values packed
 * row-major into one Float64Array, weights normalised to sum 1. Everything downstream iterates in this order,
 * which is what makes the result independent of the order the caller passed.
 */
export interface CanonicalInput {
  n: number
  d: number
  authors: string[]
  /** n·d values, row i = author i. */
  values: Float64Array
  /** Weights as given, in author order (the median uses these so integer weights stay exact). */
  rawWeights: Float64Array
  /** Weights normalised to sum to 1. */
  weights: Float64Array
}

/** Coordinates beyond this are refused: it keeps every difference, square and weighted sum finite. */
export const MAX_ABS_VALUE = 1e150

function byAuthor(a: Contribution, b: Contribution): number {
  return a.author < b.author ? -1 : a.author > b.author ? 1 : 0
}

/** Validates and canonicalises; every rejection is an AnnealInputError with a reason. */
export function canonicalise(contributions: readonly Contribution[], options: ResolvedOptions): CanonicalInput {
  if (!Array.isArray(contributions) || contributions.length === 0) throw new AnnealInputError('empty', 'no contributions')
  const n = contributions.length
  if (n > options.maxContributions) throw new AnnealInputError('too-many', `${n} contributions exceed maxContributions ${options.maxContributions}`)
  for (const c of contributions) {
    if (c === null || typeof c !== 'object' || typeof c.author !== 'string') throw new AnnealInputError('empty', 'every contribution needs a string author')
    if (!(c.value instanceof Float64Array)) throw new AnnealInputError('dimension-mismatch', `contribution from ${c.author} has no Float64Array value`)
  }
  const d = contributions[0]!.value.length
  if (d === 0) throw new AnnealInputError('empty', 'vectors have dimension 0')
  if (d > options.maxDimension) throw new AnnealInputError('too-large', `dimension ${d} exceeds maxDimension ${options.maxDimension}`)

  const sorted = [...contributions].sort(byAuthor)
  const values = new Float64Array(n * d)
  const rawWeights = new Float64Array(n)
  const authors: string[] = new Array(n)
  let total = 0
  for (let i = 0; i < n; i++) {
    const c = sorted[i]!
    if (i > 0 && c.author === authors[i - 1]) throw new AnnealInputError('duplicate-author', `author ${c.author} contributed twice`)
    if (c.value.length !== d) throw new AnnealInputError('dimension-mismatch', `author ${c.author} sent dimension ${c.value.length}, expected ${d}`)
    for (let j = 0; j < d; j++) {
      const x = c.value[j]!
      if (!Number.isFinite(x)) throw new AnnealInputError('non-finite', `author ${c.author} sent a non-finite value at coordinate ${j}`)
      if (Math.abs(x) > MAX_ABS_VALUE) throw new AnnealInputError('out-of-range', `author ${c.author} sent |value| > ${MAX_ABS_VALUE} at coordinate ${j}`)
      values[i * d + j] = x
    }
    if (!(typeof c.weight === 'number' && Number.isFinite(c.weight) && c.weight > 0)) {
      throw new AnnealInputError('bad-weight', `author ${c.author} has weight ${c.weight}; weights must be finite and > 0`)
    }
    authors[i] = c.author
    rawWeights[i] = c.weight
    total += c.weight
  }
  if (!Number.isFinite(total)) throw new AnnealInputError('bad-weight', 'weights sum to more than the largest finite number')
  const weights = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    weights[i] = rawWeights[i]! / total
    if (weights[i] === 0) throw new AnnealInputError('bad-weight', `weight of ${authors[i]} is negligible next to the total (they span too many orders of magnitude)`)
  }
  return { n, d, authors, values, rawWeights, weights }
}
