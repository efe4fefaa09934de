import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import * as wire from '../src/index.js'

/** Honest values: often clustered at two points (the hardest case for averaging rules), else anywhere. */
const value = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
/** Byzantine values: often extreme (two-faced pulls), else anything finite. */
const byzantine = fc.oneof(fc.constantFrom(-1e12, 1e12), fc.double({ min: -1e12, max: 1e12, noNaN: true }))

describe('approximate agreement', () => {
  test('trimmedMidpoint drops f from each side', () => {
    assert.equal(wire.trimmedMidpoint([1, 2, 3, 100, -100], 1), 2)
    assert.equal(wire.trimmedMidpoint([5], 0), 5)
    assert.throws(() => wire.trimmedMidpoint([1, 2], 1), RangeError)
  })

  test('property: honest spread at least halves per round and stays inside the honest range (f arbitrary Byzantine per receiver)', () => {
    const scenario = fc
      .record({ f: fc.integer({ min: 0, max: 5 }), extra: fc.integer({ min: 0, max: 3 }), dims: fc.integer({ min: 1, max: 3 }) })
      .chain(({ f, extra, dims }) => {
        const n = 3 * f + 1 + extra
        const honest = n - f
        const vec = (a: fc.Arbitrary<number>) => fc.array(a, { minLength: dims, maxLength: dims })
        return fc.record({
          f: fc.constant(f),
          honest: fc.array(vec(value), { minLength: honest, maxLength: honest }),
          // what the Byzantine members send to each honest receiver, per round (two-faced allowed), or withheld
          byz: fc.array(fc.array(fc.option(vec(byzantine), { nil: undefined }), { minLength: f, maxLength: f }), {
            minLength: honest,
            maxLength: honest,
          }),
          rounds: fc.integer({ min: 1, max: 4 }),
        })
      })
    fc.assert(
      fc.property(scenario, ({ f, honest, byz, rounds }) => {
        let estimates = honest
        for (let round = 0; round < rounds; round++) {
          const before = wire.spread(estimates)
          const next = estimates.map((_, receiver) => {
            const received = [...estimates, ...byz[receiver].filter((v): v is number[] => v !== undefined)]
            return Array.from(wire.agreementStep(received, f))
          })
          const after = wire.spread(next)
          assert.ok(after <= before / 2 + 1e-9 * Math.max(1, before), `round ${round}: ${after} > ${before} / 2`)
          for (let d = 0; d < estimates[0].length; d++) {
            const lo = Math.min(...estimates.map((e) => e[d]))
            const hi = Math.max(...estimates.map((e) => e[d]))
            for (const e of next) assert.ok(e[d] >= lo && e[d] <= hi, 'validity: inside the honest range')
          }
          estimates = next
        }
      }),
      { numRuns: 300 },
    )
  })

  test('roundsFor: ceil(log2(spread / epsilon)), 0 when already close, capped', () => {
    assert.equal(wire.roundsFor(1000, 1), 10)
    assert.equal(wire.roundsFor(1024, 1), 10)
    assert.equal(wire.roundsFor(0.5, 1), 0)
    assert.equal(wire.roundsFor(1e300, 1e-300), wire.LIMITS.agreementRounds)
    assert.throws(() => wire.roundsFor(1, 0), RangeError)
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (s, eps) => {
        const r = wire.roundsFor(s, eps)
        assert.ok(s / 2 ** r <= eps * (1 + 1e-12), 'r halvings reach epsilon')
        if (r > 0) assert.ok(s / 2 ** (r - 1) > eps * (1 - 1e-12), 'and r - 1 would not')
      }),
    )
  })

  test('agreeFeeds: per feed, f from the committee size, keeps own value without enough estimates', () => {
    const author = new Uint8Array(32)
    const est = (x: number) => ({ author, feeds: [{ feed: 'btc', values: Float64Array.of(x) }] })
    const own = [{ feed: 'btc', values: Float64Array.of(5) }, { feed: 'eth', values: Float64Array.of(7) }]
    const out = wire.agreeFeeds([est(1), est(2), est(3), est(1e9)], 4, own)
    assert.deepEqual(Array.from(out[0].values), [2.5])
    assert.deepEqual(Array.from(out[1].values), [7], 'no estimates for eth')
    const few = wire.agreeFeeds([est(1), est(2)], 4, own)
    assert.deepEqual(Array.from(few[0].values), [5], 'two estimates cannot lose f = 1 from each side')
  })
})
