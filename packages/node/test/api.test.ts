import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { type ApiServer, startApiServer } from '../src/api/index.js'
import { type EpochSummary, NodeStore } from '../src/store/index.js'
import { FakeBackend } from './api-fixture.js'
import { tempDir } from './helpers-tmp.js'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  raw: Buffer
}

function call(base: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(base)
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const raw = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString('utf8'), raw })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

const json = (reply: Reply): Record<string, unknown> => JSON.parse(reply.body)

function summary(epoch: number, approximate = false): EpochSummary {
  return {
    epoch,
    approximate,
    feeds: [
      { feed: 'eth-usd', values: [3000 + epoch], temperature: 1, entropyBits: 2, freeEnergy: -1, nEff: 4 },
      { feed: 'btc-usd', values: [60000], temperature: 3, entropyBits: 1.5, freeEnergy: -2, nEff: 3 },
    ],
    includedAuthors: 4,
    reportCount: 0,
    nextDifficulty: 8,
    recordDigest: '00'.repeat(32),
    endorsements: approximate ? 0 : 3,
    committeeSize: 4,
    latencyMs: 300,
    finalizedAt: 1,
  }
}

const validReport = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ feed: 'eth-usd', values: [3001.5], clientKey: '11'.repeat(32), sequence: 1, signature: '22'.repeat(64), ...over })

