import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { weightedMedian } from '../src/index.js'
import { uniformMedianInto, weightedMedianInto } from '../src/median.js'

function plainMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : s[mid - 1]! / 2 + s[mid]! / 2
}

describe('weightedMedian', () => {
  test('with equal weights it is the ordinary median', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        assert.equal(weightedMedian(values, values.map(() => 1)), plainMedian(values))
      }),
    )
  })

  test('integer weights act like repeated values', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 30 }), (pairs) => {
        const expanded = pairs.flatMap(([v, w]) => new Array(w).fill(v) as number[])
        assert.equal(
          weightedMedian(
            pairs.map(([v]) => v),
            pairs.map(([, w]) => w),
          ),
          plainMedian(expanded),
        )
      }),
    )
  })

  test('the equal-weight fast path agrees with the weighted algorithm to the bit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 80 }), (values) => {
        const xs = Float64Array.from(values)
        const fast = uniformMedianInto(xs, xs.length, new Float64Array(xs.length))
        const slow = weightedMedianInto(
          xs,
          values.map(() => 3),
          xs.length,
          new Uint32Array(xs.length),
        )
        // ±0 may differ in sign only (native sort orders −0 before +0); both paths are deterministic.
        assert.ok(fast === slow, `${fast} vs ${slow}`)
      }),
    )
  })

  test('a heavy weight wins', () => {
    assert.equal(weightedMedian([1, 2, 3], [1, 1, 10]), 3)
    assert.equal(weightedMedian(new Float64Array([5, -1]), [0, 1]), -1)
  })

  test('bad input throws RangeError', () => {
    assert.throws(() => weightedMedian([], []), RangeError)
    assert.throws(() => weightedMedian([1, 2], [1]), RangeError)
    assert.throws(() => weightedMedian([Number.NaN], [1]), RangeError)
    assert.throws(() => weightedMedian([1], [-1]), RangeError)
    assert.throws(() => weightedMedian([1], [0]), RangeError)
  })
})
