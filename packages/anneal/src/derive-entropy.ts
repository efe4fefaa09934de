import { anneal } from './anneal.js'
import { createPrng, hashSeed } from './prng.js'
import { type AttackName, errorInSigma, syntheticFeed } from './synthetic.js'

export interface DeriveEntropyOptions {
  /** Contributions per aggregation, default 100. */
  nodes?: number
  /** Seed of the synthetic data and of tempering, default 1. */
  seed?: number
  /** Aggregations averaged per row, default 20. */
  trials?: number
  /** Byzantine fractions, default 0, 0.1, …, 0.5. */
  fractions?: number[]
  /** What the Byzantine nodes send, default 'far-bias' (μ + 100σ). */
  attack?: AttackName
  /** Honest feed N(μ, σ²): defaults μ = 20, σ = 1 (a temperature sensor in °C). */
  mu?: number
  sigma?: number
}

/** One row of the paper's Sec. 2.5 "H vs f" table: means over `trials` aggregations. */
export interface EntropyRow {
  f: number
  byzantine: number
  entropyBits: number
  nEff: number
  /** T = (2/3)·weighted variance, value units² (°C² with the defaults). */
  temperature: number
  /** |consensus − μ| in units of the honest σ. */
  errorSigma: number
  /** Mean number of contributions the z-score filter excluded. */
  excluded: number
  /** Mean total final weight held by Byzantine authors. */
  byzantineWeight: number
}

export interface EntropyTable {
  setup: { nodes: number; seed: number; trials: number; attack: AttackName; mu: number; sigma: number; dimension: 1; replicas: number }
  rows: EntropyRow[]
}

export const DEFAULT_FRACTIONS = [0, 0.1, 0.2, 0.3, 0.4, 0.5]

/**
 * The table `python src/thermotruth.py --derive-entropy` prints in the paper (Sec. 2.5), made reproducible:
 * for each Byzantine fraction f, `trials` feeds of `nodes` scalar contributions (round(f·nodes) Byzantine,
 * the rest honest N(μ, σ²)) are aggregated with `anneal` (default options, seed derived per trial) and H, n_eff,
 * T and the error are averaged. Pure and deterministic: equal options give equal tables.
 */
export function deriveEntropyTable(options: DeriveEntropyOptions = {}): EntropyTable {
  const nodes = options.nodes ?? 100
  const seed = options.seed ?? 1
  const trials = options.trials ?? 20
  const attack = options.attack ?? 'far-bias'
  const mu = options.mu ?? 20
  const sigma = options.sigma ?? 1
  const fractions = options.fractions ?? DEFAULT_FRACTIONS
  if (!Number.isInteger(nodes) || nodes < 2 || nodes > 10_000) throw new RangeError(`nodes must be an integer in [2, 10000], got ${nodes}`)
  if (!Number.isInteger(trials) || trials < 1 || trials > 10_000) throw new RangeError(`trials must be an integer in [1, 10000], got ${trials}`)
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be a uint32, got ${seed}`)
  if (!(sigma > 0) || !Number.isFinite(mu)) throw new RangeError('need a finite mu and sigma > 0')
  const rows = fractions.map((f) => {
    if (!(f >= 0 && f < 1)) throw new RangeError(`fractions must be in [0, 1), got ${f}`)
    const m = Math.round(f * nodes)
    const sum = { entropyBits: 0, nEff: 0, temperature: 0, errorSigma: 0, excluded: 0, byzantineWeight: 0 }
    for (let t = 0; t < trials; t++) {
      const prng = createPrng(hashSeed('derive-entropy', seed, f, t))
      const feed = syntheticFeed({ n: nodes, m, d: 1, mu, sigma, attack }, prng)
      const result = anneal(feed.contributions, { seed: hashSeed('anneal', seed, f, t) })
      sum.entropyBits += result.entropyBits
      sum.nEff += result.nEff
      sum.temperature += result.temperature
      sum.errorSigma += errorInSigma(result.value, mu, sigma)
      sum.excluded += result.excluded.length
      for (const w of result.weights) if (feed.byzantine.has(w.author)) sum.byzantineWeight += w.weight
    }
    return {
      f,
      byzantine: m,
      entropyBits: sum.entropyBits / trials,
      nEff: sum.nEff / trials,
      temperature: sum.temperature / trials,
      errorSigma: sum.errorSigma / trials,
      excluded: sum.excluded / trials,
      byzantineWeight: sum.byzantineWeight / trials,
    }
  })
  return { setup: { nodes, seed, trials, attack, mu, sigma, dimension: 1, replicas: 4 }, rows }
}
