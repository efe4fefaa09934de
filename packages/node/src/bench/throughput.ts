/**
 * `bench throughput`: ramps the offered client-report load at n=30 (and n=100 unless --quick) until finality p99
 * passes 2 s or an epoch fails, and reports certified reports per second at saturation, for ThermoTruth and the
 * PBFT baseline. The baseline carries the same reports as proposal payload (REPORT_BYTES each) but does not verify
 * client signatures, so its CPU per report is a lower bound.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { factoryNames } from '../swarm/index.js'
import { lineChart, renderSvg } from './chart.js'
import { atLeast, PAPER, TARGETS } from './claims.js'
import { benchSwarmOptions, runSwarmBounded } from './run-swarm.js'
import { swarmRow } from './rows.js'
import { THERMO_KIND } from './scaling.js'
import type { BenchContext, BenchReport, ClaimCheck } from './types.js'

/** Bytes of one signed client report on the wire (feed id, value, 32 B key, sequence, 64 B signature, framing). */
export const REPORT_BYTES = 150
const RATES = [200, 1000, 3000, 10_000, 30_000, 100_000]
const P99_LIMIT_MS = 2000

export async function throughputBench(ctx: BenchContext): Promise<Omit<BenchReport, 'command' | 'date' | 'machine' | 'durationMs'>> {
  const sizes = ctx.quick ? [30] : [30, 100]
  const epochs = ctx.quick ? 4 : 6
  const kinds = [THERMO_KIND, 'pbft'].filter((k) => factoryNames().includes(k))
  if (kinds.length === 0) {
    return { bench: 'throughput', quick: ctx.quick, rows: [], claims: [], notes: [], charts: [], pending: 'neither the ThermoTruth node kind nor the PBFT baseline is available in this build' }
  }
  const rows: Array<Record<string, unknown>> = []
  const saturation: Array<Record<string, unknown>> = []
  for (const n of sizes) {
    for (const kind of kinds) {
      let best = 0
      for (const rate of RATES) {
        ctx.log(`throughput: ${kind} n=${n} offered ${rate} reports/s`)
        const base = benchSwarmOptions(kind, n, { epochs, basePort: ctx.basePort, reportsPerSecond: rate })
        const perNodePerEpoch = Math.ceil((rate * base.epochPeriodMs) / 1000 / n)
        const proposalBytes = kind === 'pbft' ? 200 + perNodePerEpoch * REPORT_BYTES : base.proposalBytes
        const run = await runSwarmBounded({ ...base, proposalBytes }, ctx.log)
        const row = { ...swarmRow(kind, n, run), offeredReportsPerSecond: rate, certifiedReportsPerSecond: run.summary?.certifiedReportsPerSecond ?? null }
        rows.push(row)
        const s = run.summary
        const ok = s !== undefined && s.failedEpochs === 0 && s.finalityMs.p99 <= P99_LIMIT_MS
        if (!ok) break
        best = Math.max(best, s.certifiedReportsPerSecond)
      }
      saturation.push({ protocol: kind, n, certifiedReportsPerSecondAtSaturation: best })
    }
  }
  writeFileSync(
    join(ctx.outDir, 'throughput.svg'),
    await renderSvg(
      lineChart({
        title: 'Finality p99 vs offered client reports per second',
        rows: rows.map((r) => ({ ...r, series: `${r.protocol} n=${r.n}` })),
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
    notes: [`Offered rates ${RATES.join(', ')} reports/s, ${epochs} epochs each; a ramp stops at the first rate whose p99 exceeds ${P99_LIMIT_MS} ms or that fails an epoch.`],
    charts: ['throughput.svg'],
  }
}
