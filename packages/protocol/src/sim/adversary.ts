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
  /** The largest Byzantine share of one record's included authors (the seats the attack held at its peak). */
  byzantineSeatShareMax: number
  /** `censor` only: share of certified epochs whose record includes the censored node's proposal. */
  censoredInclusion?: number
  /** The T threshold of the run (scale-free units) and the epochs whose certified T exceeded it. */
  temperatureThreshold: number
  hotEpochs: number
  /** Longest run of consecutive hot epochs (property 3: T back under the threshold within 3 epochs, so <= 3). */
  longestHotStreak: number
  /** First epoch in which some attacker misbehaves (flash: its strike), null without an attack. */
  attackStart: number | null
  /** Epochs from attackStart to the first epoch whose T is under the threshold (0: never hot), null if never. */
  recoveryEpochs: number | null
  /** Epochs from attackStart to the first record without any Byzantine author, null if that never happens. */
  seatLossEpochs: number | null
}

export function adversaryMetrics(
  report: SimReport,
  options: { powGate: boolean; attack?: string; temperatureThreshold: number },
  target: string | undefined,
  attackStart: number | null,
): AdversaryMetrics {
  const byzantine = new Set(report.outcomes.filter((x) => !x.honest).map((x) => x.id))
  const recorded = report.epochs.filter((e) => e.includedAuthors.length > 0)
  const share = recorded.map((e) => e.includedAuthors.filter((a) => byzantine.has(a)).length / e.includedAuthors.length)
  const threshold = options.temperatureThreshold
  const hot = report.epochs.map((e) => e.temperature !== undefined && e.temperature > threshold)
  let streak = 0
  let longestHotStreak = 0
  for (const h of hot) {
    streak = h ? streak + 1 : 0
    longestHotStreak = Math.max(longestHotStreak, streak)
  }
  const after = (ok: (e: SimReport['epochs'][number]) => boolean): number | null => {
    if (attackStart === null) return null
    const found = report.epochs.find((e) => e.epoch >= attackStart && ok(e))
    return found === undefined ? null : found.epoch - attackStart
  }
  const metrics: AdversaryMetrics = {
    powGate: options.powGate,
    byzantineSeatShare: round(mean(share)),
    byzantineSeatShareMax: round(Math.max(0, ...share)),
    temperatureThreshold: threshold,
    hotEpochs: hot.filter(Boolean).length,
    longestHotStreak,
    attackStart,
    recoveryEpochs: after((e) => e.temperature !== undefined && e.temperature <= threshold),
    seatLossEpochs: byzantine.size === 0 ? null : after((e) => e.includedAuthors.length > 0 && !e.includedAuthors.some((a) => byzantine.has(a))),
  }
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
