import { ATTACKS, runSimulation, SimOptionError } from '@thermotruth/protocol'
import type { GlobalArgs } from '../../types.js'
import { CliError } from '../../util/errors.js'
import { info, printJson } from '../../util/output.js'
import { createProgressBar } from '../../util/progress.js'
import type { SimArgs } from './options.js'

export async function simHandler(args: SimArgs & GlobalArgs): Promise<void> {
  if (args.attack !== undefined && !(args.attack in ATTACKS)) {
    throw new CliError(`unknown --attack '${args.attack}'; known: ${Object.keys(ATTACKS).join(', ')}`, 2)
  }
  if (args.byzantine > 0 && args.attack === undefined) throw new CliError('--byzantine needs --attack NAME', 2)
  const bar = createProgressBar(`sim ${args.nodes} nodes`)
  const started = performance.now()
  let report: ReturnType<typeof runSimulation>
  try {
    report = runSimulation({
      nodes: args.nodes,
      epochs: args.epochs,
      seed: args.seed,
      rttMs: args.rtt,
      jitterMs: args.jitter,
      loss: args.loss,
      gossipDegree: args['gossip-degree'],
      byzantine: args.byzantine,
      attack: args.attack,
      attackFrom: args['attack-from'],
      attackUntil: args['attack-until'],
      periodMs: args.period,
      hosts: args.hosts,
      hostAssignment: args['host-assignment'] === 'round-robin' ? 'round-robin' : 'blocks',
      cpuScale: args['cpu-scale'],
      cpu: args['idle-cpu'] === undefined ? undefined : { idleMsPerSecond: args['idle-cpu'] },
      // The CLI prints the summary only: no need to keep every node's events (memory at 1,000+ nodes).
      keepEvents: false,
      powGate: args['pow-gate'],
      tuning: { endorsementMode: args.endorse === 'piggyback' ? 'piggyback' : 'separate', epochMode: args['epoch-mode'] === 'gossip' ? 'gossip' : 'linear' },
      onProgress: (done, total) => bar.update(done / total, `epoch ${done}/${total}`),
    })
  } catch (error) {
    if (error instanceof SimOptionError) throw new CliError(error.message, 2)
    throw error
  }
  const wallMs = performance.now() - started
  bar.done(`${(wallMs / 1000).toFixed(1)} s wall`)
  // Wall time goes to stderr only: stdout must be identical for identical seeds.
  info(`simulated ${report.summary.simulatedEvents.toLocaleString('en')} events in ${(wallMs / 1000).toFixed(1)} s`)
  const s = report.summary
  if (args.json) {
    printJson(s)
    return
  }
  process.stdout.write(
    [
      `nodes ${s.nodes}, epochs ${s.epochs}, byzantine ${s.byzantineNodes} (${s.attack ?? 'none'}), endorsements ${s.endorsementMode}`,
      `certified ${s.certifiedEpochs}/${s.epochs}, approximate ${s.approximateEpochs}, honest agreed ${s.allHonestAgreed}, spread ${s.honestSpreadMax}`,
      `error ${s.errorSigma} σ mean, ${s.errorSigmaMax} σ worst epoch (vs truth ${s.errorTruthSigma} σ), finality p50 ${s.finalityMs.p50} ms p99 ${s.finalityMs.p99} ms`,
      `per node per epoch: ${s.messagesPerNodePerEpoch} messages, ${s.bytesPerNodePerEpoch} bytes, ${s.cpuMsPerNodePerEpoch} ms CPU`,
      `cpu queues: ${s.cpuQueue.hosts}, utilisation ${s.cpuQueue.utilisationMean} mean / ${s.cpuQueue.utilisationMax} max, wait p50 ${s.cpuQueue.waitMs.p50} ms p99 ${s.cpuQueue.waitMs.p99} ms`,
      '',
    ].join('\n'),
  )
}
