import '../polyfill.js'
/**
 * Simulator calibration (issue 13: "within 2x of the real swarm's finality p50 and CPU per node per epoch at n=30
 * and n=100, same protocol, same period"). For each n it runs the real swarm (`thermotruth swarm --json`), then the
 * simulator with the swarm's host processes as shared CPU queues (`thermotruth sim --hosts P`) and, when the swarm
 * reports it, its measured idle CPU per node, and prints the two side by side with the ratio.
 *
 *   pnpm run build && node packages/node/dist/src/bench/sim-calibration.js --nodes 30,100 --epochs 20 --epoch-ms 2000 [--runs 3] [--json]
 *
 * Both commands run as child processes, one at a time, each bounded in time (the swarm by the bench's budget).
 * Heavy: n=100 real nodes take the whole machine for minutes. `--sim-only` skips the swarm (prediction only).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { benchSwarmOptions, runBudgetMs } from './run-swarm.js'
import { runSim } from './sim-cli.js'

const BIN = fileURLToPath(new URL('../../../bin/thermotruth.js', import.meta.url))
const SIM_TIMEOUT_MS = 10 * 60_000

type Summary = Record<string, unknown>

export interface CalibrationRow {
  nodes: number
  run: number
  metric: string
  swarm: number | null
  sim: number | null
  /** sim / swarm; null when either is missing or the swarm's figure is 0. */
  ratio: number | null
  within2x: boolean | null
}

export interface CalibrationResult {
  nodes: number
  run: number
  epochMs: number
  swarmCommand: string
  simCommand: string
  swarm?: Summary
  sim?: Summary
  error?: string
  rows: CalibrationRow[]
}

/**
 * The figures compared: the two targets first, then context. The swarm's finalityMs covers every resolved
 * honest node-epoch, approximate ones included: the simulator's `resolvedMs` is the same figure (its `finalityMs`
 * counts certified node-epochs only).
 */
const METRICS: Array<{ name: string; read: (s: Summary) => number | undefined; readSim?: (s: Summary) => number | undefined }> = [
  { name: 'finalityMs.p50', read: (s) => num((s.finalityMs as Summary | undefined)?.p50), readSim: (s) => num((s.resolvedMs as Summary | undefined)?.p50) },
  { name: 'cpuMsPerNodePerEpoch', read: (s) => num(s.cpuMsPerNodePerEpoch) },
  { name: 'finalityMs.p99', read: (s) => num((s.finalityMs as Summary | undefined)?.p99), readSim: (s) => num((s.resolvedMs as Summary | undefined)?.p99) },
  { name: 'certifiedEpochs', read: (s) => num(s.certifiedEpochs) },
  { name: 'approximateEpochs', read: (s) => num(s.approximateEpochs) },
  { name: 'bytesPerNodePerEpoch', read: (s) => num(s.bytesPerNodePerEpoch) },
]

