/**
 * Simulator plumbing for strategies that act as relays (censor) and the figures the adversary tests and
 * docs/SECURITY.md read: who holds the committee seats, and whether a censored node still gets its proposals in.
 */
import type { AttackStrategy } from '../attacks/types.js'
import type { Relays } from './mesh.js'
import type { SimReport } from './summary.js'

/** Builds the per-broadcast lookup of nodes that refuse to forward (undefined = everyone forwards). */
export function relayFilter(strategies: ReadonlyArray<AttackStrategy | undefined>): (author: string, topic: string, epoch: number) => Relays | undefined {
  const relays = strategies.flatMap((s, i) => (s?.relays ? [{ i, relays: s.relays.bind(s) }] : []))
  if (relays.length === 0) return () => undefined
  return (author, topic, epoch) => {
    const silent = relays.filter((r) => !r.relays({ author, topic, epoch })).map((r) => r.i)
    return silent.length === 0 ? undefined : { key: silent.join(','), nodes: new Set(silent) }
  }
}

export interface AdversaryMetrics {
  /** Whether identities needed a PoW ticket (false in the `--no-pow-gate` ablation). */
  powGate: boolean
  /** Mean over certified epochs of the Byzantine share of the record's included authors (next epoch's committee). */
  byzantineSeatShare: number
  /** `censor` only: share of certified epochs whose record includes the censored node's proposal. */
  censoredInclusion?: number
}

export function adversaryMetrics(report: SimReport, options: { powGate: boolean; attack?: string }, target: string | undefined): AdversaryMetrics {
  const byzantine = new Set(report.outcomes.filter((x) => !x.honest).map((x) => x.id))
  const recorded = report.epochs.filter((e) => e.includedAuthors.length > 0)
  const share = recorded.map((e) => e.includedAuthors.filter((a) => byzantine.has(a)).length / e.includedAuthors.length)
  const metrics: AdversaryMetrics = { powGate: options.powGate, byzantineSeatShare: round(mean(share)) }
  if (options.attack === 'censor' && target !== undefined && byzantine.size > 0) {
    metrics.censoredInclusion = round(recorded.filter((e) => e.includedAuthors.includes(target)).length / Math.max(1, recorded.length))
  }
  return metrics
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length
}

function round(x: number): number {
  return Number(x.toFixed(4))
}
