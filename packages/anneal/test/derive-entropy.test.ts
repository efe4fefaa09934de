import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { deriveEntropyTable } from '../src/index.js'

describe('deriveEntropyTable', () => {
  test('is deterministic for a seed and differs across seeds', () => {
    const a = deriveEntropyTable({ nodes: 40, trials: 3, seed: 4 })
    const b = deriveEntropyTable({ nodes: 40, trials: 3, seed: 4 })
    const c = deriveEntropyTable({ nodes: 40, trials: 3, seed: 5 })
    assert.deepEqual(a, b)
    assert.notDeepEqual(a.rows, c.rows)
  })

  test('one row per fraction with the Byzantine count rounded from f·nodes', () => {
    const table = deriveEntropyTable({ nodes: 30, trials: 2, fractions: [0, 0.25, 0.45] })
    assert.deepEqual(
      table.rows.map((r) => [r.f, r.byzantine]),
      [
        [0, 0],
        [0.25, 8],
        [0.45, 14],
      ],
    )
  })

  test('the honest sampling error shrinks with more nodes (f = 0)', () => {
    const small = deriveEntropyTable({ nodes: 10, trials: 60, fractions: [0] }).rows[0]!
    const large = deriveEntropyTable({ nodes: 400, trials: 60, fractions: [0] }).rows[0]!
    assert.ok(large.errorSigma < small.errorSigma / 3, `${large.errorSigma} vs ${small.errorSigma}`)
    assert.ok(Math.abs(large.entropyBits - Math.log2(400)) < 0.2)
  })

  test('rejects bad parameters', () => {
    assert.throws(() => deriveEntropyTable({ nodes: 1 }), RangeError)
    assert.throws(() => deriveEntropyTable({ trials: 0 }), RangeError)
    assert.throws(() => deriveEntropyTable({ seed: -1 }), RangeError)
    assert.throws(() => deriveEntropyTable({ fractions: [1] }), RangeError)
    assert.throws(() => deriveEntropyTable({ sigma: 0 }), RangeError)
  })
})
