/** Defaults that depend on the swarm's size, measured on this class of machine (2 cores). */

/**
 * Epoch period: long enough that an epoch's dissemination finishes before the next starts on a 2-core machine
 * (raw lean gossip took ~0.3 s at n=30 and ~5 s at n=100 in one process), so epochs do not pile up.
 */
export function defaultEpochPeriodMs(_protocol: string, nodes: number): number {
  if (nodes <= 10) return 1000
  if (nodes <= 30) return 2000
  if (nodes <= 60) return 5000
  return 10_000
}

/** `--byzantine F`: a count, or a fraction of the nodes when < 1. Undefined when out of range. */
export function resolveByzantine(f: number, nodes: number): number | undefined {
  if (!Number.isFinite(f) || f < 0) return undefined
  const count = f < 1 ? Math.floor(f * nodes) : f
  if (!Number.isInteger(count) || count >= nodes) return undefined
  return count
}
