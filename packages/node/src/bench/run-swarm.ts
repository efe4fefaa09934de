/**
 * Runs one swarm for a benchmark, bounded in time: a run that exceeds its budget is shut down and reported as
 * an error row, so one stuck configuration never hangs the whole bench.
 */
import { availableParallelism } from 'node:os'
import { defaultEpochPeriodMs, defaultHealthTimeoutMs, type EpochOutcome, Swarm, type SwarmOptions, type SwarmSummary } from '../swarm/index.js'

export interface SwarmRun {
  summary?: SwarmSummary
  /** One final outcome per (node, measured epoch), and the first measured epoch (per-epoch analyses). */
  outcomes?: EpochOutcome[]
  firstEpoch?: number
  error?: string
  wallMs: number
}

export function benchSwarmOptions(kind: string, nodes: number, overrides: Partial<SwarmOptions> & { basePort: number }): SwarmOptions {
  return {
    factory: kind,
    nodes,
    processes: Math.min(nodes, availableParallelism()),
    epochs: 10,
    epochPeriodMs: defaultEpochPeriodMs(kind, nodes),
    byzantine: 0,
    proposalBytes: 200,
    reportsPerSecond: 0,
    healthTimeoutMs: defaultHealthTimeoutMs(nodes),
    seedPeers: 6,
    ...overrides,
  }
}

/**
 * Worst-case duration of a run: start-up (identities, libp2p, 2 min: measured over 1 min on a machine at load 20),
 * the bounded health wait, the epochs, the last epoch's resolution wait and store polls, shutdown.
 */
export function runBudgetMs(opts: SwarmOptions): number {
  return 120_000 + opts.healthTimeoutMs + opts.epochs * opts.epochPeriodMs + Math.min(4 * opts.epochPeriodMs, 60_000) + 3 * opts.epochPeriodMs + 60_000
}

export async function runSwarmBounded(opts: SwarmOptions, log: (line: string) => void): Promise<SwarmRun> {
  const started = performance.now()
  const swarm = new Swarm(opts, (event) => {
    if (event.kind === 'phase') log(`  ${opts.factory} n=${opts.nodes}: ${event.line}`)
  })
  const budget = runBudgetMs(opts)
  let timer: NodeJS.Timeout | undefined
  try {
    const summary = await Promise.race([
      swarm.run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`run exceeded its ${Math.round(budget / 1000)} s budget`)), budget)
      }),
    ])
    return { summary, outcomes: swarm.finalOutcomes(), firstEpoch: swarm.schedule?.firstEpoch, wallMs: performance.now() - started }
  } catch (error) {
    return { error: (error as Error)?.message ?? String(error), wallMs: performance.now() - started }
  } finally {
    clearTimeout(timer)
    await swarm.shutdown()
  }
}
