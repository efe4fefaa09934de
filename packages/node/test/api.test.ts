import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { startApiServer } from '../src/api/index.js'
import { type ApiNode, newClient, reportBody, startApiNode } from './api-node.js'
import { waitFor } from './node-fixtures.js'

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
const post = (base: string, body: unknown) => call(base, 'POST', '/v1/reports', typeof body === 'string' ? body : JSON.stringify(body))

describe('HTTP API of a real node on 127.0.0.1', () => {
  let api: ApiNode
  let base = ''

  before(async () => {
    api = await startApiNode(3)
    base = api.url
    await waitFor(() => api.epochs.filter((e) => !e.approximate).length >= 2, 'two certified epochs', 30_000)
  })
  after(async () => {
    await api.close()
  })

  test('GET /v1/status', async () => {
    const reply = await call(base, 'GET', '/v1/status')
    assert.equal(reply.status, 200)
    const status = json(reply)
    assert.equal(status.network, 'local')
    assert.equal(status.peerId, api.node.network.peerId)
    assert.deepEqual(status.feeds, ['eth-usd'])
    assert.equal(typeof (status.engine as { epoch: number }).epoch, 'number')
  })

  test('epochs by number and latest; missing is 404, bad numbers are 400', async () => {
    const certified = api.epochs.find((e) => !e.approximate)!
    const byNumber = await call(base, 'GET', `/v1/epochs/${certified.epoch}`)
    assert.equal(byNumber.status, 200)
    assert.deepEqual(json(byNumber), certified)
    const latest = json(await call(base, 'GET', '/v1/epochs/latest'))
    assert.ok((latest.epoch as number) >= certified.epoch)
    assert.equal((await call(base, 'GET', '/v1/epochs/3')).status, 404)
    for (const bad of ['-1', 'abc', '1e3', '99999999999999999', '%ff']) {
      const reply = await call(base, 'GET', `/v1/epochs/${bad}`)
      assert.equal(reply.status, 400, bad)
      assert.equal(typeof json(reply).error, 'string')
    }
  })

  test('certificates as JSON hex and raw bytes, matching the store', async () => {
    const certified = api.epochs.find((e) => !e.approximate)!
    const stored = await api.node.store.getEpoch(certified.epoch)
    const asJson = await call(base, 'GET', `/v1/certificates/${certified.epoch}`)
    assert.equal(asJson.status, 200)
    assert.equal(json(asJson).certificate, Buffer.from(stored!.bytes).toString('hex'))
    const raw = await call(base, 'GET', `/v1/certificates/${certified.epoch}`, undefined, { accept: 'application/octet-stream' })
    assert.equal(raw.headers['content-type'], 'application/octet-stream')
    assert.deepEqual(new Uint8Array(raw.raw), stored!.bytes)
    assert.equal((await call(base, 'GET', '/v1/certificates/5')).status, 404)
  })

  test('feeds: recent points newest first, limit, unknown feed', async () => {
    const reply = await call(base, 'GET', '/v1/feeds/eth-usd?limit=2')
    assert.equal(reply.status, 200)
    const points = json(reply).points as Array<{ epoch: number; values: number[] }>
    assert.equal(points.length, 2)
    assert.ok(points[0].epoch > points[1].epoch)
    assert.ok(Math.abs(points[0].values[0] - 3000) < 100)
    assert.equal((await call(base, 'GET', '/v1/feeds/nope')).status, 404)
    assert.equal((await call(base, 'GET', '/v1/feeds/eth-usd?limit=0')).status, 400)
  })

  test('reports: 202 then pending, later finalized in an epoch; bad input 400; oversize 413', async () => {
    const accepted = await post(base, reportBody(newClient(), 3001.5, 1))
    assert.equal(accepted.status, 202, accepted.body)
    const id = json(accepted).id as string
    assert.match(id, /^[0-9a-f]{64}$/)
    let state = json(await call(base, 'GET', `/v1/reports/${id}`))
    assert.ok(state.status === 'pending' || state.status === 'finalized')
    const deadline = Date.now() + 20_000
    while (state.status === 'pending' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      state = json(await call(base, 'GET', `/v1/reports/${id}`))
    }
    assert.equal(state.status, 'finalized', JSON.stringify(state))
    assert.equal(typeof state.epoch, 'number')

    const client = newClient()
    const good = reportBody(client, 1, 5)
    const bad: Array<[string | Record<string, unknown>, RegExp]> = [
      ['{not json', /not valid JSON/],
      ['[]', /JSON object/],
      [{ ...good, feed: 'UPPER' }, /feed/],
      [reportBody(client, 1, 6, 'sol-usd'), /unknown feed/],
      [{ ...good, values: [] }, /values/],
      [{ ...good, values: ['1'] }, /finite/],
      [{ ...good, sequence: -1 }, /sequence/],
      [{ ...good, clientKey: 'zz' }, /clientKey/],
      [{ ...good, values: [2] }, /signature/],
    ]
    for (const [body, reason] of bad) {
      const reply = await post(base, body)
      assert.equal(reply.status, 400, JSON.stringify(body))
      assert.match(json(reply).error as string, reason)
    }
    assert.equal((await post(base, ' '.repeat(70_000))).status, 413)
    assert.equal((await call(base, 'GET', '/v1/reports/unknown')).status, 404)
    assert.equal((await call(base, 'GET', '/v1/reports/a.b')).status, 400)
  })

  test('a full mempool answers 429', async () => {
    // Capacity 3: a burst of 12 from distinct clients overflows it before the next proposal drains it.
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => post(base, reportBody(newClient(), 10 + i, 1))))
    const codes = replies.map((r) => r.status)
    assert.ok(codes.includes(202), codes.join(','))
    const full = replies.find((r) => r.status === 429)
    assert.ok(full, `expected a 429 among ${codes.join(',')}`)
    assert.match(json(full).error as string, /mempool-full|client-quota/)
    assert.ok(codes.every((c) => c === 202 || c === 429))
  })

  test('unknown routes are 404, wrong methods 405', async () => {
    assert.equal((await call(base, 'GET', '/v2/nothing')).status, 404)
    assert.equal((await call(base, 'DELETE', '/v1/status')).status, 405)
    assert.equal((await call(base, 'GET', '/v1/reports')).status, 405)
  })

  test('GET /metrics merges libp2p byte counters and the node gauges', async () => {
    const reply = await call(base, 'GET', '/metrics')
    assert.equal(reply.status, 200)
    assert.match(reply.headers['content-type'] as string, /text\/plain/)
    assert.match(reply.body, /# TYPE libp2p_data_transfer_bytes_total counter/, 'libp2p per-protocol byte counters share the registry')
    assert.match(reply.body, /libp2p_noise_/)
    const certified = Number(/thermotruth_epochs_total\{kind="certified"\} (\d+)/.exec(reply.body)?.[1])
    assert.ok(certified >= 2)
    assert.match(reply.body, /thermotruth_temperature\{feed="eth-usd"\} /)
    assert.match(reply.body, /thermotruth_mempool_depth \d/)
    assert.match(reply.body, /thermotruth_finality_latency_seconds_count [1-9]/)
    assert.match(reply.body, /thermotruth_joules_spent_total\{kind="ticket"\} /)
    assert.match(reply.body, /thermotruth_peers\{band="neutral",ticketed="true"\} 0/)
  })

  test('GET /v1/events streams the next finalized epoch', async () => {
    const url = new URL(base)
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/events' }, (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream')
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8')
          if (/event: epoch\ndata: \{.*\}\n\n/.test(text)) {
            req.destroy()
            resolve(text)
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    const data = JSON.parse(/event: epoch\ndata: (\{.*\})\n/.exec(received)![1])
    assert.equal(typeof data.epoch, 'number')
    assert.equal(data.feeds[0].feed, 'eth-usd')
  })

  test('fuzz: arbitrary methods, paths and bodies never get a 5xx', async () => {
    const segment = fc.oneof(fc.constantFrom('v1', 'status', 'epochs', 'latest', 'feeds', 'eth-usd', 'reports', 'certificates', 'events', '%', '..', '%00'), fc.string({ maxLength: 12 }))
    const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.map((p) => encodeURIComponent(p).replace(/%25/g, '%')).join('/')}`)
    const client = newClient()
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json(),
      fc.constant(JSON.stringify(reportBody(client, 1, 1))),
      fc.constant(JSON.stringify({ ...reportBody(client, 1, 2), values: [1e308, -0] })),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'), path, body, async (method, p, b) => {
        if (p === '/v1/events') return
        const reply = await call(base, method, p, method === 'GET' || method === 'HEAD' ? undefined : b)
        assert.ok(reply.status >= 200 && reply.status < 500, `${method} ${p} -> ${reply.status} ${reply.body}`)
      }),
      { numRuns: 200 },
    )
    const { connect } = await import('node:net')
    const url = new URL(base)
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('\x00\x01GARBAGE /// HTTP/9\r\n\r\n'))
      let text = ''
      socket.on('data', (d) => {
        text += d.toString('latin1')
      })
      socket.on('close', () => resolve(text))
    })
    assert.match(raw, /400 Bad Request/)
    assert.equal((await call(base, 'GET', '/v1/status')).status, 200)
  })

  test('a port in use is a one-line "pick another with --api-port" error', async () => {
    await assert.rejects(startApiServer(api.node, { host: '127.0.0.1', port: Number(new URL(base).port) }), /^ApiStartError: port \d+ is in use; pick another with --api-port$/)
  })
})
