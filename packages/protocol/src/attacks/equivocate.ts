import type { AttackStrategy, StrategyOptions } from './types.js'
import { activeWindow, honestEstimate } from './window.js'

/**
 * `equivocate` (two-faced): signs two proposals for one epoch, high to half of its mesh peers and low to the other
 * half (the n = 3t counterexample). Honest relays carry both faces everywhere, which is what exposes the evidence.
 */
export function equivocateStrategy(options: StrategyOptions = {}): AttackStrategy {
  const magnitude = options.magnitude ?? 3
  const shifted = (sign: number) => (ctx: import('./types.js').ValueContext) => {
    const { mean, std } = honestEstimate(ctx)
    return mean.map((m, d) => m + sign * magnitude * Math.max(std[d], 1e-9))
  }
  return {
    name: 'equivocate',
    active: activeWindow(options),
    value: shifted(+1),
    secondFace: shifted(-1),
    releases: () => [
      { delayMs: 0, reach: 0.5, variant: 0 },
      { delayMs: 0, reach: 0.5, variant: 1 },
    ],
  }
}
