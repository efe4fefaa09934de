/**
 * From per-node event logs to the one JSON object `thermotruth sim` prints. Keys shared with the swarm and the
 * benchmarks: nodes, epochs, certifiedEpochs, approximateEpochs, allHonestAgreed, honestSpreadMax, errorSigma,
 * finalityMs {p50, p99}, messagesPerNodePerEpoch, bytesPerNodePerEpoch.
 */
import type { EngineEvent } from '../engine/types.js'
import type { EpochRecord } from '../messages/types.js'
import { recordDigest } from '../wire/index.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { ResolvedSimOptions } from './options.js'
import type { Scheduler } from './scheduler.js'
import type { Traffic } from './traffic.js'

export interface NodeOutcome {
  index: number
  id: string
  honest: boolean
  events: Array<{ at: number; event: EngineEvent }>
}

export interface EpochSummary {
  epoch: number
  /** Honest nodes that certified / ended approximate / have nothing for this epoch. */
  certifiedBy: number
  approximateBy: number
  /** Distinct certified record digests among honest nodes (safety: never more than 1). */
  certifiedDigests: number
  honestSpread: number
  /**
   * Worst honest node's |value − mean of the honest values| in units of their σ (max over feeds). Honest values:
   * every value honestly drawn and proposed unaltered (honest nodes', and attackers' whose strategy leaves values
   * alone that epoch: sim/run.ts `proposesAsDrawn`).
   */
  errorSigma: number
  /** The same against the ground truth the honest observations were drawn around. */
  errorTruthSigma: number
  temperature: number | undefined
  includedAuthors: string[]
}

/** The adversary figures (`powGate`, `byzantineSeatShare`, `censoredInclusion`) come from sim/adversary.ts. */
export interface SimSummary extends Partial<import('./adversary.js').AdversaryMetrics> {
  nodes: number
  epochs: number
  seed: number
  attack: string | null
  byzantine: number
  byzantineNodes: number
  endorsementMode: string
  certifiedEpochs: number
  approximateEpochs: number
  allHonestAgreed: boolean
  honestSpreadMax: number
  /** Mean over epochs of the error against the honest observations' mean, in units of the honest σ. */
  errorSigma: number
  /** The worst epoch's error (same units). */
  errorSigmaMax: number
  /** Mean over epochs of the error against the ground truth (includes the honest sampling error σ/√n). */
  errorTruthSigma: number
  finalityMs: { p50: number; p99: number }
  messagesPerNodePerEpoch: number
  bytesPerNodePerEpoch: number
  temperatureMax: number
  equivocationsDetected: number
  evictions: number
  simulatedEvents: number
}

export interface SimReport {
  summary: SimSummary
  epochs: EpochSummary[]
  outcomes: NodeOutcome[]
}

interface SummaryInput {
  options: ResolvedSimOptions
  outcomes: NodeOutcome[]
  observed: Array<Map<string, Float64Array[]>>
  truth: Map<string, number[]>
  traffic: Traffic
  scheduler: Scheduler
}

interface Final {
  certified?: { record: EpochRecord; digest: string }
  approximate?: EpochRecord
}

