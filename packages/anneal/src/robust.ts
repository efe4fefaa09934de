import type { CanonicalInput } from './input.js'
import { uniformMedianInto, weightedMedianInto } from './median.js'

/** 1/Φ⁻¹(3/4): makes the MAD a consistent estimator of σ at the normal. 0.6745 in Iglewicz–Hoaglin is its inverse. */
export const MAD_TO_SIGMA = 1.4826

/**
 * A coordinate this many robust scales from the median is wild whatever the dimension: its row is cut even when
 * its other coordinates look honest (the box part of the filter), and entries beyond it are left out of the
 * reference median. Far above the 3.5 cut because under a tight inside cluster (ALIE) the MAD shrinks to ≈ 0.6σ,
 * and a box at 3.5 such scales cut 8 % of honest coordinates, i.e. nearly every honest row at d = 64 (measured:
 * the filter kept the attackers and anneal ended at 0.92σ, the median at 0.68σ).
 */
export const WILD_CUT = 8

/** The robust start: coordinate-wise weighted median, per-coordinate scale, and who survives the z-score filter. */
export interface RobustStart {
  median: Float64Array
  /** Per-coordinate 1.4826·MAD, floored at madFloor·max(1, |median_j|). */
  scales: Float64Array
  /**
   * Per-contribution modified z-score: the median over coordinates of |x_ij − median_j| / scale_j (at d = 1 simply
   * |x − median| / scale), or Infinity when some coordinate is wild (beyond WILD_CUT scales).
   */
  zScores: Float64Array
  /**
   * Coordinate-wise median of the entries within WILD_CUT scales of the median: the conservative anchor of the
   * final value (see anneal.ts). Equal to the plain median unless far outliers sit on one side.
   */
  reference: Float64Array
  /** Indices (author order) that pass the filter. */
  kept: Uint32Array
}

/**
 * Coordinate-wise weighted median and MAD, then the Iglewicz–Hoaglin modified z-score filter
 * M = 0.6745·(x − median)/MAD = (x − median)/(1.4826·MAD). For vectors a row's score is the median over its
 * coordinates of |M|, and one wild coordinate (|M| > WILD_CUT) excludes the row outright. At d = 1 this is the
 * plain Iglewicz–Hoaglin filter. The per-coordinate maximum used before cut nearly all honest rows at d = 64
 * under ALIE (the maximum of 64 honest |M| grows like √(2 ln 64) and the attackers' cluster shrinks the MAD),
 * so the attackers were all that was left. If no row passes, the rows with the smallest score are kept, so the
 * estimate always rests on some inputs.
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
  const reference = new Float64Array(d)
  for (let j = 0; j < d; j++) {
    let m = 0
    for (let i = 0; i < n; i++) {
      const x = values[i * d + j]!
      if (Math.abs(x - median[j]!) <= WILD_CUT * scales[j]!) column[m++] = x
    }
    // Uniform weights keep the fast path; otherwise the weights of the entries kept, in author order. (m = 0
    // cannot happen for a median of the values, but an empty set must not reach the median code.)
    if (m === 0) reference[j] = median[j]!
    else if (uniform) reference[j] = uniformMedianInto(column, m, sortScratch)
    else {
      const keptWeights = new Float64Array(m)
      let k = 0
      for (let i = 0; i < n; i++) if (Math.abs(values[i * d + j]! - median[j]!) <= WILD_CUT * scales[j]!) keptWeights[k++] = rawWeights[i]!
      reference[j] = weightedMedianInto(column, keptWeights, m, order)
    }
  }
  const zScores = new Float64Array(n)
  const rowScores = new Float64Array(d)
  const rowScratch = new Float64Array(d)
  // zThreshold = Infinity disables the whole filter, the wild cut included.
  const wildCut = Math.max(WILD_CUT, zThreshold)
  let smallest = Number.POSITIVE_INFINITY
  let keptCount = 0
  for (let i = 0; i < n; i++) {
    let wild = false
    for (let j = 0; j < d; j++) {
      const r = Math.abs(values[i * d + j]! - median[j]!) / scales[j]!
      rowScores[j] = r
      if (r > wildCut) wild = true
    }
    const z = wild ? Number.POSITIVE_INFINITY : d === 1 ? rowScores[0]! : uniformMedianInto(rowScores, d, rowScratch)
    zScores[i] = z
    if (z < smallest) smallest = z
    if (z <= zThreshold) keptCount++
  }
  const cut = keptCount > 0 ? zThreshold : smallest
  const kept = new Uint32Array(keptCount > 0 ? keptCount : zScores.filter((z) => z <= cut).length)
  let k = 0
  for (let i = 0; i < n; i++) if (zScores[i]! <= cut) kept[k++] = i
  return { median, scales, zScores, reference, kept }
}
