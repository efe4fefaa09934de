/**
 * From a set of collected proposals to an epoch record: one deterministic anneal per feed (pure, so every node
 * with the same set gets bit-identical values), then the record fields that depend on the certified chain.
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { anneal } from '@thermotruth/anneal'
import type { AuthorId, Bytes, ClientReport, EpochRecord, FeedResult } from '../messages/types.js'
import { compareBytes, reportId, reportsRoot } from '../wire/index.js'
import type { HeldProposal } from './epoch-state.js'
import type { EngineMemo } from './types.js'

/**
 * Residual cap of the scale-free temperature, in robust scales: the anneal's own outlier cut (modified z-score
 * 3.5, Iglewicz–Hoaglin), so a filtered outlier counts as sitting at the cut and T stays bounded by (2/3)·3.5².
 */
export const TEMPERATURE_RESIDUAL_CAP = 3.5

/**
 * A far outlier, for reputation strikes: more than twice the filter's cut from the median, in robust scales. Honest
 * draws get there with probability ~1e-4 even under ALIE, whose cluster halves the scale (then 7 scales ≈ 3.5σ);
 * a +20σ bias from a third of the nodes sits ~10 inflated scales out.
 */
export const STRIKE_Z = 2 * TEMPERATURE_RESIDUAL_CAP

/**
 * Fewer contributors than this and nobody is marked far: the MAD of a handful of values is too unstable a
 * yardstick (honest Gaussian draws land beyond 7 scales in 5.4% of node-epochs at n = 3, 1.2% at n = 4, 0.66% at
 * n = 7, 0.1% at n = 10; 4,000 trials each), and three strikes in a row would then evict honest nodes of a small
 * network now and then. Below it, far outliers are left to the reputation EMA (4–5 epochs).
 */
export const STRIKE_MIN_CONTRIBUTORS = 7

export interface AnnealOutcome {
  feeds: FeedResult[]
  /** Per author: its normalised Boltzmann weight, averaged over feeds (weights sum to 1 over authors). */
  weights: Map<AuthorId, number>
  /** Authors whose value in some feed lies beyond STRIKE_Z robust scales of the median (sorted). */
  far: Set<AuthorId>
  /** Hottest feed's T and mean entropy (bits) over feeds: the epoch's thermodynamic summary. */
  temperature: number
  entropyBits: number
}

export interface AnnealInput {
  included: HeldProposal[]
  setDigestHex: string
  feeds: string[]
  seed: (feed: string) => number
  effort: number
  weightOf?: (held: HeldProposal) => number
  memo?: EngineMemo
}

export function annealSet(input: AnnealInput): AnnealOutcome {
  const key = `${input.setDigestHex}|${input.effort}|${input.weightOf ? 'work' : 'vote'}|${input.feeds.join(',')}`
  const compute = () => annealUncached(input)
  return input.memo ? input.memo.byKey('anneal', key, compute) : compute()
}

function annealUncached(input: AnnealInput): AnnealOutcome {
  const feeds: FeedResult[] = []
  const weightSum = new Map<AuthorId, number>()
  const far = new Set<AuthorId>()
  let temperature = 0
  let entropy = 0
  let counted = 0
  for (const feed of input.feeds) {
    const contributions = []
    for (const held of input.included) {
      const obs = held.proposal.observations.find((o) => o.feed === feed)
      if (!obs) continue
      contributions.push({ author: authorHex(held.proposal.author), value: obs.values, weight: input.weightOf?.(held) ?? 1 })
    }
    if (contributions.length === 0) continue
    const result = anneal(contributions, { seed: input.seed(feed), effort: input.effort })
    const t = ensembleTemperature(contributions, result.value, temperatureScales(contributions, result.value, result.scales, new Set(result.excluded)))
    if (contributions.length >= STRIKE_MIN_CONTRIBUTORS) {
      for (const c of contributions) if (robustZ(c.value, result.median, result.scales) > STRIKE_Z) far.add(c.author)
    }
    feeds.push({
      feed,
      values: result.value,
      temperature: t,
      entropyBits: result.entropyBits,
      freeEnergy: result.freeEnergy,
      logPartition: result.logPartition,
      nEff: result.nEff,
    })
    for (const { author, weight } of result.weights) weightSum.set(author, (weightSum.get(author) ?? 0) + weight)
    temperature = Math.max(temperature, t)
    entropy += result.entropyBits
    counted++
  }
  const weights = new Map<AuthorId, number>()
  for (const [author, sum] of [...weightSum].sort((a, b) => (a[0] < b[0] ? -1 : 1))) weights.set(author, counted > 0 ? sum / counted : 0)
  return { feeds, weights, far: new Set([...far].sort()), temperature, entropyBits: counted > 0 ? entropy / counted : 0 }
}

