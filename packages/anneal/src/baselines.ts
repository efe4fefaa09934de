import type { Contribution } from './input.js'
import { weightedMedianInto } from './median.js'

/** Baseline: coordinate-wise weighted median (what OCR-style oracles report). Inputs are assumed valid. */
export function coordinateMedian(contributions: readonly Contribution[]): Float64Array {
  const n = contributions.length
  const d = contributions[0]!.value.length
  const column = new Float64Array(n)
  const weights = contributions.map((c) => c.weight)
  const order = new Uint32Array(n)
  const out = new Float64Array(d)
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = contributions[i]!.value[j]!
    out[j] = weightedMedianInto(column, weights, n, order)
  }
  return out
}

/** Baseline: weighted mean (breakdown point 0). Inputs are assumed valid. */
export function weightedMean(contributions: readonly Contribution[]): Float64Array {
  const d = contributions[0]!.value.length
  const out = new Float64Array(d)
  let total = 0
  for (const c of contributions) {
    total += c.weight
    for (let j = 0; j < d; j++) out[j] = out[j]! + c.weight * c.value[j]!
  }
  for (let j = 0; j < d; j++) out[j] = out[j]! / total
  return out
}
