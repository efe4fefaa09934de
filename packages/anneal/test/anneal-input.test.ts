import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { AnnealInputError, type AnnealInputReason, anneal, type Contribution } from '../src/index.js'
import { gaussianContributions } from './helpers.js'

function rejects(reason: AnnealInputReason, contributions: Contribution[], options: Parameters<typeof anneal>[1] = { seed: 1 }): void {
  assert.throws(
    () => anneal(contributions, options),
    (error: unknown) => error instanceof AnnealInputError && error.reason === reason,
    `expected AnnealInputError(${reason})`,
  )
}

const one = (author: string, values: number[], weight = 1): Contribution => ({ author, value: Float64Array.from(values), weight })

describe('anneal rejects bad input with a typed reason', () => {
  test('empty input and zero dimension', () => {
    rejects('empty', [])
    rejects('empty', [one('a', [])])
  })

  test('NaN and ±Infinity anywhere', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      rejects('non-finite', [one('a', [1, 2]), one('b', [3, bad])])
    }
  })

  test('huge finite values', () => {
    rejects('out-of-range', [one('a', [1]), one('b', [1e200])])
  })

  test('mismatched dimensions', () => {
    rejects('dimension-mismatch', [one('a', [1, 2]), one('b', [1, 2, 3])])
    rejects('dimension-mismatch', [one('a', [1]), { author: 'b', value: [1] as unknown as Float64Array, weight: 1 }])
  })

  test('too many contributions and too large vectors', () => {
    rejects('too-many', gaussianContributions(11, 1, 1), { seed: 1, maxContributions: 10 })
    rejects('too-large', [one('a', [1, 2, 3])], { seed: 1, maxDimension: 2 })
    rejects('too-large', [{ author: 'a', value: new Float64Array(1025), weight: 1 }])
  })

  test('bad weights', () => {
    for (const w of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) rejects('bad-weight', [one('a', [1]), one('b', [2], w)])
    rejects('bad-weight', [one('a', [1], 1e308), one('b', [2], 1e308)])
    rejects('bad-weight', [one('a', [1], 1e300), one('b', [2], 1e-300)])
  })

  test('duplicate authors', () => {
    rejects('duplicate-author', [one('a', [1]), one('b', [2]), one('a', [3])])
  })

  test('bad options', () => {
    const ok = [one('a', [1])]
    for (const options of [{ seed: -1 }, { seed: 1.5 }, { seed: 2 ** 32 }, { seed: 1, replicas: 0 }, { seed: 1, effort: 0.5 }, { seed: 1, zThreshold: 0 }, { seed: 1, madFloor: 0 }, { seed: 1, coldTemperature: -1 }]) {
      rejects('bad-option', ok, options)
    }
  })

  test('any finite input in range gives finite outputs (never NaN)', () => {
    const coordinate = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 1e-300, 1e150, -1e150))
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((d) =>
          fc.array(fc.tuple(fc.array(coordinate, { minLength: d, maxLength: d }), fc.double({ min: 1e-6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 30 }),
        ),
        fc.integer({ min: 1, max: 4 }),
        (rows, replicas) => {
          const contributions = rows.map(([v, w], i) => one(`n${i}`, v, w))
          const r = anneal(contributions, { seed: 3, replicas })
          for (const x of r.value) assert.ok(Number.isFinite(x))
          for (const x of [r.temperature, r.entropyBits, r.nEff, r.freeEnergy, r.logPartition, r.scale]) assert.ok(Number.isFinite(x), `got ${x}`)
          assert.ok(!Number.isNaN(r.partition))
          const total = r.weights.reduce((s, w) => s + w.weight, 0)
          assert.ok(Math.abs(total - 1) < 1e-9)
        },
      ),
      { numRuns: 150 },
    )
  })
})
