import type { AttackStrategy, StrategyOptions } from './types.js'
import { activeWindow, honestEstimate } from './window.js'

/** `noise`: each attacker reports the honest centre plus uniform noise of ±magnitude·σ (default 10σ), fresh per epoch. */
export function noiseStrategy(options: StrategyOptions = {}): AttackStrategy {
  const magnitude = options.magnitude ?? 10
  return {
    name: 'noise',
    active: activeWindow(options),
    value(ctx) {
      const { mean, std } = honestEstimate(ctx)
      return mean.map((m, d) => m + (2 * ctx.random() - 1) * magnitude * Math.max(std[d], 1e-9))
    },
  }
}
