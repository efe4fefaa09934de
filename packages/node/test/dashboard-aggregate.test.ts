import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type SseMessage, SseParser } from '../src/swarm/aggregate-feed.js'
import { AggregateState, HISTORY_EPOCHS, type SwarmEvent } from '../src/swarm/aggregate-state.js'
import { startAggregateDashboard, transferTotals } from '../src/swarm/aggregate.js'

const epochEvent = (epoch: number, temperature: number) =>
  JSON.stringify({ epoch, approximate: false, feeds: [{ feed: 'eth-usd', temperature, entropyBits: 2, nEff: 4 }], nextDifficulty: 8, latencyMs: 120, endorsements: 4, committeeSize: 4, temperatureThreshold: 2, joulesSpent: 0.5, peers: [{}, {}, {}] })

function newState() {
  const published: SwarmEvent[] = []
  const nodes = [0, 1, 2].map((node) => ({ node, apiUrl: `http://127.0.0.1:${9000 + node}`, byzantine: node < 1, connected: false }))
  return { state: new AggregateState(nodes, { attack: 'bias', byzantine: 1 }, (e) => published.push(e)), published }
}

describe('aggregate dashboard: SSE parsing', () => {
  test('messages come out whole whatever the chunking, comments and keepalives are skipped', () => {
    const stream = ': connected\n\nevent: epoch\ndata: {"epoch":1}\n\n: keepalive\n\nevent: eviction\ndata: {"a":\ndata: 2}\n\nevent: peer\r\ndata: x\r\n\r\n'
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }), (cuts) => {
        const parser = new SseParser()
        const out: SseMessage[] = []
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), stream.length]
        for (let i = 1; i < points.length; i++) parser.push(stream.slice(points[i - 1], points[i]), (m) => out.push(m))
        assert.deepEqual(out, [
          { event: 'epoch', data: '{"epoch":1}' },
          { event: 'eviction', data: '{"a":\n2}' },
          { event: 'peer', data: 'x' },
        ])
      }),
    )
  })
})

describe('aggregate dashboard: state', () => {
  test('epoch events become compact node points carrying the threshold; malformed ones are dropped', () => {
    const { state, published } = newState()
    assert.equal(state.onNodeMessage(2, 'epoch', epochEvent(7, 3.5)), 7)
    assert.equal(state.onNodeMessage(2, 'epoch', '{not json'), undefined)
    assert.equal(state.onNodeMessage(2, 'epoch', '{"epoch":"x"}'), undefined)
    assert.equal(published.length, 1)
    const point = published[0]
    assert.equal(point.type, 'epoch')
    if (point.type !== 'epoch') return
    assert.deepEqual(point.data, { node: 2, epoch: 7, approximate: false, feeds: [{ feed: 'eth-usd', temperature: 3.5, entropyBits: 2, nEff: 4 }], difficulty: 8, latencyMs: 120, joules: 0.5, endorsements: 4, committeeSize: 4, peers: 3, threshold: 2 })
    const snap = state.snapshot()
    assert.equal(snap.threshold, 2)
    assert.deepEqual(snap.feeds, ['eth-usd'])
    assert.equal(snap.nodes.filter((n) => n.byzantine).length, 1)
  })

  test('an eviction every honest node reports is drawn once', () => {
    const { state, published } = newState()
    const eviction = JSON.stringify({ epoch: 12, author: 'ab'.repeat(32), untilEpoch: 22, reputation: 0.1 })
    for (const node of [1, 2, 0]) state.onNodeMessage(node, 'eviction', eviction)
    state.onNodeMessage(1, 'eviction', JSON.stringify({ epoch: 30, author: 'ab'.repeat(32), untilEpoch: 40, reputation: 0.1 }))
    assert.deepEqual(
      published.map((e) => (e.type === 'eviction' ? [e.data.node, e.data.epoch] : e.type)),
      [
        [1, 12],
        [1, 30],
      ],
    )
  })

  test('bytes per epoch: the per-node mean of the swarm-wide difference between two reads', () => {
    const { state, published } = newState()
    const stats = (meshsub: number, kad: number) =>
      [0, 1, 2].map((node) => ({ node, bytes: { '/meshsub/1.2.0': { sent: meshsub, received: meshsub }, '/kad/1.0.0': { sent: kad, received: 0 }, global: { sent: 1e9, received: 1e9 } }, connections: 1, peers: 1, meshPeers: 1, dhtPeers: 1, messagesSent: 0, proposalBytes: 0 }))
    state.onTransferTotals(5, transferTotals(stats(100, 10)))
    assert.equal(published.length, 0, 'the first read is the baseline')
    state.onTransferTotals(6, transferTotals(stats(400, 10)))
    assert.deepEqual(published, [{ type: 'bytes', data: { epoch: 6, byProtocol: { '/meshsub/1.2.0': 600, '/kad/1.0.0': 0 } } }])
  })

  test('history stays bounded over a long run, newest kept', () => {
    const { state } = newState()
    for (let epoch = 0; epoch < HISTORY_EPOCHS * 2; epoch++) for (const node of [0, 1, 2]) state.onNodeMessage(node, 'epoch', epochEvent(epoch, 1))
    const { history } = state.snapshot()
    assert.ok(history.length <= HISTORY_EPOCHS * 5, `history holds ${history.length} events`)
    const last = history.at(-1)
    assert.ok(last?.type === 'epoch' && last.data.epoch === HISTORY_EPOCHS * 2 - 1)
  })

  test('stream state changes are published once per change', () => {
    const { state, published } = newState()
    state.onNodeState(1, true)
    state.onNodeState(1, true)
    state.onNodeState(1, false)
    state.onNodeState(9, true)
    assert.deepEqual(published, [
      { type: 'node', data: { node: 1, connected: true } },
      { type: 'node', data: { node: 1, connected: false } },
    ])
  })
})

describe('aggregate dashboard: server', () => {
  test('serves the page, the snapshot and 404s; a busy port is a one-line error', async () => {
    // A node URL nothing listens on: the feed just retries in the background until close.
    const dashboard = await startAggregateDashboard({ port: 0, nodes: [{ node: 0, apiUrl: 'http://127.0.0.1:9' }], byzantine: 0 })
    try {
      const page = await fetch(dashboard.url)
      assert.equal(page.status, 200)
      assert.match(await page.text(), /<script type="module" src="\/dashboard\/swarm.js">/)
      const snapshot = (await (await fetch(`${dashboard.url}/v1/swarm`)).json()) as { nodes: Array<{ node: number; connected: boolean }>; history: unknown[] }
      assert.deepEqual(snapshot.nodes, [{ node: 0, apiUrl: 'http://127.0.0.1:9', byzantine: false, connected: false }])
      assert.deepEqual(snapshot.history, [])
      assert.equal((await fetch(`${dashboard.url}/nope`)).status, 404)
      const port = Number(new URL(dashboard.url).port)
      await assert.rejects(startAggregateDashboard({ port, nodes: [], byzantine: 0 }), { message: `dashboard port ${port} is in use; pick another --dashboard-port` })
    } finally {
      await dashboard.close()
    }
  })
})
