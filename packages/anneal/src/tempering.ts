import type { Landscape } from './landscape.js'
import { createPrng } from './prng.js'

/** Final convergence: mean-shift stops once a step moves the centre less than this many robust scales. */
export const CENTRE_TOLERANCE = 1e-7
/**
 * Looser tolerances where full convergence buys nothing: intermediate cooling levels (the next level moves the
 * centre anyway) and tempering quenches (F is flat at a minimum, so its error is second order in the distance).
 * The state that is finally chosen is always polished to CENTRE_TOLERANCE.
 */
const LEVEL_TOLERANCE = 1e-3
const QUENCH_TOLERANCE = 1e-3
/** Mean-shift steps allowed per temperature level and per quench, times `effort`. */
const MAX_STEPS = 60
/** The cooling schedule starts this many times hotter than the cold temperature (from the median)... */
export const HOT_FACTOR = 64
/** ...or, from a warm start, no reheating at all: descend at T_cold from the given centre. */
export const WARM_FACTOR = 1
/** Geometric cooling ratio per level at effort 1 (effort e uses HALVING^(1/e): e times as many levels). */
const HALVING = 0.5
/** Ratio between neighbouring temperatures of the tempering ladder. */
const LADDER_RATIO = 4
/** Tempering sweeps at effort 1 (each sweep: one basin-hopping proposal per replica, then a swap pass). */
const SWEEPS = 8

/**
 * Annealed M-estimation (graduated non-convexity): from the robust start, mean-shift to convergence at each
 * temperature of the geometric schedule T_k = T_cold·hotFactor·ratio^k down to T_cold. At the hot end every
 * kept contribution weighs almost its prior, so the landscape is nearly convex; cooling then sharpens it. The
 * centre is updated in place. `finalTolerance` (robust scales) ends the last level; looser is cheaper where the
 * centre is only compared, not reported (the narrow anneal of guard.ts).
 */
export function annealCentre(landscape: Landscape, centre: Float64Array, coldTemperature: number, effort: number, hotFactor: number, finalTolerance = CENTRE_TOLERANCE): void {
  const levels = Math.ceil((Math.log(hotFactor) / Math.log(1 / HALVING)) * effort)
  const ratio = hotFactor ** (-1 / levels)
  const maxSteps = Math.ceil(MAX_STEPS * effort)
  for (let k = 0; k <= levels; k++) {
    // The last level is exactly T_cold, not a rounded power.
    const last = k === levels
    const temperature = last ? coldTemperature : coldTemperature * hotFactor * ratio ** k
    landscape.descend(centre, temperature, last ? finalTolerance : LEVEL_TOLERANCE, maxSteps)
  }
}

/** Outcome of tempering: the cold chain's best state and how many swaps were proposed and accepted. */
export interface TemperingResult {
  centre: Float64Array
  freeEnergy: number
  swapsProposed: number
  swapsAccepted: number
}

/**
 * Parallel tempering over the local minima of F(·; T_cold) (replica-exchange basin hopping). L replicas sit on
 * the ladder T_l = T_cold·LADDER_RATIO^l, all starting from the annealed centre. Each sweep, every replica
 * proposes a new basin: it picks a kept contribution with probability proportional to its prior weight (seeded
 * PRNG), mean-shifts from that point to a local minimum c', and accepts it with the Metropolis rule
 * min(1, exp(−(F(c') − F(c))/T_l)). Then neighbouring replicas (coldest pair first) swap states with probability
 * min(1, exp((β_i − β_j)(F_i − F_j))). Hot replicas wander between basins, cold ones hold good ones, and swaps
 * carry low-F basins down the ladder. The result is the lowest-F state the cold chain ever held, so tempering can
 * only improve on annealing in F. Quenches from the same contribution always end in the same minimum, so each
 * is computed once and cached.
 */
export function temper(landscape: Landscape, start: Float64Array, coldTemperature: number, replicas: number, effort: number, seed: number): TemperingResult {
  const { n, d } = landscape
  const prng = createPrng(seed)
  const maxSteps = Math.ceil(MAX_STEPS * effort)
  const states = new Float64Array(replicas * d)
  const energies = new Float64Array(replicas)
  const startF = landscape.freeEnergy(start, coldTemperature)
  for (let l = 0; l < replicas; l++) {
    states.set(start, l * d)
    energies[l] = startF
  }
  const betas = new Float64Array(replicas)
  for (let l = 0; l < replicas; l++) betas[l] = 1 / (coldTemperature * LADDER_RATIO ** l)

  const quenched = new Float64Array(n * d)
  const quenchedF = new Float64Array(n)
  const done = new Uint8Array(n)
  const quench = (i: number): number => {
    if (done[i] === 0) {
      const c = quenched.subarray(i * d, (i + 1) * d)
      c.set(landscape.values.subarray(i * d, (i + 1) * d))
      landscape.descend(c, coldTemperature, QUENCH_TOLERANCE, maxSteps)
      quenchedF[i] = landscape.freeEnergy(c, coldTemperature)
      done[i] = 1
    }
    return i
  }
  const pick = (): number => {
    const u = prng.nextFloat()
    let cumulative = 0
    for (let i = 0; i < n; i++) {
      cumulative += landscape.weights[i]!
      if (u < cumulative) return i
    }
    return n - 1
  }

  const best = new Float64Array(start)
  let bestF = startF
  let swapsProposed = 0
  let swapsAccepted = 0
  const sweeps = Math.ceil(SWEEPS * effort)
  const swapBuffer = new Float64Array(d)
  const recordCold = (): void => {
    if (energies[0]! < bestF) {
      bestF = energies[0]!
      best.set(states.subarray(0, d))
    }
  }
  for (let s = 0; s < sweeps; s++) {
    for (let l = 0; l < replicas; l++) {
      const i = quench(pick())
      const delta = quenchedF[i]! - energies[l]!
      if (delta <= 0 || prng.nextFloat() < Math.exp(-delta * betas[l]!)) {
        states.set(quenched.subarray(i * d, (i + 1) * d), l * d)
        energies[l] = quenchedF[i]!
      }
    }
    recordCold()
    for (let l = 0; l + 1 < replicas; l++) {
      swapsProposed++
      const exponent = (betas[l]! - betas[l + 1]!) * (energies[l]! - energies[l + 1]!)
      if (exponent >= 0 || prng.nextFloat() < Math.exp(exponent)) {
        swapsAccepted++
        swapBuffer.set(states.subarray(l * d, (l + 1) * d))
        states.copyWithin(l * d, (l + 1) * d, (l + 2) * d)
        states.set(swapBuffer, (l + 1) * d)
        const e = energies[l]!
        energies[l] = energies[l + 1]!
        energies[l + 1] = e
      }
    }
    recordCold()
  }
  if (bestF < startF) landscape.descend(best, coldTemperature, CENTRE_TOLERANCE, maxSteps)
  return { centre: best, freeEnergy: bestF, swapsProposed, swapsAccepted }
}
