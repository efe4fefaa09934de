import type { AttackStrategy, StrategyOptions } from './types.js'
import { valueStrategy } from './window.js'

/** `noise`: each attacker reports the honest centre plus uniform noise of ±magnitude·σ (default 10σ), fresh per epoch. */
export function noiseStrategy(options: StrategyOptions = {}): AttackStrategy {
  const magnitude = options.magnitude ?? 10
  return valueStrategy('noise', options, (m, s, ctx) => m + (2 * ctx.random() - 1) * magnitude * Math.max(s, 1e-9))
}