export async function calibrate(opts: { nodes: number; epochs: number; epochMs: number; run: number; simOnly: boolean; log: (line: string) => void }): Promise<CalibrationResult> {
  const { nodes, epochs, epochMs, run } = opts
  const swarmArgs = ['--nodes', String(nodes), '--epochs', String(epochs), '--epoch-ms', String(epochMs), '--base-port', '0', '--no-dashboard']
  const result: CalibrationResult = { nodes, run, epochMs, swarmCommand: `thermotruth swarm ${swarmArgs.join(' ')} --json`, simCommand: '', rows: [] }
  let swarm: Summary | undefined
  if (!opts.simOnly) {
    opts.log(`calibration n=${nodes} run ${run}: real swarm (${result.swarmCommand})`)
    const budget = runBudgetMs(benchSwarmOptions('thermotruth', nodes, { basePort: 0, epochs, epochPeriodMs: epochMs }))
    const out = await runJson(['swarm', ...swarmArgs, '--json'], budget)
    if ('error' in out) result.error = `swarm: ${out.error}`
    else swarm = out.summary
  }
  // The swarm's host processes are the simulator's shared CPUs; its measured idle cost replaces the model's default.
  const hosts = num(swarm?.processes) ?? Math.min(nodes, 2)
  const idle = num(swarm?.idleCpuMsPerNodePerSecond)
  const simArgs = ['--nodes', String(nodes), '--epochs', String(epochs), '--period', String(epochMs), '--hosts', String(hosts), ...(idle === undefined ? [] : ['--idle-cpu', String(idle)])]
  result.simCommand = `thermotruth sim ${simArgs.join(' ')} --json`
  opts.log(`calibration n=${nodes} run ${run}: simulator (${result.simCommand})`)
  const sim = await runSim(simArgs, SIM_TIMEOUT_MS)
  if (!sim.ok) result.error = [result.error, `sim: ${sim.error}`].filter(Boolean).join('; ')
  result.swarm = swarm
  result.sim = sim.ok ? sim.summary : undefined
  for (const m of METRICS) {
    const a = swarm ? m.read(swarm) : undefined
    const b = result.sim ? (m.readSim ?? m.read)(result.sim) : undefined
    const ratio = a !== undefined && b !== undefined && a !== 0 ? b / a : null
    result.rows.push({ nodes, run, metric: m.name, swarm: a ?? null, sim: b ?? null, ratio, within2x: ratio === null ? null : ratio >= 0.5 && ratio <= 2 })
  }
  return result
}

export function formatCalibration(results: CalibrationResult[]): string {
  const lines = ['| n | run | metric | real swarm | sim (--hosts P) | sim / real | within 2x |', '|---|---|---|---|---|---|---|']
  for (const r of results) {
    for (const row of r.rows) {
      const f = (x: number | null) => (x === null ? '–' : Number(x.toFixed(2)).toString())
      lines.push(`| ${row.nodes} | ${row.run} | ${row.metric} | ${f(row.swarm)} | ${f(row.sim)} | ${f(row.ratio)} | ${row.within2x === null ? '–' : row.within2x ? 'yes' : 'no'} |`)
    }
  }
  for (const r of results) {
    lines.push('', `n=${r.nodes} run ${r.run}: ${r.swarm ? r.swarmCommand : '(real swarm not run)'}`, `  vs ${r.simCommand}`)
    if (r.error) lines.push(`  error: ${r.error}`)
  }
  return lines.join('\n')
}

function runJson(args: string[], timeoutMs: number): Promise<{ summary: Summary } | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (code !== 0) {
        resolve({ error: signal ? `killed after ${timeoutMs} ms` : `exited ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}` })
        return
      }
      try {
        resolve({ summary: JSON.parse(stdout) as Summary })
      } catch {
        resolve({ error: 'printed no JSON object' })
      }
    })
  })
}

function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string', default: '30,100' },
      epochs: { type: 'string', default: '20' },
      'epoch-ms': { type: 'string', default: '2000' },
      runs: { type: 'string', default: '1' },
      'sim-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  })
  const nodes = values.nodes.split(',').map(Number)
  const epochs = Number(values.epochs)
  const epochMs = Number(values['epoch-ms'])
  const runs = Number(values.runs)
  const bad = [...nodes, epochs, epochMs, runs].some((x) => !Number.isInteger(x) || x < 1) || runs > 5 || epochs > 200 || nodes.some((n) => n > 1000)
  if (bad) {
    process.stderr.write('sim-calibration: --nodes a,b (1..1000), --epochs 1..200, --epoch-ms >= 1 and --runs 1..5 must be positive integers\n')
    process.exitCode = 2
    return
  }
  const results: CalibrationResult[] = []
  for (const n of nodes) {
    for (let run = 1; run <= runs; run++) {
      results.push(await calibrate({ nodes: n, epochs, epochMs, run, simOnly: values['sim-only'], log: (line) => process.stderr.write(`${line}\n`) }))
    }
  }
  process.stdout.write(values.json ? `${JSON.stringify(results)}\n` : `${formatCalibration(results)}\n`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
