import type { AttackStrategy, StrategyOptions } from './types.js'
import { valueStrategy } from './window.js'

/** `bias`: every attacker reports the same value far from the honest centre (default +20σ): a classic outlier. */
export function biasStrategy(options: StrategyOptions = {}): AttackStrategy {
  const magnitude = options.magnitude ?? 20
  return valueStrategy('bias', options, (m, s) => m + magnitude * Math.max(s, Math.abs(m) * 1e-3, 1e-9))
}
