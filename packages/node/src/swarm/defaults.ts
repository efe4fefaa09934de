/** Defaults that depend on the swarm's size, measured on this class of machine (2 cores, shared). */

/**
 * Epoch period, the same for every node kind at one n (so the benches compare like with like). Long enough that
 * an epoch's dissemination and votes finish well before the next starts on a 2-core machine, with slack for the
 * event-loop stalls other work on the machine causes (raw lean gossip took ~0.3 s at n=30 and ~5 s at n=100 in
 * one process; ThermoTruth at n=30 finalized at p50 0.6-1.1 s, and its collection deadline is half the period).
 * Too short a period on a busy host does not just slow epochs down: late epochs fall back to approximate
 * agreement, which sends more messages, which makes the next epoch later still.
 */
export function defaultEpochPeriodMs(_protocol: string, nodes: number): number {
  if (nodes <= 10) return 2000
  if (nodes <= 30) return 3000
  if (nodes <= 60) return 5000
  return 10_000
}

/**
 * Bounded wait for the mesh and the DHT. Mesh formation took 2 s at n=10 and up to 50 s at n=60-100 on this
 * machine, longer when it is busy; a run that starts before the mesh formed measures start-up, not the protocol.
 */
export function defaultHealthTimeoutMs(nodes: number): number {
  return (30 + nodes) * 1000
}

/** `--byzantine F`: a count, or a fraction of the nodes when < 1. Undefined when out of range. */
export function resolveByzantine(f: number, nodes: number): number | undefined {
  if (!Number.isFinite(f) || f < 0) return undefined
  const count = f < 1 ? Math.floor(f * nodes) : f
  if (!Number.isInteger(count) || count >= nodes) return undefined
  return count
}