describe('HTTP API on 127.0.0.1', () => {
  const tmp = tempDir('api')
  let store: NodeStore
  let backend: FakeBackend
  let server: ApiServer

  before(async () => {
    store = await NodeStore.open(tmp.dir, { create: true })
    backend = new FakeBackend(store)
    server = await startApiServer(backend, { host: '127.0.0.1', port: 0, maxBodyBytes: 4096, keepaliveMs: 50, maxEventClients: 2 })
  })
  after(async () => {
    await server.close()
    await store.close()
    tmp.cleanup()
  })

  test('GET /v1/status', async () => {
    const reply = await call(server.url, 'GET', '/v1/status')
    assert.equal(reply.status, 200)
    assert.equal(json(reply).network, 'local')
    assert.equal((json(reply).engine as { epoch: number }).epoch, 7)
  })

  test('epochs: 404 before any, then by number and latest; bad numbers are 400', async () => {
    assert.equal((await call(server.url, 'GET', '/v1/epochs/latest')).status, 404)
    for (const epoch of [5, 6]) {
      const s = summary(epoch, epoch === 6)
      backend.metrics.onEpoch(s)
      await store.saveEpoch({ summary: s, bytes: Uint8Array.of(0xca, epoch) })
    }
    const latest = await call(server.url, 'GET', '/v1/epochs/latest')
    assert.equal(latest.status, 200)
    assert.equal(json(latest).epoch, 6)
    assert.deepEqual(json(await call(server.url, 'GET', '/v1/epochs/5')), summary(5))
    assert.equal((await call(server.url, 'GET', '/v1/epochs/4')).status, 404)
    for (const bad of ['-1', 'abc', '1e3', '99999999999999999', '%ff']) {
      const reply = await call(server.url, 'GET', `/v1/epochs/${bad}`)
      assert.equal(reply.status, 400, bad)
      assert.equal(typeof json(reply).error, 'string')
    }
  })

  test('certificates as JSON hex and raw bytes; approximate epochs have none', async () => {
    const asJson = await call(server.url, 'GET', '/v1/certificates/5')
    assert.equal(asJson.status, 200)
    assert.equal(json(asJson).certificate, 'ca05')
    const raw = await call(server.url, 'GET', '/v1/certificates/5', undefined, { accept: 'application/octet-stream' })
    assert.equal(raw.headers['content-type'], 'application/octet-stream')
    assert.equal(raw.raw.toString('hex'), 'ca05')
    assert.match(json(await call(server.url, 'GET', '/v1/certificates/6')).error as string, /approximate/)
    assert.equal((await call(server.url, 'GET', '/v1/certificates/40')).status, 404)
  })

  test('feeds: recent points newest first, limit, unknown feed', async () => {
    const reply = await call(server.url, 'GET', '/v1/feeds/eth-usd?limit=1')
    assert.equal(reply.status, 200)
    const points = json(reply).points as Array<{ epoch: number; values: number[] }>
    assert.deepEqual(
      points.map((p) => [p.epoch, p.values[0]]),
      [[6, 3006]],
    )
    assert.equal((json(await call(server.url, 'GET', '/v1/feeds/eth-usd')).points as unknown[]).length, 2)
    assert.equal((await call(server.url, 'GET', '/v1/feeds/nope')).status, 404)
    assert.equal((await call(server.url, 'GET', '/v1/feeds/eth-usd?limit=0')).status, 400)
  })

  test('reports: 202 then pending; 400 for bad input; 413 oversize; 429 when the mempool is full', async () => {
    const accepted = await call(server.url, 'POST', '/v1/reports', validReport(), { 'content-type': 'application/json' })
    assert.equal(accepted.status, 202, accepted.body)
    const id = json(accepted).id as string
    const state = await call(server.url, 'GET', `/v1/reports/${id}`)
    assert.equal(state.status, 200)
    assert.equal(json(state).status, 'pending')

    const bad: Array<[string, RegExp]> = [
      ['{not json', /not valid JSON/],
      ['[]', /JSON object/],
      [validReport({ feed: 'UPPER' }), /feed/],
      [validReport({ feed: 'sol-usd' }), /unknown feed/],
      [validReport({ values: [] }), /values/],
      [validReport({ values: ['1'] }), /finite/],
      [validReport({ values: undefined, value: 5, sequence: -1 }), /sequence/],
      [validReport({ clientKey: 'zz' }), /clientKey/],
      [validReport({ signature: '00'.repeat(64) }), /bad-signature/],
    ]
    for (const [body, reason] of bad) {
      const reply = await call(server.url, 'POST', '/v1/reports', body)
      assert.equal(reply.status, 400, body)
      assert.match(json(reply).error as string, reason)
    }
    const oversize = await call(server.url, 'POST', '/v1/reports', Buffer.alloc(10_000, 0x20))
    assert.equal(oversize.status, 413)

    while (backend.mempool.length < backend.mempoolCapacity) {
      assert.equal((await call(server.url, 'POST', '/v1/reports', validReport())).status, 202)
    }
    const full = await call(server.url, 'POST', '/v1/reports', validReport())
    assert.equal(full.status, 429)
    assert.match(json(full).error as string, /mempool full/)

    assert.equal((await call(server.url, 'GET', '/v1/reports/unknown')).status, 404)
    assert.equal((await call(server.url, 'GET', '/v1/reports/a.b')).status, 400)
  })

  test('unknown routes are 404, wrong methods 405', async () => {
    assert.equal((await call(server.url, 'GET', '/v2/nothing')).status, 404)
    assert.equal((await call(server.url, 'DELETE', '/v1/status')).status, 405)
    assert.equal((await call(server.url, 'GET', '/v1/reports')).status, 405)
  })

  test('GET /metrics is Prometheus text with the node gauges', async () => {
    const reply = await call(server.url, 'GET', '/metrics')
    assert.equal(reply.status, 200)
    assert.match(reply.headers['content-type'] as string, /text\/plain/)
    assert.match(reply.body, /thermotruth_epochs_total\{kind="certified"\} 1/)
    assert.match(reply.body, /thermotruth_epochs_total\{kind="approximate"\} 1/)
    assert.match(reply.body, /thermotruth_temperature\{feed="btc-usd"\} 3/)
    assert.match(reply.body, /thermotruth_mempool_depth \d/)
    assert.match(reply.body, /thermotruth_finality_latency_seconds_count 2/)
    assert.match(reply.body, /thermotruth_joules_spent\{kind="ticket"\} 0.5/)
  })

  test('GET /v1/events streams epoch and peer events with keepalives, and limits streams', async () => {
    const url = new URL(server.url)
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/events' }, (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream')
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8')
          if (text.includes(': connected') && !text.includes('event: epoch')) {
            backend.events.dispatchEvent(new CustomEvent('epoch', { detail: { epoch: 9 } }))
            backend.events.dispatchEvent(new CustomEvent('peer', { detail: { peerId: 'p', event: 'ticketed' } }))
          }
          if (text.includes('event: peer') && text.includes(': keepalive')) {
            req.destroy()
            resolve(text)
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    assert.match(received, /event: epoch\ndata: \{"epoch":9\}\n\n/)
    assert.match(received, /event: peer\ndata: \{"peerId":"p","event":"ticketed"\}/)
  })

  test('fuzz: arbitrary methods, paths and bodies never get a 5xx', async () => {
    const segment = fc.oneof(fc.constantFrom('v1', 'status', 'epochs', 'latest', 'feeds', 'eth-usd', 'reports', 'certificates', 'events', '%', '..', '%00'), fc.string({ maxLength: 12 }))
    const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.map((p) => encodeURIComponent(p).replace(/%25/g, '%')).join('/')}`)
    const body = fc.oneof(fc.string({ maxLength: 300 }), fc.json().map((j) => j), fc.constant(validReport()), fc.constant(validReport({ values: [1e308, -0] })))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'), path, body, async (method, p, b) => {
        if (p === '/v1/events') return
        const reply = await call(server.url, method, p, method === 'GET' || method === 'HEAD' ? undefined : b)
        assert.ok(reply.status >= 200 && reply.status < 500, `${method} ${p} -> ${reply.status} ${reply.body}`)
      }),
      { numRuns: 300 },
    )
    // Raw garbage on the socket is a 400, and the server keeps serving.
    const { connect } = await import('node:net')
    const url = new URL(server.url)
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('\x00\x01GARBAGE /// HTTP/9\r\n\r\n'))
      let text = ''
      socket.on('data', (d) => {
        text += d.toString('latin1')
      })
      socket.on('close', () => resolve(text))
    })
    assert.match(raw, /400 Bad Request/)
    assert.equal((await call(server.url, 'GET', '/v1/status')).status, 200)
  })

  test('a port in use is a one-line "pick another with --api-port" error', async () => {
    await assert.rejects(startApiServer(backend, { host: '127.0.0.1', port: server.port }), /^ApiStartError: port \d+ is in use; pick another with --api-port$/)
  })
})
