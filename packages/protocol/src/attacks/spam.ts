import { biasStrategy } from './bias.js'
import type { AttackStrategy, Release, StrategyOptions } from './types.js'
import { activeWindow } from './window.js'

/**
 * `spam`: floods the proposals topic with `magnitude` (default 16) stamped messages per epoch. Its first release
 * is an honest-looking proposal; the rest alternate between byte-identical re-publishes (the seen-cache and the
 * engine drop them as duplicates) and a second, separately stamped and signed proposal carrying a +20σ value
 * (the first copy is equivocation evidence: the author is excluded and evicted; later copies are ignored). The
 * attack must buy nothing: no effect on the record, and a lost seat for the sender.
 */
export function spamStrategy(options: StrategyOptions = {}): AttackStrategy {
  const count = Math.max(2, Math.round(options.magnitude ?? 16))
  const far = biasStrategy({ magnitude: 20 })
  return {
    name: 'spam',
    active: activeWindow(options),
    secondFace: (ctx) => far.value!(ctx),
    releases(ctx) {
      // Spread the flood over the collection window so every copy still counts as on time.
      const window = Math.max(1, ctx.deadlineMs - ctx.startMs)
      const plan: Release[] = [{ delayMs: 0, reach: 1, variant: 0 }]
      for (let k = 1; k < count; k++) plan.push({ delayMs: (k * window) / (count + 1), reach: 1, variant: k % 2 })
      return plan
    },
  }
}
