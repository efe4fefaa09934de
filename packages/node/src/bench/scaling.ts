/**
 * `bench scaling`: finality, CPU and bytes per node per epoch against n, for ThermoTruth and, in the same run on
 * the same stack, the gossip floor (dissemination only) and the PBFT-style all-to-all baseline, with ratios. Every
 * configuration runs RUNS times (interleaved, so a noisy minute on the shared machine hits all kinds alike) and
 * every run is reported with the machine's load average: one run that certifies and one that collapses is a
 * failure, not an average. The period is BENCH_EPOCH_MS at every n, CPU is steady state (the swarm's window).
 */
import { join } from 'node:path'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { factoryNames } from '../swarm/index.js'
import { lineChart, renderSvg } from './chart.js'
import { summarizeProfiles } from './cpu-profile.js'
import { atMost, notMeasured, onRow, PAPER, TARGETS } from './claims.js'
import { loadavg } from 'node:os'
import { BENCH_EPOCH_MS, benchSwarmOptions, runSwarmBounded } from './run-swarm.js'
import { swarmRow } from './rows.js'
import type { BenchContext, BenchReport, ClaimCheck } from './types.js'

export const THERMO_KIND = 'thermotruth'
const ORDER = [THERMO_KIND, 'gossip-floor', 'pbft']
/** Runs of each (kind, n). */
export const RUNS = 3

export async function scalingBench(ctx: BenchContext): Promise<Omit<BenchReport, 'command' | 'date' | 'machine' | 'durationMs'>> {
  const sizes = ctx.sizes ?? (ctx.quick ? [4, 10, 30] : [4, 10, 30, 60, 100])
  // Every epoch is BENCH_EPOCH_MS long at every n now; fewer at n >= 60 only to bound the whole bench's time.
  const epochsAt = (n: number) => (ctx.quick ? 5 : n >= 60 ? 8 : 10)
  const kinds = ORDER.filter((k) => factoryNames().includes(k))
  const rows: Array<Record<string, unknown>> = []
  const notes: string[] = []
  if (!kinds.includes(THERMO_KIND)) notes.push('The ThermoTruth node kind is not available in this build: only the baselines were measured.')
  for (const n of sizes) {
    let proposalBytes = 200
    for (let run = 1; run <= RUNS; run++) {
      for (const kind of kinds) {
        ctx.log(`scaling: ${kind} n=${n} run ${run}/${RUNS}`)
        const loadBefore = Math.round(loadavg()[0] * 100) / 100
        const result = await runSwarmBounded(benchSwarmOptions(kind, n, { epochs: epochsAt(n), proposalBytes, basePort: ctx.basePort }), ctx.log)
        rows.push({ ...swarmRow(kind, n, result), run, loadAverage1mBefore: loadBefore })
        // The floor disseminates exactly the bytes of a ThermoTruth proposal measured at the same n (PBFT sends
        // real protocol proposals, whose size follows from their content).
        if (kind === THERMO_KIND && result.summary && result.summary.naiveBytesPerNodePerEpoch > 0) {
          proposalBytes = Math.max(16, Math.round(result.summary.naiveBytesPerNodePerEpoch / (n - 1)))
        }
      }
      addRatios(rows.filter((r) => r.n === n && r.run === run))
    }
  }
  const charts = await writeCharts(ctx.outDir, rows)
  const profile = await profiledRun(ctx, kinds[0], ctx.quick ? 10 : 30)
  return { bench: 'scaling', quick: ctx.quick, rows, claims: scalingClaims(rows), notes, charts, profile }
}

