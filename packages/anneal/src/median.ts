/**
 * Weighted median with a deterministic tie rule: values are ordered by (value, original index), the cumulative
 * weight is summed in that order, and the median is the first value whose cumulative weight reaches half the
 * total. When the cumulative weight equals exactly half (e.g. an even count of equal weights), the result is the
 * midpoint of that value and the next, so equal weights reproduce the ordinary median.
 * Weights must be finite and >= 0 with a positive total; `order` is scratch space of at least `values.length`.
 */
export function weightedMedianInto(values: ArrayLike<number>, weights: ArrayLike<number>, count: number, order: Uint32Array): number {
  for (let i = 0; i < count; i++) order[i] = i
  const view = order.subarray(0, count)
  view.sort((a, b) => values[a]! - values[b]! || a - b)
  let total = 0
  for (let i = 0; i < count; i++) total += weights[i]!
  let cumulative = 0
  for (let k = 0; k < count; k++) {
    const index = view[k]!
    cumulative += weights[index]!
    const twice = 2 * cumulative
    if (twice > total) return values[index]!
    if (twice === total) {
      // Exactly half: average with the next value that carries weight (zero weights do not count).
      for (let j = k + 1; j < count; j++) {
        const next = view[j]!
        if (weights[next]! > 0) return values[index]! / 2 + values[next]! / 2
      }
      return values[index]!
    }
  }
  return values[view[count - 1]!]!
}

/**
 * The same median for equal weights, by the engine's native numeric sort of `scratch` (a copy of the values):
 * several times faster than sorting indices with a comparator. Equal weights make the tie rule irrelevant.
 */
export function uniformMedianInto(values: ArrayLike<number>, count: number, scratch: Float64Array): number {
  const view = scratch.subarray(0, count)
  for (let i = 0; i < count; i++) view[i] = values[i]!
  view.sort()
  const mid = count >> 1
  return count % 2 === 1 ? view[mid]! : view[mid - 1]! / 2 + view[mid]! / 2
}

/** Public weighted median (see `weightedMedianInto`). Throws a RangeError on mismatched lengths, an empty input, non-finite values or bad weights. */
export function weightedMedian(values: Float64Array | number[], weights: number[]): number {
  const n = values.length
  if (n === 0) throw new RangeError('weightedMedian: no values')
  if (weights.length !== n) throw new RangeError(`weightedMedian: ${n} values but ${weights.length} weights`)
  let total = 0
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`weightedMedian: value ${i} is not finite`)
    const w = weights[i]!
    if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`weightedMedian: weight ${i} must be finite and >= 0`)
    total += w
  }
  if (!(total > 0)) throw new RangeError('weightedMedian: weights sum to zero')
  return weightedMedianInto(values, weights, n, new Uint32Array(n))
}
