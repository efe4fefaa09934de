import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type FuzzOutcome, fuzzOne, inputs, targets } from './fuzz-cases.js'

/** ~20k cases across all targets in CI; `node packages/protocol/dist/bench/fuzz.js --count 100000` for a long run. */
const PER_TARGET = Math.ceil(20000 / targets.length)

describe('fuzz: decoders and validators never throw anything but WireError', () => {
  for (const t of targets) {
    test(`${t.name}: ${PER_TARGET} random and mutated inputs`, () => {
      const seen: Record<FuzzOutcome, number> = { decoded: 0, malformed: 0, oversize: 0 }
      fc.assert(
        fc.property(inputs(t), (bytes) => {
          seen[fuzzOne(t, bytes)]++
        }),
        { numRuns: PER_TARGET },
      )
      assert.ok(seen.malformed > 0, 'the fuzzer must reach the error paths')
    })
  }
})
