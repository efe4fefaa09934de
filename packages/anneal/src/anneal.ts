import { AnnealInputError } from './errors.js'
import { guardedCoordinate, NARROW_HOT_FACTOR, NARROW_RATIO, NARROW_TOLERANCE } from './guard.js'
import { type CanonicalInput, type Contribution, canonicalise } from './input.js'
import { Landscape } from './landscape.js'
import { type AnnealOptions, resolveOptions } from './options.js'
import { robustStart } from './robust.js'
import { annealCentre, HOT_FACTOR, temper, WARM_FACTOR } from './tempering.js'

/** The consensus of one feed and its thermodynamic read-out. Units are documented per field. */
export interface AnnealResult {
  /**
   * Consensus vector, per coordinate (guard.ts): the annealed centre when it agrees with a narrow-kernel anneal;
   * otherwise the reference median, moved towards the two annealed estimates only when both lie more than one
   * standard error on the same side of it.
   */
  value: Float64Array
  /** The annealed (and tempered) centre: exactly the `weights`-weighted mean of the contributions (Boltzmann weights at the cold temperature). */
  annealed: Float64Array
  /** The centre of a second, plain anneal from the median at coldTemperature·NARROW_RATIO (a narrow, mode-seeking kernel). */
  narrow: Float64Array
  /** Coordinate-wise median of the entries within WILD_CUT robust scales of the median (far outliers left out). */
  reference: Float64Array
  /** T = (2/3)·Σ p_i |x_i − annealed|² / d (k = 1, paper's Derivation 1): value units², mean over coordinates. */
  temperature: number
  /** Shannon entropy of the final normalised weights p, in bits. */
  entropyBits: number
  /** Effective number of contributors, 2^H. */
  nEff: number
  /**
   * Free energy F = U − T_a·S in scaled units (energies of MAD-scaled residuals, dimensionless) at the cold
   * annealing temperature T_a = coldTemperature·d: U = Σ p_i E_i, S = −Σ p_i ln(p_i / w_i) (entropy relative to
   * the prior weights w of the kept set). By the Gibbs identity F = −T_a·ln Z.
   */
  freeEnergy: number
  /** ln Z with Z = Σ_kept w_i·exp(−E_i/T_a), w normalised over the kept set (so Z ≤ 1 and ln Z ≤ 0). */
  logPartition: number
  /** exp(logPartition); may underflow to 0 for very spread inputs, which is why logPartition is the one to use. */
  partition: number
  /** The cold annealing temperature T_a = coldTemperature·d, in scaled units (what freeEnergy and logPartition use). */
  annealTemperature: number
  /** Final normalised weight per author (0 for excluded authors), sorted by author. Sums to 1. */
  weights: Array<{ author: string; weight: number }>
  /** Authors cut by the modified z-score filter, sorted. */
  excluded: string[]
  /** Mean-shift iterations performed (annealing, tempering quenches and the narrow anneal). */
  iterations: number
  /** Robust scale used, 1.4826·MAD floored; for d > 1 the mean of the per-coordinate `scales`. */
  scale: number
  /** Per-coordinate robust scales. */
  scales: Float64Array
  /** The coordinate-wise weighted median the search started from. */
  median: Float64Array
  /** Replica swaps proposed and accepted during tempering (0 and 0 when replicas = 1). */
  swaps: { proposed: number; accepted: number }
}

function keptSubset(input: CanonicalInput, kept: Uint32Array): { values: Float64Array; weights: Float64Array } {
  const { d } = input
  const values = new Float64Array(kept.length * d)
  const weights = new Float64Array(kept.length)
  let total = 0
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k]!
    values.set(input.values.subarray(i * d, (i + 1) * d), k * d)
    weights[k] = input.weights[i]!
    total += weights[k]!
  }
  for (let k = 0; k < kept.length; k++) weights[k] = weights[k]! / total
  return { values, weights }
}

/**
 * Deterministic robust aggregation of one feed:
 * 1. canonical order by author, validation (AnnealInputError with a reason for every bad input);
 * 2. robust start: coordinate-wise weighted median, 1.4826·MAD scale, modified z-score filter;
 * 3. annealed M-estimation from the median (or `warmStart`), cooling geometrically to T_cold = coldTemperature·d;
 * 4. parallel tempering over the basins of F(·; T_cold), seeded by `options.seed`, keeping the cold chain's
 *    lowest-free-energy state (skipped when replicas = 1);
 * 5. final Boltzmann weights at T_cold and the thermodynamic read-out;
 * 6. the value: per coordinate the median of that centre, a narrow-kernel anneal and the reference median.
 * Equal inputs (in any order) and equal options give bit-identical results.
 */
