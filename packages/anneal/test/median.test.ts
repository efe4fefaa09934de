import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { weightedMedian } from '../src/index.js'

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
