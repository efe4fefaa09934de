/**
 * Runs one swarm for a benchmark, bounded in time: a run that exceeds its budget is shut down and reported as
 * an error row, so one stuck configuration never hangs the whole bench.
 */
import { availableParallelism } from 'node:os'
import { defaultHealthTimeoutMs, type EpochOutcome, genesisLeadMs, Swarm, type SwarmOptions, type SwarmSummary, WARMUP_EPOCHS } from '../swarm/index.js'

/**
 * The benches' epoch period, the same at every n: a period that grows with n (it used to be 2 s at n <= 10 up to
 * 10 s at n=100) spreads the fixed per-second cost of a node over more work, so per-epoch CPU could not be
 * compared across n.
 */
export const BENCH_EPOCH_MS = 2000

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
    epochPeriodMs: BENCH_EPOCH_MS,
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
 * the bounded health wait or the genesis lead (settle and idle window included), warm-up and measured epochs, the
 * last epoch's resolution wait and store polls, shutdown.
 */
export function runBudgetMs(opts: SwarmOptions): number {
  const epochs = WARMUP_EPOCHS + opts.epochs
  return 120_000 + opts.healthTimeoutMs + genesisLeadMs(opts.nodes) + epochs * opts.epochPeriodMs + Math.min(4 * opts.epochPeriodMs, 60_000) + 3 * opts.epochPeriodMs + 60_000
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
