/**
 * Turns what a swarm run observed (epoch outcomes, counter snapshots, /proc samples) into the `--json` summary.
 * Keys match the simulator's (`nodes`, `epochs`, `certifiedEpochs`, ...) so the two can be compared directly.
 */
import { mean, percentile, round } from './stats-math.js'
import type { EpochOutcome, NodeStats } from './types.js'

export interface SwarmSummary {
  factory: string
  nodes: number
  processes: number
  epochs: number
  byzantine: number
  attack: string | null
  epochPeriodMs: number
  certifiedEpochs: number
  approximateEpochs: number
  failedEpochs: number
  /** Epochs every honest node certified but with different records: a safety violation; must be 0. */
  disagreedEpochs: number
  /** Share of honest (node, measured epoch) pairs the node finalized by certificate (1 = every node, every epoch). */
  certifiedShare: number
  allHonestAgreed: boolean
  honestSpreadMax: number
  errorSigma: number | null
  finalityMs: { p50: number; p99: number; max: number }
  messagesPerNodePerEpoch: number
  /** Stream payload bytes sent, summed over every protocol (libp2p_data_transfer_bytes_total, 'global' excluded). */
  bytesPerNodePerEpoch: number
  /** Raw connection bytes sent, including noise and yamux framing (the 'global' counter). */
  wireBytesPerNodePerEpoch: number
  bytesByProtocolPerNodePerEpoch: Record<string, number>
  receivedBytesByProtocolPerNodePerEpoch: Record<string, number>
  naiveBytesPerNodePerEpoch: number
  /** Host-process CPU over the measured epochs' periods (steady state: start-up and mesh formation excluded). */
  cpuMsPerNodePerEpoch: number
  /** Host-process CPU per node per second after mesh formation, before the first epoch (null: no idle window). */
  idleCpuMsPerNodePerSecond: number | null
  /** Length of the idle window (at least 10 s unless a clock-driven kind's genesis cut it short). */
  idleWindowMs: number
  rssMbPerNode: number
  /** Node-epochs a node first finalized approximate and certified later, by adopting the network's certificate. */
  upgradedNodeEpochs: number
  /** Client reports finalized in certified epochs per second of measured time. */
  certifiedReportsPerSecond: number
  healthy: boolean
  startupMs: number
  meshMs: number
  eventLoopDelayMaxMs: number
  /** The machine's 1, 5 and 15 minute load averages at the end of the run (it is shared: how noisy it was). */
  loadAverage: number[]
  apiUrl: string | null
}

export interface SwarmObservation {
  factory: string
  nodes: number
  processes: number
  epochs: number
  firstEpoch: number
  byzantine: number
  attack: string | undefined
  epochPeriodMs: number
  /** At most one outcome per (node, epoch): the final one (see OutcomeBook). */
  outcomes: EpochOutcome[]
  upgradedNodeEpochs?: number
  statsBefore: NodeStats[]
  statsAfter: NodeStats[]
  cpuMsDelta: number
  idleCpuMsPerNodePerSecond?: number
  idleWindowMs?: number
  loadAverage?: number[]
  rssBytesTotal: number
  healthy: boolean
  startupMs: number
  meshMs: number
  eventLoopDelayMaxMs: number
  apiUrl: string | undefined
}

export interface EpochView {
  epoch: number
  status: 'certified' | 'approximate' | 'failed'
  agreed: boolean
  finalized: number
  honest: number
  spread: number
  latencyP50: number
  latencyMax: number
  temperature?: number
  entropyBits?: number
  peers?: number
  feeds: number
  errorSigma?: number
  /** Client reports the epoch finalized (the largest count any honest node reported). */
  reports: number
}

/** Folds the honest nodes' outcomes for one epoch into one row. Missing outcomes count as failures. */
export function summarizeEpoch(epoch: number, outcomes: EpochOutcome[], honestNodes: number): EpochView {
  const finalized = outcomes.filter((o) => o.status !== 'failed')
  const digests = new Set(finalized.map((o) => o.digest))
  const allFinal = finalized.length === honestNodes
  const status: EpochView['status'] = !allFinal ? 'failed' : finalized.some((o) => o.status === 'approximate') ? 'approximate' : 'certified'
  const latencies = finalized.map((o) => o.finalityMs)
  let spread = 0
  const feeds = new Set<string>()
  for (const o of finalized) for (const feed of Object.keys(o.values ?? {})) feeds.add(feed)
  for (const feed of feeds) {
    const vs = finalized.map((o) => o.values?.[feed]).filter((v): v is number => v !== undefined)
    if (vs.length > 1) spread = Math.max(spread, Math.max(...vs) - Math.min(...vs))
  }
  const first = finalized[0]
  const errors = finalized.map((o) => o.errorSigma).filter((v): v is number => v !== undefined)
  return {
    epoch,
    status,
    agreed: allFinal && (status === 'approximate' || digests.size === 1),
    finalized: finalized.length,
    honest: honestNodes,
    spread,
    latencyP50: percentile(latencies, 50),
    latencyMax: latencies.length > 0 ? Math.max(...latencies) : Number.NaN,
    temperature: first?.temperature,
    entropyBits: first?.entropyBits,
    peers: first?.peers,
    feeds: feeds.size,
    errorSigma: errors.length > 0 ? Math.max(...errors) : undefined,
    reports: Math.max(0, ...finalized.map((o) => o.reports ?? 0)),
  }
}

