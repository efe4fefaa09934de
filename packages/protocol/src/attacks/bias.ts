import type { AttackStrategy, StrategyOptions } from './types.js'
import { activeWindow, honestEstimate } from './window.js'

/** `bias`: every attacker reports the same value far from the honest centre (default +20σ): a classic outlier. */
export function biasStrategy(options: StrategyOptions = {}): AttackStrategy {
  const magnitude = options.magnitude ?? 20
  return {
    name: 'bias',
    active: activeWindow(options),
    value(ctx) {
      const { mean, std } = honestEstimate(ctx)
      return mean.map((m, d) => m + magnitude * Math.max(std[d], Math.abs(m) * 1e-3, 1e-9))
    },
  }
}
