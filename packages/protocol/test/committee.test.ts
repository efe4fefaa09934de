import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import type { EpochRecord } from '../src/index.js'
import * as wire from '../src/index.js'

const key = (i: number) => new Uint8Array(32).fill(i)
const id = (i: number) => wire.authorId(key(i))
const record = (epoch: number, authors: number[]): EpochRecord => ({
  networkId: 'n',
  epoch,
  feeds: [],
  includedAuthors: authors.map(key).sort(wire.compareBytes),
  reportsRoot: new Uint8Array(32),
  reportCount: 0,
  nextDifficulty: 8,
  approximate: false,
  previousRecordDigest: new Uint8Array(32),
})
const never = () => false
const always = () => true

describe('committee', () => {
  test('quorum is more than 2/3 and two quorums always share an honest member when f <= maxFaulty', () => {
    assert.deepEqual([1, 2, 3, 4, 7, 10, 100].map(wire.quorum), [1, 2, 3, 3, 5, 7, 67])
    for (let n = 1; n <= 300; n++) {
      const q = wire.quorum(n)
      assert.ok(3 * q > 2 * n, 'strictly more than 2/3')
      assert.ok(3 * (q - 1) <= 2 * n, 'smallest such count')
      assert.ok(2 * q - n > wire.maxFaulty(n), 'intersection exceeds f')
      assert.ok(q <= n - wire.maxFaulty(n), 'honest members alone reach quorum')
    }
  })

  test('genesis committee at epoch 0; previous record afterwards, sorted and deduplicated', () => {
    assert.deepEqual(wire.committeeFor(0, undefined, never, never, [id(3), id(1)]), [id(1), id(3)])
    assert.deepEqual(wire.committeeFor(5, record(4, [2, 9, 1]), never, always), [id(1), id(2), id(9)])
  })

  test('newcomers join from the next epoch: included in record e-1 means seated at e', () => {
    const genesis = [id(1), id(2), id(3)]
    assert.ok(!wire.committeeFor(1, record(0, [1, 2, 3]), never, always, genesis).includes(id(4)))
    assert.ok(wire.committeeFor(2, record(1, [1, 2, 3, 4]), never, always, genesis).includes(id(4)))
  })

  test('expired tickets and evictions lose the seat; a record from the future is refused', () => {
    const evicted = (a: string, e: number) => a === id(2) && e <= 6
    const expired = (a: string) => a !== id(3)
    assert.deepEqual(wire.committeeFor(6, record(5, [1, 2, 3]), evicted, expired), [id(1)])
    assert.deepEqual(wire.committeeFor(7, record(6, [1, 2, 3]), evicted, always), [id(1), id(2), id(3)])
    assert.throws(() => wire.committeeFor(5, record(5, [1]), never, always), RangeError)
  })

  test('property: the committee is a sorted subset of the previous record, filtered exactly by the predicates', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 30 }), fc.func(fc.boolean()), fc.func(fc.boolean()), (authors, ev, tk) => {
        const c = wire.committeeFor(9, record(8, authors), (a) => ev(a), (a) => tk(a))
        const expected = authors.map(id).filter((a) => !ev(a) && tk(a)).sort()
        assert.deepEqual(c, expected)
      }),
    )
  })
})