/**
 * The record's temperature T: the paper's T = (2/3)·σ² (Derivation 1: the plain variance of the proposals around
 * the consensus, every proposal counting with its prior weight), measured in units of the feed's own scale s (per
 * coordinate, `temperatureScales`) so that one threshold means the same for a price of 60,000 and a sensor of 0.01:
 *
 *   T = (2/3) · Σ_i q_i · (1/d) Σ_j min(((x_ij − v_j) / s_j)², c²),   q_i = prior weight share, c = the filter cut.
 *
 * Honest Gaussian proposals sit near T ≈ 2/3 (equipartition). Outliers the anneal ignores still heat it (up to c²
 * each), which is the point: T says how hot the *input* is, the Boltzmann weights say what the annealing did
 * about it, and T cools when reputation takes the heat sources off the committee. Deterministic: contributions
 * come in the set's canonical order.
 */
export function ensembleTemperature(contributions: ReadonlyArray<{ value: Float64Array; weight: number }>, value: Float64Array, scales: Float64Array): number {
  const d = value.length
  const cap = TEMPERATURE_RESIDUAL_CAP * TEMPERATURE_RESIDUAL_CAP
  let total = 0
  let weightSum = 0
  for (const c of contributions) {
    let squared = 0
    for (let j = 0; j < d; j++) {
      const r = (c.value[j]! - value[j]!) / scales[j]!
      squared += Math.min(r * r, cap)
    }
    total += c.weight * (squared / d)
    weightSum += c.weight
  }
  return weightSum > 0 ? ((2 / 3) * total) / weightSum : 0
}

/** The filter's modified z-score of one value: the largest |x_j − median_j| / scale_j over coordinates. */
function robustZ(value: Float64Array, median: Float64Array, scales: Float64Array): number {
  let z = 0
  for (let j = 0; j < median.length; j++) z = Math.max(z, Math.abs(value[j]! - median[j]!) / scales[j]!)
  return z
}

/**
 * The scale T is measured in, per coordinate: the larger of the robust scale (1.4826·MAD) and the standard
 * deviation, around the consensus, of the proposals the filter kept. The MAD alone is a noisy yardstick at small n
 * (37% efficient): at n = 21 honest draws it came out at half the sample σ and T read 2.8, a false alarm; the
 * kept set's deviation is efficient when inputs are honest, and the max keeps far outliers (which inflate the MAD,
 * not the kept deviation) as hot as before. Measured on Gaussian draws, 300 trials: honest T p99 1.1 at n = 31 and
 * 0.8 at n = 100 (MAD alone: 1.6 and 1.15); a third at +20σ still ~2.8.
 */
function temperatureScales(contributions: ReadonlyArray<{ author: string; value: Float64Array; weight: number }>, value: Float64Array, robust: Float64Array, excluded: ReadonlySet<string>): Float64Array {
  const d = value.length
  const sums = new Float64Array(d)
  let weightSum = 0
  for (const c of contributions) {
    if (excluded.has(c.author)) continue
    for (let j = 0; j < d; j++) sums[j] += c.weight * (c.value[j]! - value[j]!) ** 2
    weightSum += c.weight
  }
  return robust.map((s, j) => (weightSum > 0 ? Math.max(s, Math.sqrt(sums[j]! / weightSum)) : s))
}

export interface RecordContext {
  networkId: string
  epoch: number
  previousRecordDigest: Bytes
  nextDifficulty: number
}

export function buildRecord(outcome: AnnealOutcome, included: HeldProposal[], ctx: RecordContext): EpochRecord {
  const authors = included.map((h) => h.proposal.author).sort(compareBytes)
  const reports = uniqueReports(included)
  return {
    networkId: ctx.networkId,
    epoch: ctx.epoch,
    feeds: outcome.feeds,
    includedAuthors: authors,
    reportsRoot: reportsRoot(reports.map((r) => r.id)),
    reportCount: reports.length,
    nextDifficulty: ctx.nextDifficulty,
    approximate: false,
    previousRecordDigest: ctx.previousRecordDigest,
  }
}

/** Reports carried by the included proposals, deduplicated by report id, sorted by id. */
export function uniqueReports(included: HeldProposal[]): Array<{ id: string; report: ClientReport }> {
  const byId = new Map<string, { id: string; report: ClientReport }>()
  for (const held of included) {
    for (const report of held.proposal.reports) {
      const id = reportId(report)
      if (!byId.has(id)) byId.set(id, { id, report })
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function authorHex(key: Uint8Array): AuthorId {
  return hex(key)
}

export function hex(bytes: Uint8Array): string {
  return bytesToHex(bytes)
}
