/** One flat, JSON-safe report row from a swarm run (or its error). */
import type { SwarmRun } from './run-swarm.js'

export function swarmRow(protocol: string, n: number, run: SwarmRun): Record<string, unknown> {
  const s = run.summary
  if (s === undefined) return { protocol, n, error: run.error ?? 'no summary', wallMs: Math.round(run.wallMs) }
  return {
    protocol,
    n,
    processes: s.processes,
    epochs: s.epochs,
    epochPeriodMs: s.epochPeriodMs,
    certifiedEpochs: s.certifiedEpochs,
    approximateEpochs: s.approximateEpochs,
    failedEpochs: s.failedEpochs,
    allHonestAgreed: s.allHonestAgreed,
    finalityP50Ms: s.finalityMs.p50,
    finalityP99Ms: s.finalityMs.p99,
    cpuMsPerNodePerEpoch: s.cpuMsPerNodePerEpoch,
    idleCpuMsPerNodePerSecond: s.idleCpuMsPerNodePerSecond,
    bytesPerNodePerEpoch: s.bytesPerNodePerEpoch,
    wireBytesPerNodePerEpoch: s.wireBytesPerNodePerEpoch,
    naiveBytesPerNodePerEpoch: s.naiveBytesPerNodePerEpoch,
    bytesVsNaive: s.naiveBytesPerNodePerEpoch > 0 ? Math.round((s.bytesPerNodePerEpoch / s.naiveBytesPerNodePerEpoch) * 100) / 100 : null,
    bytesByProtocolPerNodePerEpoch: s.bytesByProtocolPerNodePerEpoch,
    messagesPerNodePerEpoch: s.messagesPerNodePerEpoch,
    rssMbPerNode: s.rssMbPerNode,
    honestSpreadMax: s.honestSpreadMax,
    errorSigma: s.errorSigma,
    healthy: s.healthy,
    meshMs: s.meshMs,
    eventLoopDelayMaxMs: s.eventLoopDelayMaxMs,
    loadAverage1m: s.loadAverage[0] ?? null,
    wallMs: Math.round(run.wallMs),
  }
}
