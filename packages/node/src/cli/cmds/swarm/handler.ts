import { availableParallelism } from 'node:os'
import { loadNetworkConfig } from '../../../config/index.js'
import { factoryNames } from '../../../swarm/factories/index.js'
import type { AggregateDashboard } from '../../../swarm/aggregate.js'
import { Swarm, SwarmError, type SwarmOptions } from '../../../swarm/launcher.js'
import { createLiveView } from '../../../swarm/live-view.js'
import { defaultEpochPeriodMs, defaultHealthTimeoutMs, resolveByzantine } from '../../../swarm/defaults.js'
import type { SwarmSummary } from '../../../swarm/summary.js'
import type { GlobalArgs } from '../../types.js'
import { CliError } from '../../util/errors.js'
import { info, printJson } from '../../util/output.js'
import type { SwarmArgs } from './options.js'

/** The epoch period of the network config given with --config. */
function configEpochPeriodMs(configFile: string): number {
  try {
    return loadNetworkConfig(configFile).genesis.epochPeriodMs
  } catch (error) {
    throw new CliError((error as Error).message)
  }
}

export function swarmOptionsFromArgs(args: SwarmArgs & GlobalArgs): SwarmOptions {
  const nodes = args.nodes
  if (!Number.isInteger(nodes) || nodes < 2 || nodes > 1000) throw new CliError(`--nodes must be an integer in 2..1000, got ${nodes}`)
  const processes = args.processes ?? Math.min(nodes, availableParallelism())
  if (!Number.isInteger(processes) || processes < 1 || processes > nodes) throw new CliError(`--processes must be an integer in 1..${nodes}, got ${processes}`)
  if (!Number.isInteger(args.epochs) || args.epochs < 1 || args.epochs > 10_000) throw new CliError(`--epochs must be an integer in 1..10000, got ${args.epochs}`)
  if (!factoryNames().includes(args.protocol)) throw new CliError(`--protocol must be one of ${factoryNames().join(', ')}, got '${args.protocol}'`)
  const byzantine = resolveByzantine(args.byzantine, nodes)
  if (byzantine === undefined) throw new CliError(`--byzantine must be a count in 0..${nodes - 1} or a fraction in [0, 1), got ${args.byzantine}`)
  if (byzantine > 0 && !args.attack) throw new CliError('--byzantine needs --attack NAME')
  // A network config given with --config fixes ThermoNodes' period; otherwise it grows with n, as the baselines'.
  const configFile = args.protocol === 'thermotruth' ? args.config : undefined
  const epochPeriodMs = args['epoch-ms'] ?? (configFile !== undefined ? configEpochPeriodMs(configFile) : defaultEpochPeriodMs(args.protocol, nodes))
  if (!Number.isFinite(epochPeriodMs) || epochPeriodMs < 100) throw new CliError(`--epoch-ms must be >= 100, got ${epochPeriodMs}`)
  if (!Number.isInteger(args['proposal-bytes']) || args['proposal-bytes'] < 16 || args['proposal-bytes'] > 1 << 20) {
    throw new CliError(`--proposal-bytes must be an integer in 16..1048576, got ${args['proposal-bytes']}`)
  }
  return {
    factory: args.protocol,
    nodes,
    processes,
    epochs: args.epochs,
    epochPeriodMs,
    byzantine,
    attack: args.attack,
    proposalBytes: args['proposal-bytes'],
    reportsPerSecond: Math.max(0, args['reports-per-second']),
    basePort: args['base-port'],
    configFile: args.config,
    healthTimeoutMs: args['health-timeout'] > 0 ? args['health-timeout'] * 1000 : defaultHealthTimeoutMs(nodes),
    seedPeers: Math.max(0, Math.floor(args['seed-peers'])),
    cpuProfileDir: args['cpu-prof'],
    // The aggregate view is for people: on unless --json (a script reading the summary; every node's API would add to
    // the measured CPU). It follows every node's API: ThermoNodes only (the baselines serve none).
    dashboardPort: (args.dashboard ?? !args.json) && args.protocol === 'thermotruth' ? dashboardPort(args['dashboard-port']) : undefined,
  }
}

function dashboardPort(port: number | undefined): number {
  const p = port ?? 0
  if (!Number.isInteger(p) || p < 0 || p > 65535) throw new CliError(`--dashboard-port must be an integer in 0..65535, got ${port}`)
  return p
}

/** Runs `swarm` with SIGINT/SIGTERM wired to a clean shutdown, so an interrupted launcher leaves no processes. */
export async function runSwarmWithSignals(opts: SwarmOptions, progress: ConstructorParameters<typeof Swarm>[1], keep?: { dashboard?: AggregateDashboard }): Promise<SwarmSummary> {
  const swarm = new Swarm(opts, progress)
  const onSignal = (signal: NodeJS.Signals) => {
    info(`swarm: ${signal}, shutting down`)
    void swarm.shutdown().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await swarm.run()
  } catch (error) {
    if (error instanceof SwarmError) throw new CliError(error.message)
    throw error
  } finally {
    if (keep !== undefined) keep.dashboard = swarm.detachDashboard()
    await swarm.shutdown()
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
}

export async function swarmHandler(args: SwarmArgs & GlobalArgs): Promise<void> {
  const opts = swarmOptionsFromArgs(args)
  const kept: { dashboard?: AggregateDashboard } | undefined = args['keep-open'] ? {} : undefined
  const summary = await runSwarmWithSignals(opts, createLiveView(process.stderr, args.verbose), kept)
  if (args.json) printJson(summary)
  else printSummary(summary)
  if (kept?.dashboard !== undefined) await serveUntilSignal(kept.dashboard)
}

/** `--keep-open`: the nodes are gone, the aggregate page keeps the run's history until Ctrl-C. */
async function serveUntilSignal(dashboard: AggregateDashboard): Promise<void> {
  info(`swarm dashboard stays open at ${dashboard.url} (the run is over; Ctrl-C to close)`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  await dashboard.close()
}

function printSummary(summary: SwarmSummary): void {
  info(
    [
      `swarm: ${summary.certifiedEpochs}/${summary.epochs} epochs certified, ${summary.approximateEpochs} approximate, ${summary.failedEpochs} failed; all honest agreed: ${summary.allHonestAgreed ? 'yes' : 'NO'}`,
      `finality p50 ${summary.finalityMs.p50} ms, p99 ${summary.finalityMs.p99} ms; CPU ${summary.cpuMsPerNodePerEpoch} ms/node/epoch; RSS ${summary.rssMbPerNode} MB/node`,
      `bytes/node/epoch ${summary.bytesPerNodePerEpoch} (wire ${summary.wireBytesPerNodePerEpoch}), naive all-to-all ${summary.naiveBytesPerNodePerEpoch}`,
    ].join('\n'),
  )
}
