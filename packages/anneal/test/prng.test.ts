import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { createPrng, hashSeed } from '../src/index.js'

describe('createPrng', () => {
  test('equal seeds give equal streams, different seeds different ones', () => {
    const a = createPrng(42)
    const b = createPrng(42)
    const c = createPrng(43)
    const sa = Array.from({ length: 64 }, () => a.nextU32())
    const sb = Array.from({ length: 64 }, () => b.nextU32())
    const sc = Array.from({ length: 64 }, () => c.nextU32())
    assert.deepEqual(sa, sb)
    assert.notDeepEqual(sa, sc)
  })

  test('nextU32 is a uint32 and nextFloat lies in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const prng = createPrng(seed)
        for (let i = 0; i < 50; i++) {
          const u = prng.nextU32()
          assert.ok(Number.isInteger(u) && u >= 0 && u <= 0xffffffff)
          const f = prng.nextFloat()
          assert.ok(f >= 0 && f < 1)
        }
      }),
    )
  })

  test('floats are roughly uniform (mean and bucket counts)', () => {
    const prng = createPrng(7)
    const buckets = new Array(10).fill(0)
    let sum = 0
    const count = 100_000
    for (let i = 0; i < count; i++) {
      const f = prng.nextFloat()
      sum += f
      buckets[Math.floor(f * 10)]++
    }
    assert.ok(Math.abs(sum / count - 0.5) < 0.01)
    for (const b of buckets) assert.ok(Math.abs(b - count / 10) < count / 100, `bucket count ${b}`)
  })
})

describe('hashSeed', () => {
  test('is a deterministic uint32', () => {
    assert.equal(hashSeed('epoch', 7, 'feed'), hashSeed('epoch', 7, 'feed'))
    const h = hashSeed('x')
    assert.ok(Number.isInteger(h) && h >= 0 && h <= 0xffffffff)
  })

  test('separates parts and types', () => {
    const seeds = new Set([hashSeed('a', 1), hashSeed('a1'), hashSeed('a', '1'), hashSeed('a1', ''), hashSeed(), hashSeed('')])
    assert.equal(seeds.size, 6)
  })

  test('FNV-1a of nothing is the offset basis', () => {
    assert.equal(hashSeed(), 0x811c9dc5)
  })
})
