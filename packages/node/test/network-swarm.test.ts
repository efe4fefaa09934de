import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { type Libp2pNetwork, NetworkError } from '../src/index.js'
import { record, startTestNetwork, waitFor } from './network-fixtures.js'

const NET = 'swarm-test'
const TOPIC = '/thermotruth/swarm-test/test-topic'
const ECHO = '/thermotruth/swarm-test/reverse/1.0.0'

/** Gossip payloads: first byte 1 = valid, 2 = ignorable, anything else = invalid. */
function validate(_from: string, data: Uint8Array): 'accept' | 'ignore' | 'reject' {
  return data[0] === 1 ? 'accept' : data[0] === 2 ? 'ignore' : 'reject'
}

describe('three real nodes over TCP on 127.0.0.1', () => {
  let boot: Libp2pNetwork
  let a: Libp2pNetwork
  let b: Libp2pNetwork
  const delivered = new Map<string, string[]>()
  let ticketedAtA: Array<{ peerId: string }> = []

  before(async () => {
    boot = await startTestNetwork(NET)
    const peerManager = { lowWatermark: 2, highWatermark: 8, tickIntervalMs: 200 }
    // a and b know only the bootstrap node; they can meet only through its DHT.
    a = await startTestNetwork(NET, { bootstrap: boot.listenAddresses(), peerManager })
    ticketedAtA = record(a, 'peer:ticketed')
    b = await startTestNetwork(NET, { bootstrap: boot.listenAddresses(), peerManager })
    for (const n of [boot, a, b]) {
      const got: string[] = []
      delivered.set(n.peerId, got)
      // `from` is the forwarding peer, not the author: unsigned gossip has no libp2p author (the payload carries it).
      n.subscribe(TOPIC, validate, (from, data) => {
        assert.ok([boot, a, b].some((x) => x.peerId === from && x.peerId !== n.peerId))
        got.push(Buffer.from(data).toString('hex'))
      })
    }
  })

  after(async () => {
    await Promise.all([a?.stop(), b?.stop(), boot?.stop()])
  })

  test('a and b find each other through the bootstrap node’s DHT and exchange valid tickets', async () => {
    await waitFor(() => a.peers().some((p) => p.peerId === b.peerId && p.ticketed), 'a connected to b with b ticketed')
    await waitFor(() => b.peers().some((p) => p.peerId === a.peerId && p.ticketed), 'b sees a ticketed')
    assert.ok(a.peerManager.stats.discoveryDials + b.peerManager.stats.discoveryDials >= 1, 'the connection came from a DHT discovery dial')
    await waitFor(() => ticketedAtA.some((e) => e.peerId === b.peerId), 'peer:ticketed for b at a')
    assert.ok(ticketedAtA.some((e) => e.peerId === boot.peerId), 'peer:ticketed for the bootstrap node')
    const bAtA = a.peers().find((p) => p.peerId === b.peerId)!
    assert.equal(bAtA.author, Buffer.from(b.publicKey).toString('hex'))
    assert.equal(a.peerIdOf(bAtA.author), b.peerId)
  })

  test('gossip delivers accepted messages; rejected ones never reach the app and cost the sender score', async () => {
    await waitFor(() => [boot, a, b].every((n) => n.peers().filter((p) => p.inMesh).length === 2), 'a full mesh of three')
    const expected = '0107'
    const everywhere = () => delivered.get(b.peerId)!.includes(expected) && delivered.get(boot.peerId)!.includes(expected)
    await a.publish(TOPIC, Uint8Array.from([1, 7]))
    await waitFor(everywhere, 'valid message everywhere').catch((err) => {
      throw new Error(`${err.message}; delivered: ${JSON.stringify(Object.fromEntries(delivered))}`)
    })
    // Then an ignorable and an invalid one (after the valid one: a reject lowers a's score at b and boot).
    const rejectedBefore = b.gossip.counters.rejected
    const ignoredBefore = b.gossip.counters.ignored
    await a.publish(TOPIC, Uint8Array.from([2, 2]))
    await a.publish(TOPIC, Uint8Array.from([9, 9]))
    await waitFor(() => b.gossip.counters.rejected > rejectedBefore, 'b rejected the invalid message')
    await waitFor(() => b.gossip.counters.ignored > ignoredBefore, 'b ignored the ignorable message')
    for (const n of [boot, b]) {
      assert.deepEqual(delivered.get(n.peerId), [expected], 'only the valid message reached the application')
    }
    assert.deepEqual(delivered.get(a.peerId), [], 'no self-delivery')
    const verdicts = await b.metrics.getSingleMetric('thermotruth_net_gossip_verdicts_total')?.get()
    const count = (verdict: string) => verdicts?.values.find((v) => v.labels.verdict === verdict)?.value ?? 0
    assert.ok(count('accept') >= 1 && count('ignore') >= 1 && count('reject') >= 1, 'verdicts exported as metrics')
    // P4: b charged a for the invalid delivery (after the next score refresh).
    await waitFor(() => (b.peers().find((p) => p.peerId === a.peerId)?.gossipScore ?? 0) < 0, 'a’s gossip score at b below zero')
  })

  test('the application score (P5) moves the gossip score', async () => {
    const before = boot.peers().find((p) => p.peerId === b.peerId)!.gossipScore
    boot.setApplicationScore(b.peerId, -40)
    await waitFor(() => boot.peers().find((p) => p.peerId === b.peerId)!.gossipScore <= before - 39, 'b’s score at boot lowered by ~40')
    assert.throws(() => boot.setApplicationScore(b.peerId, Number.NaN), NetworkError)
  })

  test('request/response works, and bad requests are errors for the caller only', async () => {
    await b.handle(
      ECHO,
      async (from, req) => {
        if (req[0] === 0xff) throw new Error('handler refuses')
        assert.equal(from, a.peerId)
        return Uint8Array.from(req).reverse()
      },
      64,
    )
    const opts = { timeoutMs: 5000, maxResponseBytes: 64 }
    assert.deepEqual([...(await a.request(b.peerId, ECHO, Uint8Array.from([1, 2, 3]), opts))], [3, 2, 1])

    const failures: Array<[() => Promise<unknown>, string]> = [
      [() => a.request(b.peerId, ECHO, new Uint8Array(65), opts), 'REQUEST_FAILED'],
      [() => a.request(b.peerId, ECHO, new Uint8Array(10), { ...opts, maxResponseBytes: 4 }), 'RESPONSE_TOO_LARGE'],
      [() => a.request(b.peerId, ECHO, Uint8Array.from([0xff]), opts), 'REQUEST_FAILED'],
      [() => a.request(b.peerId, '/thermotruth/swarm-test/nobody/1.0.0', Uint8Array.from([1]), opts), 'DIAL_FAILED'],
      [() => a.request('not-a-peer', ECHO, Uint8Array.from([1]), opts), 'INVALID_PEER_ID'],
    ]
    for (const [request, code] of failures) {
      await assert.rejects(request(), (err: unknown) => err instanceof NetworkError && err.code === code, code)
    }
    // b survived all of it, and serves concurrent requests.
    const replies = await Promise.all([1, 2, 3, 4, 5].map((i) => a.request(b.peerId, ECHO, Uint8Array.from([1, i]), opts)))
    assert.deepEqual(
      replies.map((r) => [...r]),
      [1, 2, 3, 4, 5].map((i) => [i, 1]),
    )
    assert.deepEqual([...(await a.request(b.peerId, ECHO, Uint8Array.from([4, 5]), opts))], [5, 4])
    await assert.rejects(b.handle('/x/1.0.0', async () => new Uint8Array(), 0), NetworkError)
  })
})
