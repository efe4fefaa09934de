import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { anneal, createPrng, syntheticFeed } from '../src/index.js'
import { gaussianContributions, resultBytes } from './helpers.js'

describe('anneal is deterministic', () => {
  test('shuffled input gives bit-identical output', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('far-bias', 'noise', 'alie', 'two-clusters'),
        fc.infiniteStream(fc.nat()),
        (n, d, seed, attack, stream) => {
          const feed = syntheticFeed({ n, m: Math.floor(n * 0.3), d, mu: 5, sigma: 2, attack }, createPrng(seed))
          const contributions = feed.contributions.map((c, i) => ({ ...c, weight: 1 + (i % 3) }))
          const shuffled = [...contributions]
          const rand = stream[Symbol.iterator]()
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (rand.next().value as number) % (i + 1)
            ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
          }
          const a = anneal(contributions, { seed })
          const b = anneal(shuffled, { seed })
          assert.ok(resultBytes(a).equals(resultBytes(b)))
        },
      ),
      { numRuns: 60 },
    )
  })

  test('repeated runs are bit-identical and do not mutate the input', () => {
    const contributions = gaussianContributions(100, 16, 9)
    const before = contributions.map((c) => Buffer.from(c.value.buffer).toString('hex'))
    const first = resultBytes(anneal(contributions, { seed: 77 }))
    for (let k = 0; k < 5; k++) assert.ok(resultBytes(anneal(contributions, { seed: 77 })).equals(first))
    assert.deepEqual(
      contributions.map((c) => Buffer.from(c.value.buffer).toString('hex')),
      before,
    )
  })

  test('weights come back sorted by author, excluded authors sorted too', () => {
    const feed = syntheticFeed({ n: 50, m: 10, d: 1, mu: 0, sigma: 1, attack: 'far-bias' }, createPrng(4))
    const r = anneal([...feed.contributions].reverse(), { seed: 1 })
    const authors = r.weights.map((w) => w.author)
    assert.deepEqual(authors, [...authors].sort())
    assert.deepEqual(r.excluded, [...r.excluded].sort())
    assert.deepEqual(new Set(r.excluded), feed.byzantine)
  })
})