export function summarise(input: SummaryInput): SimReport {
  const { options: o, outcomes } = input
  const honest = outcomes.filter((x) => x.honest)
  const finals: Array<Map<number, Final>> = honest.map(() => new Map())
  const latencies: number[] = []
  const equivocators = new Set<string>()
  let evictions = 0
  honest.forEach((node, k) => {
    for (const { event } of node.events) {
      if (event.type === 'certified') {
        const e = event.certificate.record.epoch
        if (e >= o.epochs) continue
        const f = finals[k].get(e) ?? {}
        f.certified = { record: event.certificate.record, digest: bytesToHex(recordDigest(event.certificate.record)) }
        finals[k].set(e, f)
        latencies.push(event.latencyMs)
      } else if (event.type === 'approximate') {
        const e = event.record.epoch
        if (e >= o.epochs) continue
        const f = finals[k].get(e) ?? {}
        f.approximate = event.record
        finals[k].set(e, f)
      } else if (event.type === 'equivocation') equivocators.add(`${event.author}@${event.epoch}`)
      else if (event.type === 'eviction') evictions++
    }
  })
  const epochs: EpochSummary[] = []
  for (let e = 0; e < o.epochs; e++) {
    let certifiedBy = 0
    let approximateBy = 0
    const digests = new Set<string>()
    const values = new Map<string, number[]>()
    let temperature: number | undefined
    let includedAuthors: string[] = []
    for (const f of finals) {
      const final = f.get(e)
      const record = final?.certified?.record ?? final?.approximate
      if (final?.certified) {
        certifiedBy++
        digests.add(final.certified.digest)
        if (temperature === undefined) {
          temperature = final.certified.record.feeds.reduce((m, x) => Math.max(m, x.temperature), 0)
          includedAuthors = final.certified.record.includedAuthors.map(bytesToHex)
        }
      } else if (final?.approximate) approximateBy++
      if (!record) continue
      for (const feed of record.feeds) {
        const list = values.get(feed.feed) ?? []
        list.push(feed.values[0])
        values.set(feed.feed, list)
      }
    }
    let honestSpread = 0
    let errorSigma = 0
    let errorTruthSigma = 0
    for (const [feed, list] of values) {
      honestSpread = Math.max(honestSpread, Math.max(...list) - Math.min(...list))
      const obs = (input.observed[e]?.get(feed) ?? []).map((v) => v[0])
      if (obs.length === 0) continue
      const mean = obs.reduce((s, x) => s + x, 0) / obs.length
      const sd = Math.sqrt(obs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, obs.length - 1)) || o.honestSigma
      const truth = input.truth.get(feed)?.[e] ?? mean
      for (const v of list) {
        errorSigma = Math.max(errorSigma, Math.abs(v - mean) / sd)
        errorTruthSigma = Math.max(errorTruthSigma, Math.abs(v - truth) / o.honestSigma)
      }
    }
    epochs.push({ epoch: e, certifiedBy, approximateBy, certifiedDigests: digests.size, honestSpread, errorSigma, errorTruthSigma, temperature, includedAuthors })
  }
  latencies.sort((a, b) => a - b)
  const quantile = (q: number) => (latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))])
  const perNodeEpoch = o.nodes * o.epochs
  const round = (x: number, digits = 4) => Number(x.toFixed(digits))
  const summary: SimSummary = {
    nodes: o.nodes,
    epochs: o.epochs,
    seed: o.seed,
    attack: o.attack ?? null,
    byzantine: o.byzantine,
    byzantineNodes: outcomes.length - honest.length,
    endorsementMode: o.tuning.endorsementMode ?? 'separate',
    certifiedEpochs: epochs.filter((x) => x.certifiedBy === honest.length).length,
    approximateEpochs: epochs.filter((x) => x.certifiedBy < honest.length && x.approximateBy > 0).length,
    allHonestAgreed: epochs.every((x) => x.certifiedDigests <= 1),
    honestSpreadMax: round(Math.max(0, ...epochs.map((x) => x.honestSpread)), 9),
    errorSigma: round(mean(epochs.map((x) => x.errorSigma))),
    errorSigmaMax: round(Math.max(0, ...epochs.map((x) => x.errorSigma))),
    errorTruthSigma: round(mean(epochs.map((x) => x.errorTruthSigma))),
    finalityMs: { p50: round(quantile(0.5), 2), p99: round(quantile(0.99), 2) },
    messagesPerNodePerEpoch: round(input.traffic.messages / perNodeEpoch, 2),
    bytesPerNodePerEpoch: Math.round(input.traffic.bytes / perNodeEpoch),
    temperatureMax: round(Math.max(0, ...epochs.map((x) => x.temperature ?? 0)), 6),
    equivocationsDetected: equivocators.size,
    evictions,
    simulatedEvents: input.scheduler.eventsRun,
  }
  return { summary, epochs, outcomes }
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length
}
