import type { AttackStrategy, StrategyOptions } from './types.js'
import { activeWindow } from './window.js'

/**
 * `late`: holds its (honest-looking) proposal and releases it just before the collection deadline, to half of its
 * mesh peers, so that some honest nodes close their view with it and some without it.
 */
export function lateStrategy(options: StrategyOptions = {}): AttackStrategy {
  const leadMs = options.magnitude ?? 5
  return {
    name: 'late',
    active: activeWindow(options),
    releases: (ctx) => [{ delayMs: Math.max(0, ctx.deadlineMs - ctx.startMs - leadMs), reach: 0.5, variant: 0 }],
    endorses: () => true,
  }
}
