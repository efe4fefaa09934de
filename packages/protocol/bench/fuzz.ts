/**
 * Long fuzz run over every decoder and validator (the CI test runs ~20k cases).
 *   pnpm build && node packages/protocol/dist/bench/fuzz.js --count 100000 [--seed N]
 * Prints one JSON object: cases, per-target outcome counts, elapsed ms; exits 1 with the counterexample on failure.
 */
import { performance } from 'node:perf_hooks'
import fc from 'fast-check'
import { type FuzzOutcome, fuzzOne, inputs, targets } from '../test/fuzz-cases.js'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

const count = arg('--count', 100000)
const seed = arg('--seed', 1)
const perTarget = Math.ceil(count / targets.length)
const started = performance.now()
const outcomes: Record<string, Record<FuzzOutcome, number>> = {}
for (const t of targets) {
  const seen: Record<FuzzOutcome, number> = { decoded: 0, malformed: 0, oversize: 0 }
  const run = fc.check(
    fc.property(inputs(t), (bytes) => {
      seen[fuzzOne(t, bytes)]++
    }),
    { numRuns: perTarget, seed },
  )
  outcomes[t.name] = seen
  if (run.failed) {
    console.log(JSON.stringify({ ok: false, target: t.name, seed, counterexample: String(run.counterexample), error: String(run.errorInstance) }))
    process.exit(1)
  }
}
console.log(JSON.stringify({ ok: true, cases: perTarget * targets.length, seed, elapsedMs: Math.round(performance.now() - started), outcomes }))
