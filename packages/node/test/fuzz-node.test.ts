/**
 * The CI slice of `node scripts/fuzz.mjs` (which runs 100,000 cases per target): every node-side parser of network
 * bytes and every API route, a few hundred seeded random and mutated inputs each. The protons decoders have their
 * own slice in packages/protocol/test/fuzz.test.ts.
 */
import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { describeInput, runTarget } from '../bench/fuzz/runner.js'
import { createNodeFuzzSuite, type NodeFuzzSuite } from '../bench/fuzz/suite.js'

/** Cases per target: in-process targets are cheap, socket and stream targets pay a round trip each. */
const CASES: Record<string, number> = { 'ticket-gate': 2000, 'sync-serve': 1000, 'sync-response': 1000 }
const DEFAULT_CASES = 400
// A different seed every run widens coverage over time; a failure prints it so the run can be replayed.
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)

describe(`fuzz slice: network-byte parsers and the HTTP API (seed ${SEED})`, () => {
  let suite: NodeFuzzSuite
  before(async () => {
    suite = await createNodeFuzzSuite()
  })
  after(async () => {
    await suite?.close()
  })

  // Names are fixed here (not read from the suite) so node:test can register the tests before `before` runs.
  const names = ['ticket-gate', 'sync-serve', 'sync-response', 'request-framing', 'ticket-stream', 'api-epochs', 'api-certificates', 'api-feeds', 'api-report-status', 'api-report-submit', 'api-routes', 'api-raw-http']
  for (const name of names) {
    test(`${name}: no case throws, answers a 5xx or a 4xx without reason`, async () => {
      const target = suite.targets.find((t) => t.name === name)
      assert.ok(target, `the suite has a '${name}' target`)
      const summary = await runTarget(target, { cases: CASES[name] ?? DEFAULT_CASES, seed: SEED })
      assert.equal(summary.failures, 0, `seed ${SEED}: ${summary.firstFailures.map((f) => `case ${f.caseIndex}: ${f.error} on ${f.input}`).join('\n')}`)
      assert.equal(summary.cases, CASES[name] ?? DEFAULT_CASES)
      // The generator must reach both sides: inputs that are refused and inputs that get through.
      assert.ok(Object.keys(summary.outcomes).length >= 2, `only one outcome: ${JSON.stringify(summary.outcomes)}`)
      if (name.startsWith('api-')) await suite.apiAlive()
    })
  }

  test('every target of the suite is in the CI slice', () => {
    assert.deepEqual(suite.targets.map((t) => t.name).sort(), [...names].sort())
    assert.match(describeInput(Uint8Array.of(1, 2)), /^hex:0102$/)
  })
})
