/**
 * What a node puts in its proposal per feed: the robust aggregate (coordinate-wise median) of its own source and
 * the client reports in its mempool; a Byzantine strategy may replace it, and an equivocator prepares a second face.
 */
import type { AttackStrategy, ValueContext } from '../attacks/types.js'
import type { ClientReport, FeedObservation, Proposal } from '../messages/types.js'

export interface ObservationInput {
  epoch: number
  feeds: string[]
  own: ReadonlyMap<string, Float64Array>
  reports: ClientReport[]
  previous: Proposal[]
  strategy?: AttackStrategy
  honestStats?: (epoch: number, feed: string) => { mean: Float64Array; std: Float64Array } | undefined
  committeeSize: number
  colluders: number
  random: () => number
}

/** One list of observations per face (one face for everyone but equivocators). Empty when there is nothing to say. */
export function buildObservations(input: ObservationInput): FeedObservation[][] {
  const first: FeedObservation[] = []
  const second: FeedObservation[] = []
  let twoFaced = false
  for (const feed of input.feeds) {
    const honest = honestValue(feed, input)
    if (!honest) continue
    if (!input.strategy) {
      first.push({ feed, values: honest })
      second.push({ feed, values: honest })
      continue
    }
    const ctx: ValueContext = {
      epoch: input.epoch,
      feed,
      honest,
      previousValues: input.previous.flatMap((p) => p.observations.filter((o) => o.feed === feed).map((o) => o.values)),
      honestStats: input.honestStats?.(input.epoch, feed),
      committeeSize: input.committeeSize,
      colluders: input.colluders,
      random: input.random,
    }
    const value = finite(input.strategy.value?.(ctx), honest)
    const other = input.strategy.secondFace?.(ctx)
    if (other) twoFaced = true
    first.push({ feed, values: value })
    second.push({ feed, values: finite(other, value) })
  }
  if (first.length === 0) return []
  return twoFaced ? [first, second] : [first]
}

function finite(candidate: Float64Array | undefined, fallback: Float64Array): Float64Array {
  return candidate && candidate.length === fallback.length && candidate.every(Number.isFinite) ? candidate : fallback
}

function honestValue(feed: string, input: ObservationInput): Float64Array | undefined {
  const own = input.own.get(feed)
  const reports = input.reports.filter((r) => r.feed === feed && (!own || r.values.length === own.length)).map((r) => r.values)
  const all = own ? [own, ...reports] : reports
  if (all.length === 0) return undefined
  if (all.length === 1) return Float64Array.from(all[0])
  const dim = all[0].length
  const out = new Float64Array(dim)
  for (let d = 0; d < dim; d++) {
    const column = all.map((v) => v[d]).sort((a, b) => a - b)
    const mid = column.length >> 1
    out[d] = column.length % 2 === 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2
  }
  return out
}
