import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { genesisHash } from '@thermotruth/pow'
import { createEngine } from '../src/engine/engine.js'
import type { Engine, EngineEvent } from '../src/engine/types.js'
import { simIdentity } from '../src/sim/identities.js'
import { authorId, createEd25519, decodeProtocolResponse, encodeProtocolRequest, encodeProtocolResponse, recordDigest, signReport } from '../src/wire/index.js'

const NETWORK = 'thermotruth-unit'
const PERIOD = 1000

/** A tiny synchronous driver: n engines, every publish delivered to every other engine 10 ms later. */
function cluster(n: number, offlineUntil: number[] = []) {
  let now = 0
  const online = (i: number) => now >= (offlineUntil[i] ?? 0)
  const genesis = genesisHash(NETWORK)
  const ids = Array.from({ length: n }, (_, i) => simIdentity(NETWORK, genesis, 99, i, 4))
  const keys = ids.map((id) => authorId(id.crypto.publicKey))
  const events: EngineEvent[][] = ids.map(() => [])
  const queue: Array<{ at: number; run: () => unknown }> = []
  /** Every gossip publish, for replaying it to an engine later. */
  const published: Array<{ from: number; topic: string; data: Uint8Array; at: number }> = []
  const make = (id: (typeof ids)[number], i: number): Engine =>
    createEngine({
      config: {
        networkId: NETWORK,
        genesisHash: genesis,
        genesisTime: 0,
        epochPeriodMs: PERIOD,
        collectFraction: 0.5,
        genesisCommittee: [...keys].sort(),
        feeds: ['price'],
        identityBits: 4,
        ticketValidityEpochs: 1000,
        temperatureThreshold: 0.1,
        seed: i,
        tuning: { stampDifficulty: { initial: 4, gain: 0.1, min: 4, max: 8 } },
      },
      identity: { publicKey: id.crypto.publicKey, ticket: id.ticket },
      crypto: id.crypto,
      port: {
        publish: (topic, data) => {
          published.push({ from: i, topic, data, at: now })
          for (let j = 0; j < n; j++) if (j !== i) queue.push({ at: now + 10, run: () => online(j) && engines[j].receive(keys[i], topic, data, now) })
        },
        request: (requestId, peer, data) => {
          const j = keys.indexOf(peer)
          queue.push({ at: now + 10, run: () => online(j) && engines[i].onResponse(requestId, peer, engines[j].handleRequest(keys[i], data), now) })
        },
        emit: (event) => events[i].push(event),
      },
    })
  const engines: Engine[] = ids.map(make)
  /** Replaces engine i by a fresh one with the same identity: a restarted process with an empty memory. */
  const restart = (i: number) => {
    engines[i] = make(ids[i], i)
    events[i].length = 0
    return engines[i]
  }
  const runTo = (until: number) => {
    while (now < until) {
      queue.sort((a, b) => a.at - b.at)
      const nextWake = Math.min(...engines.map((e, i) => (online(i) ? (e.nextWakeup() ?? Number.POSITIVE_INFINITY) : (offlineUntil[i] ?? 0))))
      const nextMsg = queue[0]?.at ?? Number.POSITIVE_INFINITY
      now = Math.min(until, nextWake, nextMsg)
      while (queue.length > 0 && queue[0].at <= now) queue.shift()!.run()
      engines.forEach((e, i) => {
        if (online(i)) e.tick(now)
      })
    }
  }
  return { engines, events, keys, published, runTo, restart }
}

