#!/usr/bin/env node
// The full fuzz run (issue 6, property 7): every parser of network bytes and every HTTP API route, N cases each.
//   pnpm build && node scripts/fuzz.mjs [--cases 100000] [--target NAME]... [--seed 1] [--json] [--list]
// Targets: the protons decoders and gossip validators (packages/protocol/test/fuzz-cases.ts, named protons-*),
// the ticket gate and ticket stream, the sync server and client, the request/response framing, and the HTTP API
// (packages/node/bench/fuzz/). Progress goes to stderr, a per-target summary to stdout (one JSON object with
// --json). Exit code 1 if any case failed (a thrown exception, a 5xx, a 4xx without a reason, a dead server).
import '../packages/node/dist/src/polyfill.js'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    target: { type: 'string', multiple: true, default: [] },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (values.help) {
  process.stdout.write(
    'usage: node scripts/fuzz.mjs [--cases N] [--target NAME]... [--seed S] [--json] [--list]\n' +
      '  --cases N      cases per target (default 100000)\n' +
      '  --target NAME  run only targets whose name contains NAME (repeatable)\n' +
      'example: node scripts/fuzz.mjs --cases 2000 --target api --target sync\n',
  )
  process.exit(0)
}
const cases = Number(values.cases)
const seed = Number(values.seed)
if (!Number.isSafeInteger(cases) || cases < 1 || !Number.isSafeInteger(seed)) {
  process.stderr.write('fuzz: --cases must be a positive integer and --seed an integer\n')
  process.exit(2)
}

const { runTarget } = await import('../packages/node/dist/bench/fuzz/runner.js')
const { createNodeFuzzSuite } = await import('../packages/node/dist/bench/fuzz/suite.js')
const protons = await import('../packages/protocol/dist/test/fuzz-cases.js')

const protonsTargets = protons.targets.map((t) => ({ name: `protons-${t.name}`, input: protons.inputs(t), run: (bytes) => protons.fuzzOne(t, bytes) }))
const suite = await createNodeFuzzSuite()
const all = [...protonsTargets, ...suite.targets]
const selected = all.filter((t) => values.target.length === 0 || values.target.some((name) => t.name.includes(name)))
if (values.list || selected.length === 0) {
  process.stdout.write(`${all.map((t) => t.name).join('\n')}\n`)
  await suite.close()
  process.exit(values.list ? 0 : 2)
}

const summaries = []
const started = Date.now()
try {
  for (const target of selected) {
    process.stderr.write(`fuzz ${target.name}: ${cases} cases\n`)
    const startedAt = performance.now()
    const summary = await runTarget(target, {
      cases,
      seed,
      onProgress: (done, s) => process.stderr.write(`  ${target.name} ${done}/${cases} (${s.failures} failures, ${Math.round((done / (performance.now() - startedAt)) * 1000)}/s)\n`),
    })
    if (target.name.startsWith('api-')) {
      await suite.apiAlive().catch((error) => {
        summary.failures++
        summary.firstFailures.push({ caseIndex: cases, input: '(after the run)', error: String(error) })
      })
    }
    summaries.push(summary)
  }
} finally {
  await suite.close()
}

const failures = summaries.reduce((sum, s) => sum + s.failures, 0)
if (values.json) {
  process.stdout.write(`${JSON.stringify({ ok: failures === 0, seed, casesPerTarget: cases, elapsedMs: Date.now() - started, targets: summaries })}\n`)
} else {
  const width = Math.max(...summaries.map((s) => s.name.length))
  process.stdout.write(`fuzz summary (seed ${seed}, ${cases} cases per target, ${Math.round((Date.now() - started) / 1000)} s)\n`)
  for (const s of summaries) {
    const outcomes = Object.entries(s.outcomes)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')
    process.stdout.write(`  ${s.name.padEnd(width)}  ${String(s.cases).padStart(7)} cases  ${String(s.failures).padStart(3)} failures  ${String(Math.round(s.elapsedMs / 1000)).padStart(4)} s  ${outcomes}\n`)
    for (const f of s.firstFailures) process.stdout.write(`      case ${f.caseIndex}: ${f.error}\n        input ${f.input}\n`)
  }
  process.stdout.write(failures === 0 ? 'no failures\n' : `${failures} failures\n`)
}
process.exit(failures === 0 ? 0 : 1)
