/**
 * The paper's five claims (seed paper, section 5.2) and the project's targets (issue 5), each turned into a check
 * against a measured value. A check never passes by default: with no measurement it is `holds: null`.
 */
import type { ClaimCheck } from './types.js'

export const PAPER = {
  latencyMsAt100: 500,
  tpsAt100: 200,
  errorAtF33: 0.05,
  bandwidthReduction: 0.9,
  ablationErrorSpike: 6000,
} as const

export const TARGETS = {
  finalityP50Ms: 1000,
  finalityP99Ms: 2000,
  cpuMsPerNodePerEpoch: 20,
  bytesVsNaive: 3,
  reportsPerSecond: 10_000,
  rssMbPerNodeShared: 20,
  rssMbPerNodeAlone: 150,
} as const

const fmt = (v: number, unit: string, digits = 0): string => `${v.toFixed(digits)} ${unit}`.trim()

/** "at most `limit`": holds when measured <= limit; the note says by how much it misses. */
export function atMost(claim: string, source: ClaimCheck['source'], measured: number | undefined, limit: number, unit: string, digits = 0): ClaimCheck {
  if (measured === undefined || !Number.isFinite(measured)) {
    return { claim, source, expected: `<= ${fmt(limit, unit, digits)}`, measured: 'not measured', holds: null }
  }
  const holds = measured <= limit
  return {
    claim,
    source,
    expected: `<= ${fmt(limit, unit, digits)}`,
    measured: fmt(measured, unit, digits),
    holds,
    note: holds ? undefined : `misses by ${fmt(measured - limit, unit, digits)} (${(measured / limit).toFixed(2)}x the limit)`,
  }
}

/** "at least `limit`". */
export function atLeast(claim: string, source: ClaimCheck['source'], measured: number | undefined, limit: number, unit: string, digits = 0): ClaimCheck {
  if (measured === undefined || !Number.isFinite(measured)) {
    return { claim, source, expected: `>= ${fmt(limit, unit, digits)}`, measured: 'not measured', holds: null }
  }
  const holds = measured >= limit
  return {
    claim,
    source,
    expected: `>= ${fmt(limit, unit, digits)}`,
    measured: fmt(measured, unit, digits),
    holds,
    note: holds ? undefined : `misses by ${fmt(limit - measured, unit, digits)} (${(measured / limit).toFixed(2)}x the target)`,
  }
}

/**
 * A check made on a run whose swarm failed epochs is no evidence either way: the swarm did not keep up, so its
 * per-epoch bytes and CPU are not those of a working network.
 */
export function onRow(check: ClaimCheck, row: Record<string, unknown> | undefined): ClaimCheck {
  const failed = typeof row?.failedEpochs === 'number' ? row.failedEpochs : 0
  if (failed === 0 || check.holds === null) return check
  return { ...check, holds: null, note: `no evidence: ${failed} of ${row?.epochs} epochs failed in that run${check.note ? `; ${check.note}` : ''}` }
}

export function notMeasured(claim: string, source: ClaimCheck['source'], expected: string, why: string): ClaimCheck {
  return { claim, source, expected, measured: 'not measured', holds: null, note: why }
}
