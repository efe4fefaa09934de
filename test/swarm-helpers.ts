/** Shared by the swarm test files: a tiny swarm's options and a bounded wait for processes to exit. */
import { processExists, type SwarmOptions } from '@thermotruth/node/swarm'

export function tinySwarm(overrides: Partial<SwarmOptions>): SwarmOptions {
  return {
    factory: 'gossip-floor',
    nodes: 4,
    processes: 2,
    epochs: 3,
    // Generous: the machine is shared and an epoch that misses its deadline would be a false failure.
    epochPeriodMs: 2000,
    byzantine: 0,
    proposalBytes: 200,
    reportsPerSecond: 0,
    // Ephemeral ports: other worktrees run this suite concurrently on the same machine.
    basePort: 0,
    healthTimeoutMs: 20_000,
    seedPeers: 3,
    ...overrides,
  }
}

export async function waitGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const until = Date.now() + timeoutMs
  let alive = pids.filter(processExists)
  while (alive.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    alive = alive.filter(processExists)
  }
  return alive
}
