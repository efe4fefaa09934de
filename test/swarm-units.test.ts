/** The launcher's pure parts: node placement, seeding, percentiles and the per-epoch agreement verdict. */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type EpochOutcome, hostOf, percentile, resolveByzantine, seedTargets, summarizeEpoch } from '@thermotruth/node/swarm'

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
