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
import type { CpuQueues } from './cpu-queue.js'
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
  /** Latency to a certificate, over certified honest node-epochs (0 when none certified). */
  finalityMs: { p50: number; p99: number }
  /**
   * Latency to each honest node's first resolution of an epoch, certified or approximate: what the swarm's
   * `finalityMs` measures (its outcomes include approximate ones), so calibration compares like with like.
   */
  resolvedMs: { p50: number; p99: number; max: number }
  /**
   * Share of honest node-epochs resolved before the run ends (0.9 period after the last epoch's start): below 1,
   * `resolvedMs` leaves out the slowest (a saturated run's backlog).
   */
  resolvedShare: number
  messagesPerNodePerEpoch: number
  bytesPerNodePerEpoch: number
  /** Direct (point-to-point) messages among them: requests, responses and `EnginePort.send` frames. */
  directMessagesPerNodePerEpoch: number
  /** CPU the model charged during the measured epochs, per node and epoch (the swarm's key of the same name). */
  cpuMsPerNodePerEpoch: number
  /** The CPU queues: how many, how busy over the measured epochs (1 = saturated), how long a job waited. */
  cpuQueue: { hosts: number; utilisationMean: number; utilisationMax: number; waitMs: { p50: number; p99: number; max: number } }
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
  collector: SummaryCollector
  observed: Array<Map<string, Float64Array[]>>
  truth: Map<string, number[]>
  traffic: Traffic
  scheduler: Scheduler
  queues: CpuQueues
  hosts: number
}

/** What one honest node ended an epoch with: only what the summary reads (not the certificate itself). */
interface Final {
  certified?: { digest: string; values: Map<string, number>; temperature: number }
  approximate?: Map<string, number>
  /** Latency of the node's first resolution of the epoch, certified or approximate. */
  latencyMs?: number
}

/**
 * Folds engine events into the summary's inputs as they happen, so a run does not need to keep every node's
 * certificates (at 1,000 nodes, each certificate carries ~667 endorsements, and every node holds one per epoch).
 */
export class SummaryCollector {
  readonly finals: Array<Map<number, Final>>
  readonly latencies: number[] = []
  readonly equivocators = new Set<string>()
  evictions = 0
  anneals = 0
  private readonly honestSlot: Int32Array
  readonly included = new Map<number, { slot: number; authors: string[] }>()
  private readonly digests = new WeakMap<EpochRecord, string>()

  constructor(
    private readonly options: { epochs: number },
    ids: readonly string[],
    byzantine: ReadonlySet<number>,
  ) {
    this.honestSlot = new Int32Array(ids.length).fill(-1)
    let k = 0
    for (let i = 0; i < ids.length; i++) if (!byzantine.has(i)) this.honestSlot[i] = k++
    this.finals = Array.from({ length: k }, () => new Map())
  }

  annealed(_node: number): void {
    this.anneals++
  }

  event(node: number, _at: number, event: EngineEvent): void {
    const k = this.honestSlot[node]
    if (k < 0) return
    if (event.type === 'certified') {
      const record = event.certificate.record
      if (record.epoch >= this.options.epochs) return
      const f = this.finals[k].get(record.epoch) ?? {}
      f.certified = {
        digest: this.digestOf(record),
        values: valuesOf(record),
        temperature: record.feeds.reduce((m, x) => Math.max(m, x.temperature), 0),
      }
      // The epoch's included authors as the lowest-indexed honest certifier saw them (equal on every honest node
      // unless safety broke).
      const held = this.included.get(record.epoch)
      if (!held || held.slot > k) this.included.set(record.epoch, { slot: k, authors: record.includedAuthors.map(bytesToHex) })
      f.latencyMs ??= event.latencyMs
      this.finals[k].set(record.epoch, f)
      this.latencies.push(event.latencyMs)
    } else if (event.type === 'approximate') {
      if (event.record.epoch >= this.options.epochs) return
      const f = this.finals[k].get(event.record.epoch) ?? {}
      f.approximate = valuesOf(event.record)
      f.latencyMs ??= event.latencyMs
      this.finals[k].set(event.record.epoch, f)
    } else if (event.type === 'equivocation') this.equivocators.add(`${event.author}@${event.epoch}`)
    else if (event.type === 'eviction') this.evictions++
  }

  /** Nodes that certified the same view share one record object (the engine's memo): hash it once. */
  private digestOf(record: EpochRecord): string {
    let digest = this.digests.get(record)
    if (digest === undefined) {
      digest = bytesToHex(recordDigest(record))
      this.digests.set(record, digest)
    }
    return digest
  }
}

function valuesOf(record: EpochRecord): Map<string, number> {
  return new Map(record.feeds.map((f) => [f.feed, f.values[0]]))
}

export function summarise(input: SummaryInput): SimReport {
  const { options: o, outcomes, collector } = input
  const honest = outcomes.filter((x) => x.honest)
  const finals = collector.finals
  const latencies = collector.latencies
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
      const recordValues = final?.certified?.values ?? final?.approximate
      if (final?.certified) {
        certifiedBy++
        digests.add(final.certified.digest)
        if (temperature === undefined) {
          temperature = final.certified.temperature
          includedAuthors = collector.included.get(e)?.authors ?? []
        }
      } else if (final?.approximate) approximateBy++
      if (!recordValues) continue
      for (const [feed, value] of recordValues) {
        const list = values.get(feed) ?? []
        list.push(value)
        values.set(feed, list)
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
  const quantileOf = (xs: number[], q: number) => (xs.length === 0 ? 0 : xs[Math.min(xs.length - 1, Math.floor(q * xs.length))])
  const quantile = (q: number) => quantileOf(latencies, q)
  const resolved: number[] = []
  for (const f of finals) for (const [e, final] of f) if (e < o.epochs && final.latencyMs !== undefined) resolved.push(final.latencyMs)
  resolved.sort((a, b) => a - b)
  const perNodeEpoch = o.nodes * o.epochs
  const cpu = input.queues.stats()
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
    resolvedMs: { p50: round(quantileOf(resolved, 0.5), 2), p99: round(quantileOf(resolved, 0.99), 2), max: round(resolved.at(-1) ?? 0, 2) },
    resolvedShare: round(resolved.length / Math.max(1, honest.length * o.epochs)),
    messagesPerNodePerEpoch: round(input.traffic.messages / perNodeEpoch, 2),
    bytesPerNodePerEpoch: Math.round(input.traffic.bytes / perNodeEpoch),
    temperatureMax: round(Math.max(0, ...epochs.map((x) => x.temperature ?? 0)), 6),
    cpuMsPerNodePerEpoch: round(cpu.busyMs / perNodeEpoch, 3),
    cpuQueue: {
      hosts: input.hosts,
      utilisationMean: round(cpu.utilisationMean),
      utilisationMax: round(cpu.utilisationMax),
      waitMs: { p50: round(cpu.waitMs.p50, 3), p99: round(cpu.waitMs.p99, 3), max: round(cpu.waitMs.max, 3) },
    },
    directMessagesPerNodePerEpoch: round(input.traffic.directMessages / perNodeEpoch, 2),
    equivocationsDetected: collector.equivocators.size,
    evictions: collector.evictions,
    simulatedEvents: input.scheduler.eventsRun,
  }
  return { summary, epochs, outcomes }
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length
}
