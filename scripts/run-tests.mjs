#!/usr/bin/env node
// Runs every compiled test file (packages/*/dist/test/**/*.test.js and test/dist/**/*.test.js) with node's
// test runner. Pass paths or substrings to filter.
//
// Two phases. Light files run two at a time (two cores). The real-network files (many node processes, a browser,
// network namespaces) then run one at a time: each of them loads both cores by itself, and two of them side by side
// starve each other's event loops until epochs miss their deadlines (a clean-clone run failed the kill -9 case so:
// its five survivors closed 34 epochs in a row approximate while other swarm tests shared the cores). Node prints a `# pass N` /
// `# fail N` summary per phase; this script closes with the same summary over both, so the last one CI reads is
// the whole run's.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const roots = [...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'dist', 'test')), join(root, 'test', 'dist')]
/** Files that start many real nodes, a browser or network namespaces (matched against the path from the root). */
const HEAVY = [
  'crash-kill9.test.js',
  'linear-leader-kill.test.js',
  'partition.test.js',
  'wan.test.js',
  'dashboard.test.js',
  'swarm.test.js',
  'swarm-baselines.test.js',
  // Several node processes, a container build, a Prometheus server, or an npm install of the packed tarballs.
  'testnet-found-join.test.js',
  'container.test.js',
  'prometheus.test.js',
  'pack.test.js',
  'ticket-renewal-swarm.test.js',
]

function walk(dir, out) {
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) walk(full, out)
    else if (name.endsWith('.test.js')) out.push(full)
  }
  return out
}

const filters = process.argv.slice(2)
const files = roots.flatMap((dir) => walk(dir, [])).filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)))
if (files.length === 0) {
  console.error('run-tests: no compiled test files found; run `pnpm build` first')
  process.exit(1)
}
const isHeavy = (file) => HEAVY.some((name) => file.endsWith(`/${name}`))
const phases = [
  { name: 'unit and single-node tests, two files at a time', concurrency: 2, files: files.filter((f) => !isHeavy(f)) },
  { name: 'real-network tests, one file at a time', concurrency: 1, files: files.filter(isHeavy) },
]

const COUNTERS = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo']
const totals = Object.fromEntries(COUNTERS.map((k) => [k, 0]))

/** Runs one phase, passing its output through and adding its closing `# <counter> N` lines to the totals. */
function runPhase(phase) {
  return new Promise((resolve) => {
    console.log(`# run-tests: ${phase.name} (${phase.files.length} files)`)
    const args = ['--test', `--test-concurrency=${phase.concurrency}`, '--test-timeout=300000', ...phase.files]
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    let partial = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      const lines = (partial + chunk.toString('utf8')).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        const m = /^# (\w+) (\d+)$/.exec(line)
        if (m && COUNTERS.includes(m[1])) totals[m[1]] += Number(m[2])
      }
    })
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

let status = 0
for (const phase of phases) {
  if (phase.files.length === 0) continue
  const code = await runPhase(phase)
  if (code !== 0) status = code
}
console.log('# run-tests: both phases together')
for (const counter of COUNTERS) console.log(`# ${counter} ${totals[counter]}`)
console.log(`# ${totals.pass} passed, ${totals.fail} failed`)
process.exit(status)