describe('engine surface', () => {
  test('four engines certify, status reflects it, and a client report is finalized with its epoch', () => {
    const c = cluster(4)
    for (const [i, e] of c.engines.entries()) e.observe('price', Float64Array.of(100 + i * 0.01))
    const client = createEd25519(new Uint8Array(32).fill(7))
    const report = signReport({ feed: 'price', values: Float64Array.of(100.02), clientKey: client.publicKey, sequence: 1 }, client.sign)
    const submitted = c.engines[0].submitReport(report)
    assert.equal(submitted.accepted, true)
    assert.equal(c.engines[0].submitReport(report).accepted, false, 'a duplicate report is refused')
    assert.equal(c.engines[0].status().mempoolDepth, 1)
    c.runTo(2.5 * PERIOD)
    for (const events of c.events) {
      const certified = events.filter((e) => e.type === 'certified')
      assert.ok(certified.length >= 2)
    }
    const finalized = c.events[0].filter((e) => e.type === 'report')
    assert.equal(finalized.length, 1)
    assert.equal(finalized[0].type === 'report' && finalized[0].status, 'finalized')
    const status = c.engines[0].status()
    assert.ok((status.lastCertifiedEpoch ?? -1) >= 1)
    assert.equal(status.committeeSize, 4)
    assert.equal(status.mempoolDepth, 0)
    assert.ok(status.temperature !== undefined && status.temperature >= 0)
  })

  test('a restarted engine restores its latest certificates (not from genesis) and keeps extending the same chain', () => {
    const c = cluster(4)
    const observeAll = () => {
      for (const [i, e] of c.engines.entries()) e.observe('price', Float64Array.of(100 + i * 0.01))
    }
    observeAll()
    c.runTo(8.5 * PERIOD)
    const before = c.events[0].flatMap((e) => (e.type === 'certified' ? [e.certificate] : []))
    assert.ok(before.length >= 6, `certified ${before.length} epochs before the restart`)
    const latest = before.slice(-3) // as a node does: only its latest certificates, so the first one's parent is unknown
    const restarted = c.restart(0)
    restarted.restore(latest)
    assert.equal(restarted.status().lastCertifiedEpoch, latest.at(-1)!.record.epoch, 'the checkpoint and its successors are adopted')
    observeAll()
    c.runTo(14.5 * PERIOD)
    const after = c.events[0].flatMap((e) => (e.type === 'certified' ? [e.certificate] : []))
    assert.ok(after.length >= 3, `certified ${after.length} epochs after the restart`)
    const peerRecords = new Map(c.events[1].flatMap((e) => (e.type === 'certified' ? [[e.certificate.record.epoch, recordDigest(e.certificate.record)] as const] : [])))
    for (const cert of after) {
      assert.deepEqual(recordDigest(cert.record), peerRecords.get(cert.record.epoch), `epoch ${cert.record.epoch} matches a peer that never restarted`)
    }
    const first = after[0].record
    assert.deepEqual(first.previousRecordDigest, recordDigest(before.at(-1)!.record), 'the chain continues from the restored head, not from genesis')
  })

  test('a certificate offered by sync that neither links to the chain nor comes from restore is not adopted', () => {
    const c = cluster(4)
    for (const [i, e] of c.engines.entries()) e.observe('price', Float64Array.of(100 + i * 0.01))
    c.runTo(6.5 * PERIOD)
    const certs = c.events[0].flatMap((e) => (e.type === 'certified' ? [e.certificate] : []))
    const fresh = c.restart(0)
    const resp = encodeProtocolResponse({ kind: 'certificates', certificates: certs.slice(-2) })
    fresh.onResponse(12345, c.keys[1], resp, 6.6 * PERIOD)
    assert.equal(fresh.status().lastCertifiedEpoch, undefined, 'an unsolicited mid-chain certificate from a peer is no checkpoint')
  })

  test('bad bytes are rejected with a typed reason and a penalty for the forwarder; unknown topics are ignored', () => {
    const c = cluster(4)
    const e = c.engines[0]
    const verdict = e.receive(c.keys[1], e.topics.proposals, new Uint8Array([1, 2, 3]))
    assert.equal(verdict.action, 'reject')
    assert.equal(verdict.reason, 'malformed')
    assert.ok(c.events[0].some((ev) => ev.type === 'penalty' && ev.peer === c.keys[1]))
    assert.equal(e.receive(c.keys[1], '/nope', new Uint8Array(1)).action, 'ignore')
    assert.equal(e.receive(c.keys[1], e.topics.endorsements, new Uint8Array(2000)).action, 'reject')
  })

  test('requests: malformed bytes get an error response; fetches are answered from held proposals', () => {
    const c = cluster(4)
    for (const e of c.engines) e.observe('price', Float64Array.of(100))
    c.runTo(0.2 * PERIOD)
    const bad = decodeProtocolResponse(c.engines[0].handleRequest(c.keys[1], new Uint8Array([0xff, 0xff])))
    assert.equal(bad.kind, 'error')
    const ok = decodeProtocolResponse(c.engines[0].handleRequest(c.keys[1], encodeProtocolRequest({ kind: 'fetch-proposals', epoch: 0, authors: [] })))
    assert.equal(ok.kind, 'proposals')
    assert.equal(ok.kind === 'proposals' && ok.proposals.length, 4)
  })

  test('an unknown feed or a bad signature never enters the mempool', () => {
    const c = cluster(4)
    const client = createEd25519(new Uint8Array(32).fill(9))
    const good = signReport({ feed: 'price', values: Float64Array.of(1), clientKey: client.publicKey, sequence: 1 }, client.sign)
    assert.equal(c.engines[0].submitReport({ ...good, feed: 'other' }).accepted, false)
    const forged = { ...good, values: Float64Array.of(2) }
    const verdict = c.engines[0].submitReport(forged)
    assert.equal(verdict.accepted, false)
    assert.equal(c.engines[0].status().mempoolDepth, 0)
  })

  test('a node that was down for epochs 0-3 syncs the certified chain from a peer and certifies again', () => {
    // Five nodes: the four online ones hold a quorum (4 of 5) without the fifth.
    const c = cluster(5, [0, 0, 0, 0, 4 * PERIOD])
    for (const e of c.engines) e.observe('price', Float64Array.of(100))
    c.runTo(7.6 * PERIOD)
    const late = c.events[4].filter((e) => e.type === 'certified').map((e) => (e.type === 'certified' ? e.certificate.record.epoch : -1))
    for (const epoch of [0, 1, 2, 3, 5, 6]) assert.ok(late.includes(epoch), `restarted node has epoch ${epoch}: ${late.join(',')}`)
    assert.ok((c.engines[4].status().lastCertifiedEpoch ?? -1) >= 6)
  })

  test('a node behind its clock ignores messages it cannot judge yet; only messages ahead of its clock are penalised', () => {
    const c = cluster(4)
    for (const e of c.engines) e.observe('price', Float64Array.of(100))
    c.runTo(5.5 * PERIOD)
    const epoch5 = c.published.filter((m) => m.from === 0 && m.at >= 5 * PERIOD)
    assert.ok(epoch5.length > 0, 'node 0 gossiped in epoch 5')
    // A restarted node that has not ticked yet (still syncing): its progress is epoch 0, its clock says epoch 5.
    const fresh = c.restart(3)
    for (const m of epoch5) {
      const verdict = fresh.receive(c.keys[0], m.topic, m.data, 5.6 * PERIOD)
      assert.notEqual(verdict.action, 'reject', `${m.topic}: ${JSON.stringify(verdict)}`)
    }
    assert.equal(c.events[3].filter((e) => e.type === 'penalty').length, 0, 'no honest peer charged')
    // The same bytes against a clock at epoch 2: epoch 5 is beyond any honest clock skew, so the forwarder is charged.
    const skewed = c.restart(3)
    const verdict = skewed.receive(c.keys[0], epoch5[0].topic, epoch5[0].data, 2.5 * PERIOD)
    assert.deepEqual([verdict.action, verdict.reason], ['reject', 'wrong-epoch'])
    assert.ok(c.events[3].some((e) => e.type === 'penalty' && e.peer === c.keys[0]))
  })

  test('a member that missed epochs and lost its seat regains it once it proposes again', () => {
    // Node 4 is down for epochs 0-3, so records 0-3 leave it out and it has no seat from epoch 1 on. Members'
    // proposals alone complete the others' views, so only waiting for last epoch's proposers lets it back in.
    const c = cluster(5, [0, 0, 0, 0, 4 * PERIOD])
    for (const e of c.engines) e.observe('price', Float64Array.of(100))
    c.runTo(3.9 * PERIOD)
    assert.equal(c.engines[0].status().committeeSize, 4, 'the absent member lost its seat')
    c.runTo(9.9 * PERIOD)
    const last = c.events[0].flatMap((e) => (e.type === 'certified' ? [e.certificate] : [])).at(-1)!
    assert.ok(last.record.epoch >= 8, `still certifying (last ${last.record.epoch})`)
    assert.equal(last.committee.length, 5, `epoch ${last.record.epoch} is certified by all five again`)
    for (const engine of c.engines) assert.equal(engine.status().committeeSize, 5)
  })

  test('a view without a quorum of committee proposals is not endorsed, so an empty record never empties the committee', () => {
    // The first epochs pass before any node has an observation (a node started under load), so nobody proposes.
    // Certifying that empty view would seat an empty committee, and no later epoch could ever certify.
    const c = cluster(4)
    c.runTo(1.5 * PERIOD)
    for (const e of c.engines) e.observe('price', Float64Array.of(100))
    c.runTo(8.9 * PERIOD)
    for (const events of c.events) {
      const withheld = events.flatMap((e) => (e.type === 'withheld' ? [e] : []))
      assert.deepEqual(withheld[0], { type: 'withheld', epoch: 0, members: 0, needed: 3 }, 'the empty view of epoch 0 is withheld')
      const certified = events.flatMap((e) => (e.type === 'certified' ? [e.certificate] : []))
      for (const cert of certified) assert.ok(cert.record.includedAuthors.length >= 3, `epoch ${cert.record.epoch} certified a thin record`)
      assert.ok((certified.at(-1)?.record.epoch ?? -1) >= 7, `still certifying (last ${certified.at(-1)?.record.epoch})`)
      assert.equal(certified.at(-1)!.committee.length, 4)
    }
  })

  test('random bytes on every inbound path never throw: gossip gets ignore/reject, requests an error response', () => {
    const c = cluster(4)
    for (const e of c.engines) e.observe('price', Float64Array.of(100))
    c.runTo(0.3 * PERIOD)
    const e = c.engines[0]
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom(e.topics.proposals, e.topics.endorsements, e.topics.agreement), (bytes, topic) => {
        const verdict = e.receive(c.keys[2], topic, bytes)
        assert.notEqual(verdict.action, 'accept')
        const response = decodeProtocolResponse(e.handleRequest(c.keys[2], bytes))
        assert.ok(['error', 'proposals', 'certificates'].includes(response.kind))
        e.onResponse(12345, c.keys[2], bytes)
      }),
      { numRuns: 300 },
    )
  })
})
