import { alieZ } from '@thermotruth/anneal'
import type { AttackStrategy, StrategyOptions } from './types.js'
import { valueStrategy } from './window.js'

/**
 * `alie` ("A Little Is Enough", Baruch et al. 2019): all colluders send μ − z_max·σ with the published
 * z_max = Φ⁻¹((n−s)/n), s = ⌊n/2+1⌋−m (`alieZ` in anneal: 0.915 at n = 100, m = 33). The shift stays inside any
 * outlier filter, so robust statistics can only bound it: with a third of the nodes the coordinate-wise median
 * moves by ≈ Φ⁻¹(3/4) ≈ 0.67σ, the floor for any estimator.
 */
export function alieStrategy(options: StrategyOptions = {}): AttackStrategy {
  return valueStrategy('alie', options, (m, s, ctx) => m - (options.magnitude ?? alieZ(Math.max(ctx.committeeSize, 1), ctx.colluders)) * s)
}
