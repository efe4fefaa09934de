import type { CanonicalInput } from './input.js'
import { uniformMedianInto, weightedMedianInto } from './median.js'

/** 1/Φ⁻¹(3/4): makes the MAD a consistent estimator of σ at the normal. 0.6745 in Iglewicz–Hoaglin is its inverse. */
export const MAD_TO_SIGMA = 1.4826

/** The robust start: coordinate-wise weighted median, per-coordinate scale, and who survives the z-score filter. */
export interface RobustStart {
  median: Float64Array
  /** Per-coordinate 1.4826·MAD, floored at madFloor·max(1, |median_j|). */
  scales: Float64Array
  /** Per-contribution modified z-score: the largest |x_ij − median_j| / scale_j over coordinates. */
  zScores: Float64Array
  /** Indices (author order) that pass the filter. */
  kept: Uint32Array
}

/**
 * Coordinate-wise weighted median and MAD, then the Iglewicz–Hoaglin modified z-score filter
 * M = 0.6745·(x − median)/MAD = (x − median)/(1.4826·MAD). For vectors we use the per-coordinate maximum of |M|
 * (a box around the median, matching the coordinate-wise validity that is achievable at f < 1/3), so one wild
 * coordinate is enough to exclude a contribution. If the box is empty (possible only when d > 1), the
 * contributions with the smallest max-score are kept, so the estimate always rests on some inputs.
 */
export function robustStart(input: CanonicalInput, zThreshold: number, madFloor: number): RobustStart {
  const { n, d, values, rawWeights } = input
  const column = new Float64Array(n)
  const order = new Uint32Array(n)
  const sortScratch = new Float64Array(n)
  const median = new Float64Array(d)
  const scales = new Float64Array(d)
  const uniform = rawWeights.every((w) => w === rawWeights[0])
  const medianOf = (xs: Float64Array): number => (uniform ? uniformMedianInto(xs, n, sortScratch) : weightedMedianInto(xs, rawWeights, n, order))
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = values[i * d + j]!
    const m = medianOf(column)
    for (let i = 0; i < n; i++) column[i] = Math.abs(column[i]! - m)
    const mad = medianOf(column)
    median[j] = m
    scales[j] = Math.max(MAD_TO_SIGMA * mad, madFloor * Math.max(1, Math.abs(m)))
  }
  const zScores = new Float64Array(n)
  let smallest = Number.POSITIVE_INFINITY
  let keptCount = 0
  for (let i = 0; i < n; i++) {
    let z = 0
    for (let j = 0; j < d; j++) {
      const r = Math.abs(values[i * d + j]! - median[j]!) / scales[j]!
      if (r > z) z = r
    }
    zScores[i] = z
    if (z < smallest) smallest = z
    if (z <= zThreshold) keptCount++
  }
  const cut = keptCount > 0 ? zThreshold : smallest
  const kept = new Uint32Array(keptCount > 0 ? keptCount : zScores.filter((z) => z <= cut).length)
  let k = 0
  for (let i = 0; i < n; i++) if (zScores[i]! <= cut) kept[k++] = i
  return { median, scales, zScores, kept }
}