export function anneal(contributions: readonly Contribution[], options: AnnealOptions): AnnealResult {
  const opts = resolveOptions(options)
  const input = canonicalise(contributions, opts)
  const { n, d } = input
  const start = robustStart(input, opts.zThreshold, opts.madFloor)
  const subset = keptSubset(input, start.kept)
  const landscape = new Landscape(subset.values, subset.weights, start.scales)
  const coldTemperature = opts.coldTemperature * d

  const warm = opts.warmStart
  if (warm !== undefined && warm.length !== d) throw new AnnealInputError('dimension-mismatch', `warmStart has dimension ${warm.length}, expected ${d}`)
  let centre: Float64Array = new Float64Array(warm ?? start.median)
  annealCentre(landscape, centre, coldTemperature, opts.effort, warm ? WARM_FACTOR : HOT_FACTOR)
  let swaps = { proposed: 0, accepted: 0 }
  if (opts.replicas > 1 && landscape.n > 1) {
    const tempered = temper(landscape, centre, coldTemperature, opts.replicas, opts.effort, opts.seed)
    centre = tempered.centre
    swaps = { proposed: tempered.swapsProposed, accepted: tempered.swapsAccepted }
  }
  // Final weights at the converged centre; `annealed` is exactly their weighted mean (one more mean-shift step).
  const p = new Float64Array(landscape.n)
  const logPartition = landscape.weightsAt(centre, coldTemperature, p)
  const annealed = landscape.weightedMean(centre, p)
  let energy = 0
  let relativeEntropy = 0
  let entropyBits = 0
  let variance = 0
  const coordinateVariance = new Float64Array(d)
  for (let k = 0; k < landscape.n; k++) {
    const pk = p[k]!
    if (pk === 0) continue
    energy += pk * landscape.energies[k]!
    relativeEntropy -= pk * Math.log(pk / landscape.weights[k]!)
    entropyBits -= pk * Math.log2(pk)
    let squared = 0
    for (let j = 0; j < d; j++) {
      const r = landscape.values[k * d + j]! - annealed[j]!
      squared += r * r
      coordinateVariance[j] = coordinateVariance[j]! + pk * r * r
    }
    variance += pk * squared
  }
  entropyBits = Math.max(0, entropyBits)

  // After the read-out: the narrow anneal reuses the landscape's energy scratch.
  const narrow = new Float64Array(start.median)
  if (landscape.n > 1) annealCentre(landscape, narrow, coldTemperature * NARROW_RATIO, opts.effort, NARROW_HOT_FACTOR, NARROW_TOLERANCE)
  const value = new Float64Array(d)
  const rootKept = Math.sqrt(landscape.n)
  for (let j = 0; j < d; j++) {
    const se = start.scales[j]! / rootKept
    // The gate's yardstick: the spread the wide kernel itself sees. A cluster 2σ out inflates the MAD (≈ 1.9σ
    // at f = 1/3) but not this (≈ 1σ), so the gap it opens between the two anneals stands out; floored at a
    // tenth of the MAD scale so identical values cannot divide by zero.
    const gateSe = Math.max(Math.sqrt(coordinateVariance[j]!), 0.1 * start.scales[j]!) / rootKept
    value[j] = guardedCoordinate(annealed[j]!, narrow[j]!, start.reference[j]!, se, gateSe)
  }

  const finalWeights = new Float64Array(n)
  const isKept = new Uint8Array(n)
  for (let k = 0; k < start.kept.length; k++) {
    finalWeights[start.kept[k]!] = p[k]!
    isKept[start.kept[k]!] = 1
  }
  const excluded = input.authors.filter((_, i) => isKept[i] === 0)
  const weights = input.authors.map((author, i) => ({ author, weight: finalWeights[i]! }))
  let scaleSum = 0
  for (let j = 0; j < d; j++) scaleSum += start.scales[j]!

  return {
    value,
    annealed,
    narrow,
    reference: start.reference,
    temperature: ((2 / 3) * variance) / d,
    entropyBits,
    nEff: 2 ** entropyBits,
    freeEnergy: energy - coldTemperature * relativeEntropy,
    logPartition,
    partition: Math.exp(logPartition),
    annealTemperature: coldTemperature,
    weights,
    excluded,
    iterations: landscape.iterations,
    scale: scaleSum / d,
    scales: start.scales,
    median: start.median,
    swaps,
  }
}
