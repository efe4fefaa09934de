/** The launcher's pure parts: node placement, seeding, percentiles and the per-epoch agreement verdict. */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type EpochOutcome, hostOf, OutcomeBook, percentile, resolveByzantine, seedTargets, summarizeEpoch } from '@thermotruth/node/swarm'

describe('swarm placement and seeding', () => {
  test('hostOf spreads n nodes over p hosts in contiguous blocks differing by at most one, node 0 on host 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 16 }), (n, pRaw) => {
        const p = Math.min(pRaw, n)
        const counts = new Array(p).fill(0)
        let last = 0
        for (let i = 0; i < n; i++) {
          const h = hostOf(i, n, p)
          assert.ok(h >= last && h < p)
          last = h
          counts[h]++
        }
        assert.equal(hostOf(0, n, p), 0)
        assert.ok(Math.max(...counts) - Math.min(...counts) <= 1)
      }),
    )
  })

  test('seedTargets gives k distinct peers other than the node itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 0, max: 10 }), (n, k) => {
        for (const i of [0, n - 1, Math.floor(n / 2)]) {
          const t = seedTargets(i, n, k)
          assert.equal(new Set(t).size, t.length)
          assert.ok(!t.includes(i))
          assert.ok(t.every((x) => x >= 0 && x < n))
          assert.ok(t.length <= k)
        }
      }),
    )
    assert.deepEqual(seedTargets(0, 100, 4), [1, 2, 4, 8])
  })

  test('--byzantine: fractions of n below 1, counts otherwise, never all nodes', () => {
    assert.equal(resolveByzantine(0.33, 100), 33)
    assert.equal(resolveByzantine(3, 10), 3)
    assert.equal(resolveByzantine(10, 10), undefined)
    assert.equal(resolveByzantine(-1, 10), undefined)
    assert.equal(resolveByzantine(2.5, 10), undefined)
  })
})

describe('swarm measurement', () => {
  test('nearest-rank percentile', () => {
    assert.equal(percentile([5, 1, 3, 2, 4], 50), 3)
    assert.equal(percentile([5, 1, 3, 2, 4], 99), 5)
    assert.ok(Number.isNaN(percentile([], 50)))
  })

  const outcome = (node: number, digest: string, status: EpochOutcome['status'] = 'certified'): EpochOutcome => ({
    node,
    epoch: 7,
    status,
    finalityMs: 100 + node,
    digest,
    values: { f: digest === 'a' ? 1 : 2 },
  })

  test('an epoch is certified and agreed only when every honest node certified the same digest', () => {
    const agreed = summarizeEpoch(7, [outcome(0, 'a'), outcome(1, 'a'), outcome(2, 'a')], 3)
    assert.equal(agreed.status, 'certified')
    assert.equal(agreed.agreed, true)
    assert.equal(agreed.spread, 0)
    const split = summarizeEpoch(7, [outcome(0, 'a'), outcome(1, 'b'), outcome(2, 'a')], 3)
    assert.equal(split.status, 'certified')
    assert.equal(split.agreed, false)
    assert.equal(split.spread, 1)
    const missing = summarizeEpoch(7, [outcome(0, 'a'), outcome(1, 'a')], 3)
    assert.equal(missing.status, 'failed')
    assert.equal(missing.agreed, false)
    const approx = summarizeEpoch(7, [outcome(0, 'a'), outcome(1, 'b', 'approximate'), outcome(2, 'a')], 3)
    assert.equal(approx.status, 'approximate')
  })
})

describe('swarm outcome book', () => {
  const at = (node: number, epoch: number, status: EpochOutcome['status'], digest = 'a'): EpochOutcome => ({ node, epoch, status, finalityMs: 10, digest })

  test('a node announcing an epoch twice counts once, and cannot complete the window for a node that is missing', () => {
    const book = new OutcomeBook(5, 6, 2)
    assert.equal(book.add(at(0, 5, 'approximate', 'x')), true)
    assert.equal(book.add(at(0, 5, 'certified')), false, 'second announcement resolves nothing new')
    book.add(at(1, 5, 'certified'))
    book.add(at(0, 6, 'certified'))
    book.add(at(0, 6, 'certified'))
    assert.equal(book.complete, false, 'node 1 has not resolved epoch 6')
    assert.deepEqual(book.missing(), [{ node: 1, epoch: 6 }])
    book.add(at(1, 6, 'approximate'))
    assert.equal(book.complete, true)
    assert.equal(book.outcomes().length, 4)
    assert.equal(book.upgradedCount, 1)
    const epoch5 = summarizeEpoch(5, book.epochOutcomes(5), 2)
    assert.equal(epoch5.status, 'certified')
    assert.equal(epoch5.agreed, true, 'the upgraded node ends with the network record')
  })

  test('a certificate is final: a later approximate outcome never replaces it; epochs outside the window are ignored', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 3, max: 8 }), fc.constantFrom<EpochOutcome['status']>('certified', 'approximate', 'failed'))), (events) => {
        const book = new OutcomeBook(4, 6, 3)
        for (const [node, epoch, status] of events) book.add(at(node, epoch, status))
        for (const o of book.outcomes()) {
          assert.ok(o.epoch >= 4 && o.epoch <= 6)
          const certifiedSeen = events.some(([n, e, st]) => n === o.node && e === o.epoch && st === 'certified')
          assert.equal(o.status === 'certified', certifiedSeen)
        }
        assert.equal(new Set(book.outcomes().map((o) => `${o.node}/${o.epoch}`)).size, book.outcomes().length)
      }),
    )
  })
})
