/**
 * Generates docs/BENCHMARKS.md from the benchmark JSON files: the exact command, the machine and the date of each
 * run, the paper's claims and the project's targets beside the measured values (saying where one does not hold
 * and by how much), and the charts (copied next to the document). Only numbers from the JSON appear.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { bandwidthClaims } from './bandwidth.js'
import type { ProfileSummary } from './cpu-profile.js'
import { nodeKindsSection } from './node-kinds.js'
import { scalingClaims } from './scaling.js'
import { BENCH_NAMES, type BenchReport, type ClaimCheck } from './types.js'

type Row = Record<string, unknown>

/** Columns shown per bench (the JSON has more). */
const COLUMNS: Record<string, string[]> = {
  scaling: ['protocol', 'n', 'run', 'loadAverage1mBefore', 'loadAverage1m', 'epochPeriodMs', 'epochs', 'certifiedEpochs', 'approximateEpochs', 'failedEpochs', 'allHonestAgreed', 'finalityP50Ms', 'finalityP99Ms', 'cpuMsPerNodePerEpoch', 'idleCpuMsPerNodePerSecond', 'bytesPerNodePerEpoch', 'naiveBytesPerNodePerEpoch', 'bytesVsNaive', 'rssMbPerNode', 'latencyP50VsFloor', 'latencyP50VsPbft', 'bytesVsPbft', 'cpuVsPbft', 'error'],
  throughput: ['protocol', 'n', 'offeredReportsPerSecond', 'certifiedReportsPerSecond', 'finalityP50Ms', 'finalityP99Ms', 'failedEpochs', 'saturation', 'certifiedReportsPerSecondAtSaturation', 'error'],
  bandwidth: ['protocol', 'n', 'epochs', 'certifiedEpochs', 'failedEpochs', 'bytesPerNodePerEpoch', 'wireBytesPerNodePerEpoch', 'naiveBytesPerNodePerEpoch', 'bytesVsNaive', 'gossipReceiveAmplification', 'bytesByFamilyPerNodePerEpoch', 'error'],
  byzantine: ['engine', 'nodes', 'attack', 'f', 'certifiedEpochs', 'approximateEpochs', 'allHonestAgreed', 'honestSpreadMax', 'errorSigma', 'errorSigmaMax', 'temperatureMax', 'hotEpochs', 'longestHotStreak', 'recoveryEpochs', 'seatLossEpochs', 'byzantineSeatShare', 'evictions', 'error'],
  ablation: ['engine', 'budget', 'gate', 'nodes', 'byzantineNodes', 'certifiedEpochs', 'byzantineSeatShareMax', 'byzantineSeatShare', 'errorSigma', 'errorRatioOffOn', 'error'],
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000)
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${cell(v)}`)
      .join('; ')
  }
  return String(value).replaceAll('|', '\\|').replaceAll('\n', ' ')
}

function table(rows: Row[], columns: string[]): string {
  const used = columns.filter((c) => rows.some((r) => r[c] !== undefined && r[c] !== null))
  if (rows.length === 0 || used.length === 0) return '_no rows_\n'
  const lines = [`| ${used.join(' | ')} |`, `|${used.map(() => '---').join('|')}|`]
  for (const r of rows) lines.push(`| ${used.map((c) => cell(r[c])).join(' | ')} |`)
  return `${lines.join('\n')}\n`
}

function verdict(c: ClaimCheck): string {
  if (c.holds === true) return 'holds'
  if (c.holds === false) return '**does not hold**'
  return c.measured === 'not measured' ? 'not measured' : 'no verdict'
}

function claimsTable(claims: Array<ClaimCheck & { bench: string }>): string {
  if (claims.length === 0) return '_no claims checked_\n'
  const lines = ['| bench | claim | source | expected | measured | verdict | note |', '|---|---|---|---|---|---|---|']
  for (const c of claims) lines.push(`| ${c.bench} | ${cell(c.claim)} | ${c.source} | ${cell(c.expected)} | ${cell(c.measured)} | ${verdict(c)} | ${cell(c.note ?? '')} |`)
  return `${lines.join('\n')}\n`
}

function profileSection(profile: ProfileSummary & { run: string }): string {
  const fmt = (xs: ProfileSummary['byPackage']) => xs.map((x) => `${x.name} ${x.percent}%`).join(', ')
  return `\nWhere the time goes (V8 CPU profile of the host processes; ${profile.run}; ${profile.samples} samples, self time):\n\n- by package: ${fmt(profile.byPackage)}\n- by function: ${fmt(profile.byFunction)}\n`
}

/** Claims derived from the rows with today's rules (a report keeps the rows; the rules may have been refined). */
function currentClaims(r: BenchReport): ClaimCheck[] {
  if (r.bench === 'scaling' && r.rows.length > 0) return scalingClaims(r.rows)
  if (r.bench === 'bandwidth' && r.rows.length > 0) return bandwidthClaims(r.rows)
  return r.claims
}

export interface DocsResult {
  markdown: string
  reports: number
}

export function readReports(dir: string): BenchReport[] {
  return BENCH_NAMES.map((name) => join(dir, `${name}.json`))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as BenchReport)
}

/** Renders the document; charts are referenced at `chartDir` (relative to the document). */
export function renderBenchmarksMarkdown(reports: BenchReport[], sourceDir: string, chartDir: string): string {
  const out: string[] = []
  out.push('# Benchmarks')
  out.push('')
  out.push(`Generated by \`node scripts/bench-docs.mjs ${sourceDir}\` from the JSON the benches wrote; do not edit by hand. Every figure below comes from those files (a real run on the machine named beside it); a bench that could not run says so instead of showing numbers.`)
  out.push('')
  out.push('The machine is shared: the 1-minute load average at the start and end of each run is recorded, and figures taken under load are slower than the same code on an idle machine.')
  out.push('')
  out.push(
    'Definitions: finality is wall time from an epoch\'s start until a node has it durably finalized (p50/p99 over honest node-epochs); bytes per node per epoch are stream payload bytes sent, from each node\'s `libp2p_data_transfer_bytes_total` (wire bytes add noise and yamux framing), over the measured window, so idle traffic (heartbeats, DHT, pings) is included; CPU is utime+stime of the host processes from /proc over the same window, divided by node-epochs; naive all-to-all is (n-1) x proposal bytes. T = (2/3)σ² of the proposals around the consensus in units of the feed\'s own scale (honest T is about 2/3; the paper writes °C, which has no defined meaning for a feed, so T is compared as a number). A row with failed epochs (a node did not finalize within 3 periods) measures a swarm that did not keep up: its bytes and CPU per epoch are not comparable with a healthy row, and a claim that "holds" on such a row is no evidence.',
  )
  out.push('')
  out.push(nodeKindsSection())
  const claims = reports.flatMap((r) => currentClaims(r).map((c) => ({ ...c, bench: r.bench })))
  out.push('## Claims and targets')
  out.push('')
  out.push('Paper: the seed paper\'s table "The 5 Key Claims" (section 5.2). Targets: issue 5 (this machine, n=100, default swarm layout).')
  out.push('')
  out.push(claimsTable(claims))
  for (const r of reports) {
    out.push(`## ${r.bench}`)
    out.push('')
    out.push(`- command: \`${r.command}\``)
    out.push(`- date: ${r.date} (took ${(r.durationMs / 1000).toFixed(0)} s${r.quick ? ', --quick' : ''})`)
    const m = r.machine
    out.push(`- machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; load average ${m.loadAverage1mStart} at start, ${m.loadAverage1mEnd ?? '?'} at end`)
    out.push('')
    if (r.pending) {
      out.push(`**Pending:** ${r.pending}`)
      out.push('')
    }
    if (r.rows.length > 0) out.push(table(r.rows as Row[], COLUMNS[r.bench] ?? Object.keys(r.rows[0])))
    for (const note of r.notes) out.push(`- ${note}`)
    if (r.notes.length > 0) out.push('')
    if (r.profile) out.push(profileSection(r.profile))
    for (const chart of r.charts) out.push(`![${r.bench}: ${basename(chart, '.svg')}](${chartDir}/${chart})`)
    if (r.charts.length > 0) out.push('')
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}

/** Reads `<sourceDir>/*.json`, copies the charts next to the document, writes the document. */
export function writeBenchmarksDoc(sourceDir: string, docPath: string, sourceLabel = sourceDir): DocsResult {
  const reports = readReports(sourceDir)
  const docDir = dirname(docPath)
  const chartDirAbs = join(docDir, 'benchmarks')
  mkdirSync(chartDirAbs, { recursive: true })
  for (const r of reports) {
    for (const chart of r.charts) {
      const from = join(sourceDir, chart)
      if (existsSync(from)) copyFileSync(from, join(chartDirAbs, chart))
    }
  }
  const markdown = renderBenchmarksMarkdown(reports, sourceLabel, 'benchmarks')
  writeFileSync(docPath, markdown)
  return { markdown, reports: reports.length }
}
