import type { AttackStrategy, StrategyOptions } from './types.js'
import { activeWindow } from './window.js'

/** `withhold`: publishes its proposal to a small share of its peers only (default 1/6) and never endorses. */
export function withholdStrategy(options: StrategyOptions = {}): AttackStrategy {
  const reach = options.magnitude ?? 1 / 6
  const active = activeWindow(options)
  return {
    name: 'withhold',
    active,
    releases: () => [{ delayMs: 0, reach, variant: 0 }],
    endorses: (epoch) => !active(epoch),
  }
}