function bytesDelta(before: NodeStats[], after: NodeStats[], direction: 'sent' | 'received'): Record<string, number> {
  const totals: Record<string, number> = {}
  const beforeByNode = new Map(before.map((s) => [s.node, s]))
  for (const s of after) {
    const b = beforeByNode.get(s.node)
    for (const [protocol, counts] of Object.entries(s.bytes)) {
      totals[protocol] = (totals[protocol] ?? 0) + counts[direction] - (b?.bytes[protocol]?.[direction] ?? 0)
    }
  }
  return totals
}

function perNodeEpoch(totals: Record<string, number>, nodeEpochs: number): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [protocol, total] of Object.entries(totals)) out[protocol] = round(total / nodeEpochs, 0)
  return out
}

export function summarizeSwarm(obs: SwarmObservation): SwarmSummary {
  const honestNodes = obs.nodes - obs.byzantine
  const lastEpoch = obs.firstEpoch + obs.epochs - 1
  // Only the measured epochs: clock-driven nodes also finalize epochs while the mesh forms.
  const honest = obs.outcomes.filter((o) => o.node >= obs.byzantine && o.epoch >= obs.firstEpoch && o.epoch <= lastEpoch)
  const views: EpochView[] = []
  for (let e = obs.firstEpoch; e < obs.firstEpoch + obs.epochs; e++) {
    views.push(summarizeEpoch(e, honest.filter((o) => o.epoch === e), honestNodes))
  }
  const latencies = honest.filter((o) => o.status !== 'failed').map((o) => o.finalityMs)
  const nodeEpochs = obs.nodes * obs.epochs
  const byProtocol = bytesDelta(obs.statsBefore, obs.statsAfter, 'sent')
  let payloadBytes = 0
  for (const [protocol, total] of Object.entries(byProtocol)) if (protocol !== 'global') payloadBytes += total
  const messagesBefore = obs.statsBefore.reduce((sum, s) => sum + s.messagesSent, 0)
  const messagesAfter = obs.statsAfter.reduce((sum, s) => sum + s.messagesSent, 0)
  const proposalBytes = mean(obs.statsAfter.map((s) => s.proposalBytes))
  const errors = views.map((v) => v.errorSigma).filter((v): v is number => v !== undefined)
  let certifiedReports = 0
  for (const v of views) if (v.status === 'certified' && v.agreed) certifiedReports += v.reports
  return {
    factory: obs.factory,
    nodes: obs.nodes,
    processes: obs.processes,
    epochs: obs.epochs,
    byzantine: obs.byzantine,
    attack: obs.attack ?? null,
    epochPeriodMs: obs.epochPeriodMs,
    certifiedEpochs: views.filter((v) => v.status === 'certified' && v.agreed).length,
    approximateEpochs: views.filter((v) => v.status === 'approximate').length,
    failedEpochs: views.filter((v) => v.status === 'failed').length,
    disagreedEpochs: views.filter((v) => v.status === 'certified' && !v.agreed).length,
    certifiedShare: round(honest.filter((o) => o.status === 'certified').length / Math.max(1, honestNodes * obs.epochs), 3),
    allHonestAgreed: views.every((v) => v.agreed),
    honestSpreadMax: round(Math.max(0, ...views.map((v) => v.spread)), 6),
    errorSigma: errors.length > 0 ? round(Math.max(...errors), 3) : null,
    finalityMs: {
      p50: round(percentile(latencies, 50), 0),
      p99: round(percentile(latencies, 99), 0),
      max: round(latencies.length > 0 ? Math.max(...latencies) : Number.NaN, 0),
    },
    messagesPerNodePerEpoch: round((messagesAfter - messagesBefore) / nodeEpochs, 2),
    bytesPerNodePerEpoch: round(payloadBytes / nodeEpochs, 0),
    wireBytesPerNodePerEpoch: round((byProtocol.global ?? 0) / nodeEpochs, 0),
    bytesByProtocolPerNodePerEpoch: perNodeEpoch(byProtocol, nodeEpochs),
    receivedBytesByProtocolPerNodePerEpoch: perNodeEpoch(bytesDelta(obs.statsBefore, obs.statsAfter, 'received'), nodeEpochs),
    naiveBytesPerNodePerEpoch: round((obs.nodes - 1) * proposalBytes, 0),
    cpuMsPerNodePerEpoch: round(obs.cpuMsDelta / nodeEpochs, 2),
    idleCpuMsPerNodePerSecond: obs.idleCpuMsPerNodePerSecond === undefined ? null : round(obs.idleCpuMsPerNodePerSecond, 2),
    idleWindowMs: round(obs.idleWindowMs ?? 0, 0),
    rssMbPerNode: round(obs.rssBytesTotal / obs.nodes / 2 ** 20, 1),
    upgradedNodeEpochs: obs.upgradedNodeEpochs ?? 0,
    certifiedReportsPerSecond: round(certifiedReports / ((obs.epochs * obs.epochPeriodMs) / 1000), 1),
    healthy: obs.healthy,
    startupMs: round(obs.startupMs, 0),
    meshMs: round(obs.meshMs, 0),
    eventLoopDelayMaxMs: round(obs.eventLoopDelayMaxMs, 0),
    loadAverage: (obs.loadAverage ?? []).map((v) => round(v, 2)),
    apiUrl: obs.apiUrl ?? null,
  }
}
