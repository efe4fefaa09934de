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

export interface AnnealOutcome {
  feeds: FeedResult[]
  /** Per author: its normalised Boltzmann weight, averaged over feeds (weights sum to 1 over authors). */
  weights: Map<AuthorId, number>
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
    feeds.push({
      feed,
      values: result.value,
      temperature: result.temperature,
      entropyBits: result.entropyBits,
      freeEnergy: result.freeEnergy,
      logPartition: result.logPartition,
      nEff: result.nEff,
    })
    for (const { author, weight } of result.weights) weightSum.set(author, (weightSum.get(author) ?? 0) + weight)
    temperature = Math.max(temperature, result.temperature)
    entropy += result.entropyBits
    counted++
  }
  const weights = new Map<AuthorId, number>()
  for (const [author, sum] of [...weightSum].sort((a, b) => (a[0] < b[0] ? -1 : 1))) weights.set(author, counted > 0 ? sum / counted : 0)
  return { feeds, weights, temperature, entropyBits: counted > 0 ? entropy / counted : 0 }
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
