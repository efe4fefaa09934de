import { AnnealInputError } from './errors.js'

/** Tuning of `anneal`. Only `seed` is required; every default is what consensus uses unless a network config says otherwise. */
export interface AnnealOptions {
  /** uint32 seed of the PRNG that drives tempering (basin-hopping proposals and replica swaps). */
  seed: number
  /** Modified z-score cut of the robust filter, default 3.5 (Iglewicz–Hoaglin). */
  zThreshold?: number
  /**
   * Floor on the robust scale 1.4826·MAD, default 1e-9. Applied per coordinate as `madFloor · max(1, |median|)`:
   * absolute for values of order one, relative to the median for large values, so identical inputs never divide by 0.
   */
  madFloor?: number
  /** 1 = default; > 1 = finer cooling and more tempering sweeps (the protocol's self-healing raises it). At most 64. */
  effort?: number
  /** Parallel-tempering ladder length, default 4. 1 turns tempering off (plain annealing). At most 32. */
  replicas?: number
  /** Default 10_000; more contributions -> AnnealInputError('too-many'). */
  maxContributions?: number
  /** Default 1024; longer vectors -> AnnealInputError('too-large'). */
  maxDimension?: number
  /**
   * Cold temperature per dimension τ, default 2: the final Boltzmann weights are w_i·exp(−|r_i|²/(2·τ·d)) with
   * r_i the MAD-scaled residual. τ = 2 is a Gaussian kernel of width √2 robust scales (≈ 86% efficiency at the
   * normal in one dimension). Smaller is more robust to nearby outliers and less efficient.
   */
  coldTemperature?: number
  /**
   * Start from this centre (e.g. the last finalized consensus) instead of the weighted median, and skip the hot
   * phase: the search continues at T_cold from there. Cheapest when feeds move slowly, but a stale start can sit in
   * a colluding cluster's basin; tempering (replicas > 1) is what gets the search out (README, "stale anchor").
   */
  warmStart?: Float64Array
}

export interface ResolvedOptions {
  seed: number
  zThreshold: number
  madFloor: number
  effort: number
  replicas: number
  maxContributions: number
  maxDimension: number
  coldTemperature: number
  warmStart: Float64Array | undefined
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new AnnealInputError('bad-option', message)
}

function isPositiveInteger(x: number): boolean {
  return Number.isInteger(x) && x >= 1
}

/** Applies defaults and rejects options outside their domain with AnnealInputError('bad-option'). */
export function resolveOptions(options: AnnealOptions): ResolvedOptions {
  check(options !== null && typeof options === 'object', 'options must be an object with a numeric seed')
  const resolved: ResolvedOptions = {
    seed: options.seed,
    zThreshold: options.zThreshold ?? 3.5,
    madFloor: options.madFloor ?? 1e-9,
    effort: options.effort ?? 1,
    replicas: options.replicas ?? 4,
    maxContributions: options.maxContributions ?? 10_000,
    maxDimension: options.maxDimension ?? 1024,
    coldTemperature: options.coldTemperature ?? 2,
    warmStart: options.warmStart,
  }
  check(Number.isInteger(resolved.seed) && resolved.seed >= 0 && resolved.seed <= 0xffffffff, `seed must be a uint32, got ${options.seed}`)
  check(resolved.zThreshold > 0, `zThreshold must be > 0 (Infinity disables the filter), got ${resolved.zThreshold}`)
  check(Number.isFinite(resolved.madFloor) && resolved.madFloor > 0, `madFloor must be finite and > 0, got ${resolved.madFloor}`)
  check(Number.isFinite(resolved.effort) && resolved.effort >= 1 && resolved.effort <= 64, `effort must be in [1, 64], got ${resolved.effort}`)
  check(isPositiveInteger(resolved.replicas) && resolved.replicas <= 32, `replicas must be an integer in [1, 32], got ${resolved.replicas}`)
  check(isPositiveInteger(resolved.maxContributions), `maxContributions must be a positive integer, got ${resolved.maxContributions}`)
  check(isPositiveInteger(resolved.maxDimension), `maxDimension must be a positive integer, got ${resolved.maxDimension}`)
  check(Number.isFinite(resolved.coldTemperature) && resolved.coldTemperature > 0, `coldTemperature must be finite and > 0, got ${resolved.coldTemperature}`)
  if (resolved.warmStart !== undefined) {
    check(resolved.warmStart instanceof Float64Array, 'warmStart must be a Float64Array')
    check(resolved.warmStart.every((x) => Number.isFinite(x)), 'warmStart must be finite')
  }
  return resolved
}
