import type { Contribution } from './input.js'
import { alieZ } from './normal.js'
import type { Prng } from './prng.js'

/**
 * Synthetic feeds for the derive-entropy table, the accuracy benchmark and the tests: honest contributions drawn
 * from N(μ, σ²) per coordinate and Byzantine ones from a named attack. Deterministic given the PRNG.
 */

/** Standard normal draw by Box–Muller from two uniforms (1 − u keeps the logarithm finite). */
export function gaussian(prng: Prng): number {
  const u = 1 - prng.nextFloat()
  const v = prng.nextFloat()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

export type AttackName = 'far-bias' | 'noise' | 'alie' | 'two-clusters'

export const ATTACKS: readonly AttackName[] = ['far-bias', 'noise', 'alie', 'two-clusters']

/** What each attack sends, in units of the honest σ around the honest μ (per coordinate). */
export const ATTACK_DESCRIPTIONS: Record<AttackName, string> = {
  'far-bias': 'every attacker sends μ + 100σ (a constant far bias)',
  noise: 'every attacker sends μ + N(0, (10σ)²), independent per attacker and coordinate',
  alie: "A Little Is Enough: every attacker sends μ̂ − z·σ̂ with μ̂, σ̂ the honest sample mean and std and z = alieZ(n, m)",
  'two-clusters': 'attackers split into two tight colluding clusters at μ + 1.5σ and μ + 4σ (first half, second half)',
}

export interface SyntheticFeed {
  contributions: Contribution[]
  /** Authors of the Byzantine contributions. */
  byzantine: Set<string>
}

export interface FeedSpec {
  n: number
  /** Number of Byzantine contributions, 0 <= m < n. */
  m: number
  d: number
  mu: number
  sigma: number
  attack: AttackName
}

function honestStats(honest: Float64Array[], d: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(d)
  const std = new Float64Array(d)
  for (const x of honest) for (let j = 0; j < d; j++) mean[j] = mean[j]! + x[j]! / honest.length
  for (const x of honest) for (let j = 0; j < d; j++) std[j] = std[j]! + (x[j]! - mean[j]!) ** 2 / Math.max(1, honest.length - 1)
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]!)
  return { mean, std }
}

/**
 * One synthetic feed: honest authors `h000…` then Byzantine authors `b000…`, all with weight 1. Author ids are
 * zero-padded so their sort order is their creation order; the aggregator sorts them anyway.
 */
export function syntheticFeed(spec: FeedSpec, prng: Prng): SyntheticFeed {
  const { n, m, d, mu, sigma, attack } = spec
  const honest: Float64Array[] = []
  for (let i = 0; i < n - m; i++) {
    const x = new Float64Array(d)
    for (let j = 0; j < d; j++) x[j] = mu + sigma * gaussian(prng)
    honest.push(x)
  }
  const attackers: Float64Array[] = []
  const stats = attack === 'alie' ? honestStats(honest, d) : undefined
  const z = attack === 'alie' && m > 0 ? alieZ(n, m) : 0
  for (let a = 0; a < m; a++) {
    const x = new Float64Array(d)
    for (let j = 0; j < d; j++) {
      if (attack === 'far-bias') x[j] = mu + 100 * sigma
      else if (attack === 'noise') x[j] = mu + 10 * sigma * gaussian(prng)
      else if (attack === 'alie') x[j] = stats!.mean[j]! - z * stats!.std[j]!
      else x[j] = mu + (a < m / 2 ? 1.5 : 4) * sigma
    }
    attackers.push(x)
  }
  const pad = (i: number): string => String(i).padStart(5, '0')
  const contributions: Contribution[] = [
    ...honest.map((value, i) => ({ author: `h${pad(i)}`, value, weight: 1 })),
    ...attackers.map((value, i) => ({ author: `b${pad(i)}`, value, weight: 1 })),
  ]
  return { contributions, byzantine: new Set(attackers.map((_, i) => `b${pad(i)}`)) }
}

/** Root-mean-square error of `estimate` against μ on every coordinate, in units of σ. */
export function errorInSigma(estimate: ArrayLike<number>, mu: number, sigma: number): number {
  let sum = 0
  for (let j = 0; j < estimate.length; j++) sum += (estimate[j]! - mu) ** 2
  return Math.sqrt(sum / estimate.length) / sigma
}
