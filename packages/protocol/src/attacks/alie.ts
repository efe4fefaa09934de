import { alieZ } from '@thermotruth/anneal'
import type { AttackStrategy, StrategyOptions } from './types.js'
import { valueStrategy } from './window.js'

/**
 * `alie` ("A Little Is Enough", Baruch et al. 2019): all colluders send μ − z·σ with z = Φ⁻¹((n−m−s)/(n−m)),
 * s = ⌊n/2+1⌋−m. The shift stays inside any outlier filter, so robust statistics can only bound, not remove, it.
 */
export function alieStrategy(options: StrategyOptions = {}): AttackStrategy {
  return valueStrategy('alie', options, (m, s, ctx) => m - (options.magnitude ?? alieZ(Math.max(ctx.committeeSize, 1), ctx.colluders)) * s)
}
