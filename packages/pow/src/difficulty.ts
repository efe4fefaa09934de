import { PowParamError } from './errors.js'

/** The paper's stamp controller: d_t = clamp(d_{t-1} + gain · (H_t − H_{t-1}), min, max). */
export interface DifficultyParams {
  gain: number
  min: number
  max: number
}

/**
 * Defaults (README "Stamp difficulty" has the reasoning): 8 bits = 256 expected hashes ≈ 0.2 ms per proposal on
 * one core; the floor of 4 bits keeps a stamp from ever being free; the ceiling of 20 bits (≈ 1 s of one core)
 * is the most an honest node can pay once per epoch without missing the collection deadline.
 */
export const DEFAULT_STAMP_DIFFICULTY: DifficultyParams & { initial: number } = Object.freeze({
  gain: 0.1,
  min: 4,
  max: 20,
  initial: 8,
})

function assertFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new PowParamError(`${name} must be a finite number, got ${value}`)
}

/**
 * Next real-valued difficulty from finalized entropies (bits). Pure IEEE-754 arithmetic in a fixed order, so every
 * node that finalized the same entropies gets the same bits. Non-finite inputs throw rather than poison the state.
 */
export function nextDifficulty(prev: number, entropyNow: number, entropyPrev: number, params: DifficultyParams = DEFAULT_STAMP_DIFFICULTY): number {
  assertFinite('prev difficulty', prev)
  assertFinite('entropyNow', entropyNow)
  assertFinite('entropyPrev', entropyPrev)
  assertFinite('gain', params.gain)
  assertFinite('min', params.min)
  assertFinite('max', params.max)
  if (params.min > params.max) throw new PowParamError(`difficulty min ${params.min} exceeds max ${params.max}`)
  const next = prev + params.gain * (entropyNow - entropyPrev)
  return Math.min(params.max, Math.max(params.min, next))
}

/**
 * The integer bits enforced for a real-valued difficulty: round half up (Math.round), clamped to [0, 256].
 * Rounding, not flooring, makes the enforced bits track d symmetrically: they step to k+1 when d reaches k + 0.5.
 */
export function requiredStampBits(difficulty: number): number {
  assertFinite('difficulty', difficulty)
  return Math.min(256, Math.max(0, Math.round(difficulty)))
}