/** One extra run with V8 CPU profiles of every host process, summarized: where the time goes. */
async function profiledRun(ctx: BenchContext, kind: string, n: number): Promise<BenchReport['profile']> {
  const dir = join(ctx.outDir, `profile-${kind}-n${n}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  ctx.log(`scaling: profiled run ${kind} n=${n}`)
  const run = await runSwarmBounded(benchSwarmOptions(kind, n, { epochs: 5, basePort: ctx.basePort, cpuProfileDir: dir }), ctx.log)
  if (run.summary === undefined) return undefined
  return { run: `${kind} n=${n}, 5 epochs, whole run (start-up included), ${BENCH_EPOCH_MS} ms epochs`, ...summarizeProfiles(dir) }
}

/** Ratios of ThermoTruth against each baseline at the same n (> 1 = ThermoTruth costs more). */
function addRatios(rowsAtN: Array<Record<string, unknown>>): void {
  const thermo = rowsAtN.find((r) => r.protocol === THERMO_KIND)
  if (thermo === undefined) return
  for (const base of rowsAtN.filter((r) => r.protocol !== THERMO_KIND)) {
    const ratio = (field: string) => {
      const a = thermo[field]
      const b = base[field]
      return typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null
    }
    const key = base.protocol === 'pbft' ? 'VsPbft' : 'VsFloor'
    thermo[`latencyP50${key}`] = ratio('finalityP50Ms')
    thermo[`bytes${key}`] = ratio('bytesPerNodePerEpoch')
    thermo[`cpu${key}`] = ratio('cpuMsPerNodePerEpoch')
  }
}

/**
 * Claims per run, then merged: a claim holds only if it holds in every run (a run with no evidence leaves it
 * open), and the measured value lists every run's. Reports written before runs existed count as one run.
 */
export function scalingClaims(rows: Array<Record<string, unknown>>): ClaimCheck[] {
  const runs = [...new Set(rows.map((r) => (typeof r.run === 'number' ? r.run : 1)))].sort((a, b) => a - b)
  const perRun = runs.map((run) => runClaims(rows.filter((r) => (typeof r.run === 'number' ? r.run : 1) === run)))
  if (perRun.length === 1) return perRun[0]
  return perRun[0].map((first, i) => {
    const checks = perRun.map((claims) => claims[i]).filter((c) => c !== undefined)
    const holds = checks.some((c) => c.holds === false) ? false : checks.every((c) => c.holds === true) ? true : null
    const notes = checks.flatMap((c, k) => (c.note ? [`run ${runs[k]}: ${c.note}`] : []))
    return { ...first, measured: checks.map((c) => c.measured).join(' / '), holds, note: notes.length > 0 ? notes.join('; ') : undefined }
  })
}

function runClaims(rows: Array<Record<string, unknown>>): ClaimCheck[] {
  const at = (protocol: string, n: number) => rows.find((r) => r.protocol === protocol && r.n === n && r.error === undefined)
  const largest = Math.max(...rows.map((r) => r.n as number))
  const thermo = at(THERMO_KIND, largest)
  const pbft = at('pbft', largest)
  const num = (r: Record<string, unknown> | undefined, f: string) => (typeof r?.[f] === 'number' ? (r[f] as number) : undefined)
  const claims: ClaimCheck[] = [
    atMost(`Claim 1: finality p50 at n=${largest} (paper: ${PAPER.latencyMsAt100} ms at n=100)`, 'paper', num(thermo, 'finalityP50Ms'), PAPER.latencyMsAt100, 'ms'),
    atMost(`finality p50 at n=${largest}`, 'target', num(thermo, 'finalityP50Ms'), TARGETS.finalityP50Ms, 'ms'),
    atMost(`finality p99 at n=${largest}`, 'target', num(thermo, 'finalityP99Ms'), TARGETS.finalityP99Ms, 'ms'),
    atMost(`CPU per node per epoch at n=${largest}`, 'target', num(thermo, 'cpuMsPerNodePerEpoch'), TARGETS.cpuMsPerNodePerEpoch, 'ms', 1),
    atMost(`bytes per node per epoch vs naive all-to-all at n=${largest}`, 'target', num(thermo, 'bytesVsNaive'), TARGETS.bytesVsNaive, 'x', 2),
    atMost(`RSS per node, ${thermo?.processes ?? '?'} processes, n=${largest}`, 'target', num(thermo, 'rssMbPerNode'), TARGETS.rssMbPerNodeShared, 'MB', 1),
  ].map((c) => onRow(c, thermo))
  if (thermo && pbft) {
    // A ratio needs both runs to have worked.
    const both = (c: ClaimCheck) => onRow(onRow(c, thermo), pbft)
    claims.push(both(atMost(`ahead of PBFT on latency at n=${largest} (ratio ThermoTruth/PBFT p50)`, 'target', num(thermo, 'latencyP50VsPbft'), 1, 'x', 2)))
    claims.push(both(atMost(`ahead of PBFT on bytes at n=${largest} (ratio ThermoTruth/PBFT)`, 'target', num(thermo, 'bytesVsPbft'), 1, 'x', 2)))
  } else {
    claims.push(notMeasured('ahead of PBFT on latency and bytes', 'target', 'ratio < 1', 'needs a ThermoTruth and a PBFT row at the same n'))
  }
  return claims
}

async function writeCharts(outDir: string, rows: Array<Record<string, unknown>>): Promise<string[]> {
  const ok = rows.filter((r) => r.error === undefined)
  const charts: Array<[string, Parameters<typeof lineChart>[0]]> = [
    [
      'scaling-latency.svg',
      {
        title: 'Finality p50 vs n (same libp2p stack, this machine)',
        rows: ok,
        x: { field: 'n', title: 'nodes' },
        y: { field: 'finalityP50Ms', title: 'finality p50 (ms)', log: true },
        series: { field: 'protocol', title: 'protocol' },
        rule: { value: TARGETS.finalityP50Ms, label: 'target p50 1 s' },
      },
    ],
    [
      'scaling-bytes.svg',
      {
        title: 'Bytes sent per node per epoch vs n',
        rows: ok,
        x: { field: 'n', title: 'nodes' },
        y: { field: 'bytesPerNodePerEpoch', title: 'bytes / node / epoch', log: true },
        series: { field: 'protocol', title: 'protocol' },
      },
    ],
    [
      'scaling-cpu.svg',
      {
        title: 'CPU per node per epoch vs n',
        rows: ok,
        x: { field: 'n', title: 'nodes' },
        y: { field: 'cpuMsPerNodePerEpoch', title: 'CPU ms / node / epoch' },
        series: { field: 'protocol', title: 'protocol' },
        rule: { value: TARGETS.cpuMsPerNodePerEpoch, label: 'target 20 ms' },
      },
    ],
  ]
  for (const [file, opts] of charts) writeFileSync(join(outDir, file), await renderSvg(lineChart(opts)))
  return charts.map(([file]) => file)
}
