/**
 * The API's operator features on a real node: HEAD and Allow, /v1/health, /v1/certificates/latest, the served
 * OpenAPI document, SSE ids with Last-Event-ID resume, the report dimension check, and real answers against the
 * response schemas the OpenAPI document publishes.
 */
import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, describe, test } from 'node:test'
import { Ajv } from 'ajv'
import { type RouteDef, routes, sharedSchemas } from '../src/api/index.js'
import { type ApiNode, newClient, reportBody, startApiNode } from './api-node.js'
import { waitFor } from './node-fixtures.js'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function call(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(base)
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

/** Reads an event stream until `done(text)` holds or `ms` pass; returns what arrived. */
function readStream(base: string, path: string, headers: Record<string, string>, done: (text: string) => boolean, ms: number): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base)
    const req = request({ host: url.hostname, port: url.port, path, headers, agent: false }, (res) => {
      let text = ''
      const finish = () => {
        clearTimeout(timer)
        req.destroy()
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text })
      }
      const timer = setTimeout(finish, ms)
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8')
        if (done(text)) finish()
      })
    })
    req.on('error', reject)
    req.end()
  })
}

const json = (reply: Reply) => JSON.parse(reply.body) as Record<string, unknown>

describe('HTTP API operator features on a real node', () => {
  let api: ApiNode
  let base = ''
  const ajv = new Ajv({ strict: false })
  for (const schema of sharedSchemas) ajv.addSchema(schema)
  const routeOf = (method: string, url: string): RouteDef => routes.find((r) => r.method === method && r.url === url)!
  /** Checks a real answer against the schema its route publishes for that status. */
  const conforms = (route: RouteDef, reply: Reply) => {
    const schema = route.schema.response[reply.status]
    assert.ok(schema, `${route.url} documents status ${reply.status}`)
    const validate = ajv.compile(schema)
    assert.ok(validate(JSON.parse(reply.body)), `${route.method} ${route.url} ${reply.status}: ${ajv.errorsText(validate.errors)} in ${reply.body.slice(0, 300)}`)
  }

  before(async () => {
    api = await startApiNode(8)
    base = api.url
    await waitFor(() => api.epochs.filter((e) => !e.approximate).length >= 3, 'three certified epochs', 40_000)
  })
  after(async () => {
    await api?.close()
  })

  test('HEAD answers like GET without a body; a wrong method is 405 with Allow; OPTIONS lists it', async () => {
    const head = await call(base, 'HEAD', '/v1/status')
    assert.equal(head.status, 200)
    assert.equal(head.body, '')
    assert.match(String(head.headers['content-type']), /application\/json/)
    assert.equal((await call(base, 'HEAD', '/v1/health')).status, 200)
    const wrong = await call(base, 'DELETE', '/v1/status')
    assert.equal(wrong.status, 405)
    assert.equal(wrong.headers.allow, 'GET, HEAD, OPTIONS')
    assert.match(json(wrong).error as string, /DELETE not allowed/)
    const getReports = await call(base, 'GET', '/v1/reports')
    assert.equal(getReports.status, 405)
    assert.equal(getReports.headers.allow, 'POST, OPTIONS')
    const options = await call(base, 'OPTIONS', '/v1/epochs/3')
    assert.equal(options.status, 204)
    assert.equal(options.headers.allow, 'GET, HEAD, OPTIONS')
    assert.equal((await call(base, 'GET', '/v1/nothing')).status, 404)
  })

  test('GET /v1/health is 200 ok on a synced, finalizing node', async () => {
    const reply = await call(base, 'GET', '/v1/health')
    assert.equal(reply.status, 200, reply.body)
    const body = json(reply)
    assert.equal(body.status, 'ok')
    assert.equal(body.sync, 'synced')
    assert.ok((body.epochsBehind as number) <= 5)
    conforms(routeOf('GET', '/v1/health'), reply)
  })

  test('GET /v1/certificates/latest is the newest certified epoch, as /v1/certificates/N', async () => {
    const latest = await call(base, 'GET', '/v1/certificates/latest')
    assert.equal(latest.status, 200, latest.body)
    const epoch = json(latest).epoch as number
    const newestCertified = Math.max(...api.epochs.filter((e) => !e.approximate).map((e) => e.epoch))
    assert.ok(epoch >= newestCertified - 1 && epoch <= newestCertified + 2, `latest ${epoch}, recorded ${newestCertified}`)
    const byNumber = await call(base, 'GET', `/v1/certificates/${epoch}`)
    assert.equal(json(byNumber).certificate, json(latest).certificate)
    conforms(routeOf('GET', '/v1/certificates/:epoch'), latest)
  })

  test('answers match the response schemas the OpenAPI document publishes', async () => {
    conforms(routeOf('GET', '/v1/status'), await call(base, 'GET', '/v1/status'))
    conforms(routeOf('GET', '/v1/epochs/:epoch'), await call(base, 'GET', '/v1/epochs/latest'))
    conforms(routeOf('GET', '/v1/epochs/:epoch'), await call(base, 'GET', '/v1/epochs/x'))
    conforms(routeOf('GET', '/v1/epochs/:epoch'), await call(base, 'GET', '/v1/epochs/999999'))
    conforms(routeOf('GET', '/v1/feeds/:feed'), await call(base, 'GET', '/v1/feeds/eth-usd?limit=5'))
    const accepted = await call(base, 'POST', '/v1/reports', JSON.stringify(reportBody(newClient(), 3000, 1)), { 'content-type': 'application/json' })
    assert.equal(accepted.status, 202, accepted.body)
    conforms(routeOf('POST', '/v1/reports'), accepted)
    conforms(routeOf('GET', '/v1/reports/:id'), await call(base, 'GET', `/v1/reports/${json(accepted).id}`))
  })

  test('GET /v1/openapi.json serves the OpenAPI 3.1 document of every route', async () => {
    const reply = await call(base, 'GET', '/v1/openapi.json')
    assert.equal(reply.status, 200)
    const doc = json(reply) as { openapi: string; paths: Record<string, unknown> }
    assert.equal(doc.openapi, '3.1.0')
    assert.equal(Object.keys(doc.paths).length, new Set(routes.map((r) => r.url)).size)
  })

  test('a report whose dimension differs from the feed is refused with 400, not accepted and dropped', async () => {
    const client = newClient()
    const good = reportBody(client, 3000, 1)
    const reply = await call(base, 'POST', '/v1/reports', JSON.stringify({ ...good, values: [3000, 3001] }))
    assert.equal(reply.status, 400, reply.body)
    assert.match(json(reply).error as string, /feed 'eth-usd' takes 1 value per report, got 2/)
    // The right dimension still goes through.
    assert.equal((await call(base, 'POST', '/v1/reports', JSON.stringify(good))).status, 202)
  })

  test('SSE: retry and an id per epoch event; Last-Event-ID replays the stored epochs after it, in order', async () => {
    const live = await readStream(base, '/v1/events', {}, (text) => /id: \d+\nevent: epoch\n/.test(text), 15_000)
    assert.equal(live.status, 200)
    assert.equal(live.type, 'text/event-stream')
    assert.match(live.text, /^retry: \d+\n/)
    const liveId = Number(/id: (\d+)\nevent: epoch\ndata: (\{.*\})\n/.exec(live.text)![1])
    assert.equal(JSON.parse(/id: \d+\nevent: epoch\ndata: (\{.*\})\n/.exec(live.text)![1]).epoch, liveId)

    const stored = (await api.node.store.recentSummaries(50)).map((s) => s.epoch).sort((a, b) => a - b)
    assert.ok(stored.length >= 3)
    const from = stored[stored.length - 3]
    const expected = stored.filter((e) => e > from)
    const resumed = await readStream(base, '/v1/events', { 'last-event-id': String(from) }, (text) => expected.every((e) => text.includes(`id: ${e}\n`)), 10_000)
    const ids = [...resumed.text.matchAll(/id: (\d+)\nevent: epoch\n/g)].map((m) => Number(m[1]))
    assert.deepEqual(ids.slice(0, expected.length), expected, 'the missed epochs first, oldest first')
    assert.ok(!ids.includes(from), 'nothing at or before Last-Event-ID')
    // The query form, for clients that cannot set headers.
    const byQuery = await readStream(base, `/v1/events?lastEventId=${from}`, {}, (text) => text.includes(`id: ${expected[0]}\n`), 10_000)
    assert.match(byQuery.text, new RegExp(`id: ${expected[0]}\\nevent: epoch\\n`))
  })
})
