import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import * as wire from '../src/index.js'
import { signedReport, signer } from './validation-fixtures.js'

const clients = Array.from({ length: 4 }, (_, i) => signer(70 + i))

describe('Mempool', () => {
  test('accepts, dedupes by id and by (client, sequence), enforces increasing sequences', () => {
    const pool = new wire.Mempool()
    const r1 = signedReport(clients[0], 1)
    const first = pool.add(r1)
    assert.deepEqual(first, { accepted: true, reportId: wire.reportId(r1) })
    assert.deepEqual(pool.add(r1), { accepted: false, reason: 'duplicate', retryable: false })
    const sameSeq = signedReport(clients[0], 1, 2) // same (client, sequence), other content
    const stale = pool.add(sameSeq)
    assert.equal(stale.accepted, false)
    assert.match(!stale.accepted ? stale.reason : '', /stale-sequence/)
    assert.equal(pool.add(signedReport(clients[0], 0)).accepted, false)
    assert.equal(pool.add(signedReport(clients[0], 5)).accepted, true)
    assert.equal(pool.add(signedReport(clients[1], 1)).accepted, true, 'sequences are per client')
    assert.equal(pool.depth, 3)
  })

  test('backpressure: capacity and per-client cap answer retryable without evicting', () => {
    const pool = new wire.Mempool({ capacity: 3, perClientCap: 2 })
    assert.equal(pool.add(signedReport(clients[0], 1)).accepted, true)
    assert.equal(pool.add(signedReport(clients[0], 2)).accepted, true)
    assert.deepEqual(pool.add(signedReport(clients[0], 3)), { accepted: false, reason: 'client-quota', retryable: true })
    assert.equal(pool.add(signedReport(clients[1], 1)).accepted, true)
    assert.deepEqual(pool.add(signedReport(clients[2], 1)), { accepted: false, reason: 'mempool-full', retryable: true })
    assert.equal(pool.depth, 3)
  })

  test('take respects count and byte budgets in arrival order, and the taken reports fit a proposal', () => {
    const pool = new wire.Mempool()
    const reports = clients.flatMap((c, i) => [signedReport(c, 1, i), signedReport(c, 2, i)])
    for (const r of reports) pool.add(r)
    assert.deepEqual(pool.take(3, Infinity), reports.slice(0, 3))
    assert.deepEqual(pool.take(100, Infinity), reports)
    const one = pool.take(1, Infinity)
    const size = pool.bytes / reports.length
    assert.deepEqual(pool.take(100, size * 2.5), reports.slice(0, 2))
    assert.deepEqual(pool.take(100, 0), [])
    assert.equal(one.length, 1)
    // The byte accounting is exact: a proposal with the taken reports grows by exactly pool.bytes.
    const base: wire.Proposal = {
      networkId: 'n', epoch: 1, author: new Uint8Array(32), ticketHash: new Uint8Array(32), observations: [],
      reports: [], stamp: { bits: 0, nonce: new Uint8Array(8) }, signature: new Uint8Array(64),
    }
    const grown = wire.encodeProposal({ ...base, reports: pool.take(100, Infinity) }).length
    assert.equal(grown - wire.encodeProposal(base).length, pool.bytes)
  })

  test('markFinalized removes, records status, frees quota, and advances sequences of foreign reports', () => {
    const pool = new wire.Mempool({ perClientCap: 1 })
    const r = signedReport(clients[0], 1)
    const { reportId } = pool.add(r) as { reportId: string }
    assert.deepEqual(pool.status(reportId), { state: 'pending' })
    pool.markFinalized([reportId], 7)
    assert.deepEqual(pool.status(reportId), { state: 'finalized', epoch: 7 })
    assert.equal(pool.depth, 0)
    assert.equal(pool.bytes, 0)
    assert.equal(pool.add(r).accepted, false, 'finalized reports stay deduped')
    assert.equal(pool.add(signedReport(clients[0], 2)).accepted, true, 'quota freed')
    const foreign = signedReport(clients[1], 9)
    pool.markFinalized([foreign], 8)
    assert.equal(pool.add(signedReport(clients[1], 9, 5)).accepted, false, 'sequence 9 already finalized elsewhere')
    assert.deepEqual(pool.status('00'.repeat(32)), { state: 'unknown' })
  })

  test('property: deterministic, bounded, and take never breaks per-client sequence order', () => {
    const ops = fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('add' as const), client: fc.nat({ max: 3 }), seq: fc.nat({ max: 20 }) }),
        fc.record({ op: fc.constant('finalize' as const), count: fc.nat({ max: 3 }) }),
      ),
      { maxLength: 40 },
    )
    fc.assert(
      fc.property(ops, (list) => {
        const run = () => {
          const pool = new wire.Mempool({ capacity: 8, perClientCap: 3 })
          const log: unknown[] = []
          for (const o of list) {
            if (o.op === 'add') log.push(pool.add(signedReport(clients[o.client], o.seq)))
            else pool.markFinalized(pool.take(o.count, Infinity).map(wire.reportId), 1)
            assert.ok(pool.depth <= 8)
          }
          return { log, taken: pool.take(100, Infinity) }
        }
        const a = run()
        assert.deepStrictEqual(run(), a)
        const lastSeq = new Map<string, number>()
        for (const r of a.taken) {
          const c = wire.authorId(r.clientKey)
          assert.ok(r.sequence > (lastSeq.get(c) ?? -1))
          lastSeq.set(c, r.sequence)
        }
      }),
      { numRuns: 60 },
    )
  })
})
