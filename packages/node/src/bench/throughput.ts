/**
 * `bench throughput`: ramps the offered client-report load at n=30 (and n=100 unless --quick) within one swarm run
 * per protocol (a fresh swarm per rate would spend most of the bench on start-up and mesh formation), and reports
 * certified reports per second at each step and at saturation: the best step before the first one whose finality
 * p99 passes 2 s or that fails an epoch. For ThermoTruth and the PBFT baseline; the baseline signs, pools and
 * proposes real client reports, and every node verifies every report signature, as ThermoNodes do.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { factoryNames, percentile, summarizeEpoch } from '../swarm/index.js'
import { lineChart, renderSvg } from './chart.js'
import { atLeast, PAPER, TARGETS } from './claims.js'
import { benchSwarmOptions, runSwarmBounded, type SwarmRun } from './run-swarm.js'
import { swarmRow } from './rows.js'
import { THERMO_KIND } from './scaling.js'
import type { BenchContext, BenchReport, ClaimCheck } from './types.js'

const RATES_AT: Record<number, number[]> = { 30: [200, 1000, 3000, 10_000, 30_000], 100: [200, 1000, 3000, 10_000] }
/** Epochs per load step; the first of each step is a transition (its proposals carry the previous rate's backlog). */
const EPOCHS_PER_STEP_AT: Record<number, number> = { 30: 3, 100: 2 }
const P99_LIMIT_MS = 2000

export interface StepRow {
  offeredReportsPerSecond: number
  epochs: number
  certifiedEpochs: number
  failedEpochs: number
  finalityP99Ms: number | null
  certifiedReportsPerSecond: number
}

/** Per-step figures from one ramped run's per-(node, epoch) outcomes (honest nodes only; byzantine = 0 here). */
export function stepRows(run: SwarmRun, nodes: number, rates: number[], epochsPerStep: number, periodMs: number): StepRow[] {
  if (run.outcomes === undefined || run.firstEpoch === undefined) return []
  const first = run.firstEpoch
  return rates.map((rate, k) => {
    const from = first + k * epochsPerStep + (epochsPerStep > 1 ? 1 : 0)
    const to = first + (k + 1) * epochsPerStep - 1
    const views = []
    const latencies: number[] = []
    for (let e = from; e <= to; e++) {
      const outcomes = run.outcomes!.filter((o) => o.epoch === e)
      views.push(summarizeEpoch(e, outcomes, nodes))
      for (const o of outcomes) if (o.status !== 'failed') latencies.push(o.finalityMs)
    }
    const certified = views.filter((v) => v.status === 'certified' && v.agreed)
    const reports = certified.reduce((sum, v) => sum + v.reports, 0)
    const p99 = percentile(latencies, 99)
    return {
      offeredReportsPerSecond: rate,
      epochs: views.length,
      certifiedEpochs: certified.length,
      failedEpochs: views.filter((v) => v.status === 'failed').length,
      finalityP99Ms: Number.isFinite(p99) ? Math.round(p99) : null,
      certifiedReportsPerSecond: Math.round((reports / ((views.length * periodMs) / 1000)) * 10) / 10,
    }
  })
}

/** Best certified rate before the first step that fails an epoch or whose p99 passes the limit. */
export function saturationOf(steps: StepRow[]): number {
  let best = 0
  for (const s of steps) {
    if (s.failedEpochs > 0 || s.finalityP99Ms === null || s.finalityP99Ms > P99_LIMIT_MS) break
    best = Math.max(best, s.certifiedReportsPerSecond)
  }
  return best
}

export async function throughputBench(ctx: BenchContext): Promise<Omit<BenchReport, 'command' | 'date' | 'machine' | 'durationMs'>> {
  const sizes = ctx.quick ? [30] : [30, 100]
  const kinds = [THERMO_KIND, 'pbft'].filter((k) => factoryNames().includes(k))
  if (kinds.length === 0) {
    return { bench: 'throughput', quick: ctx.quick, rows: [], claims: [], notes: [], charts: [], pending: 'neither the ThermoTruth node kind nor the PBFT baseline is available in this build' }
  }
  const rows: Array<Record<string, unknown>> = []
  const saturation: Array<Record<string, unknown>> = []
  for (const n of sizes) {
    const rates = RATES_AT[n] ?? RATES_AT[30]
    const epochsPerStep = EPOCHS_PER_STEP_AT[n] ?? 3
    for (const kind of kinds) {
      ctx.log(`throughput: ${kind} n=${n}, offered ${rates.join(' -> ')} reports/s, ${epochsPerStep} epochs each`)
      const opts = benchSwarmOptions(kind, n, {
        epochs: rates.length * epochsPerStep,
        basePort: ctx.basePort,
        reportsPerSecond: rates[0],
        loadRamp: { epochsPerStep, rates },
      })
      const run = await runSwarmBounded(opts, ctx.log)
      const steps = stepRows(run, n, rates, epochsPerStep, opts.epochPeriodMs)
      const whole = swarmRow(kind, n, run)
      for (const step of steps) rows.push({ protocol: kind, n, ...step, epochPeriodMs: opts.epochPeriodMs, cpuMsPerNodePerEpoch: whole.cpuMsPerNodePerEpoch, error: whole.error })
      if (steps.length === 0) rows.push(whole)
      saturation.push({ protocol: kind, n, certifiedReportsPerSecondAtSaturation: saturationOf(steps), error: whole.error })
    }
  }
  writeFileSync(
    join(ctx.outDir, 'throughput.svg'),
    await renderSvg(
      lineChart({
        title: 'Finality p99 vs offered client reports per second',
        rows: rows.filter((r) => typeof r.finalityP99Ms === 'number').map((r) => ({ ...r, series: `${r.protocol} n=${r.n}` })),
        x: { field: 'offeredReportsPerSecond', title: 'offered reports / s', log: true },
        y: { field: 'finalityP99Ms', title: 'finality p99 (ms)', log: true },
        series: { field: 'series', title: 'protocol' },
        rule: { value: P99_LIMIT_MS, label: 'p99 limit 2 s' },
      }),
    ),
  )
  const largest = Math.max(...sizes)
  const thermo = saturation.find((s) => s.protocol === THERMO_KIND && s.n === largest)?.certifiedReportsPerSecondAtSaturation as number | undefined
  const claims: ClaimCheck[] = [
    atLeast(`Claim 2: certified reports/s at n=${largest} (paper: ${PAPER.tpsAt100} TPS at n=100)`, 'paper', thermo, PAPER.tpsAt100, '/s'),
    atLeast(`certified reports/s with p99 <= 2 s at n=${largest}`, 'target', thermo, TARGETS.reportsPerSecond, '/s'),
  ]
  return {
    bench: 'throughput',
    quick: ctx.quick,
    rows: [...rows, ...saturation.map((s) => ({ ...s, saturation: true }))],
    claims,
    notes: [
      `One swarm per protocol and n; the offered load steps through ${sizes.map((n) => `${(RATES_AT[n] ?? RATES_AT[30]).join(', ')} reports/s at n=${n} (${EPOCHS_PER_STEP_AT[n] ?? 3} epochs each)`).join('; ')}. Each step is measured without its first epoch (a transition). Saturation: the best certified rate before the first step whose p99 passes ${P99_LIMIT_MS} ms or that fails an epoch.`,
      'ThermoTruth proposals carry at most 64 client reports each (engine tuning maxReportsPerProposal), so its certified rate is capped at 64 n / period.',
    ],
    charts: ['throughput.svg'],
  }
}
