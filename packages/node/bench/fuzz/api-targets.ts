/**
 * Fuzz targets for the HTTP API, sent over 127.0.0.1 to a real node's server: every route's path segments, query
 * and body, random methods and paths, and raw bytes on a bare TCP socket (malformed HTTP). The property the API
 * promises: bad input is a 4xx carrying a JSON `{ error }` reason, never a 5xx, never a dead server.
 */
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import fc from 'fast-check'
import { mutatedBytes, mutatedJson } from './edits.js'
import type { FuzzTarget } from './runner.js'

export interface HttpCase {
  method: string
  path: string
  headers?: Record<string, string>
  body?: Uint8Array
}

interface HttpAnswer {
  status: number
  contentType: string
  body: Buffer
}

/** The node's http client refuses unescaped control and non-ASCII characters in a path; escape just those. */
function escapePath(path: string): string {
  // UTF-8 bytes, so a lone surrogate becomes U+FFFD instead of a URIError; a request target must start with '/'.
  const escaped = path.replace(/[^\x21-\x7e]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''))
  return escaped.startsWith('/') ? escaped : `/${escaped}`
}

function send(base: URL, agent: Agent, c: HttpCase): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: c.method,
        path: escapePath(c.path),
        // The client frames DELETE/OPTIONS bodies with neither length nor chunking, which is malformed HTTP (the
        // raw-socket target covers that); say the length so the route, not the parser, sees the body.
        headers: c.body === undefined ? c.headers : { ...c.headers, 'content-length': String(c.body.length) },
        agent,
        timeout: 30_000,
      },
      (res) => {
        const contentType = String(res.headers['content-type'] ?? '')
        if (contentType.startsWith('text/event-stream')) {
          // An event stream never ends: its 200 and headers are the answer.
          res.destroy()
          resolve({ status: res.statusCode ?? 0, contentType, body: Buffer.alloc(0) })
          return
        }
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')))
    req.on('error', reject)
    req.end(c.body)
  })
}

/** Checks the API's promise for one answer and names its outcome (the status code). */
function judge(c: HttpCase, answer: HttpAnswer): string {
  if (answer.status >= 500) throw new Error(`${answer.status} for ${c.method} ${c.path}: ${answer.body.toString('utf8').slice(0, 200)}`)
  if (answer.status >= 400 && c.method !== 'HEAD') {
    let reason: unknown
    try {
      reason = (JSON.parse(answer.body.toString('utf8')) as { error?: unknown }).error
    } catch {
      reason = undefined
    }
    if (typeof reason !== 'string' || reason.length === 0) throw new Error(`${answer.status} without a JSON error reason for ${c.method} ${c.path}`)
  }
  return String(answer.status)
}

/** Path segments: plausible ones (epochs, 'latest', feed and report ids) and hostile ones. */
const segment: fc.Arbitrary<string> = fc.oneof(
  fc.nat(60).map(String),
  fc.constantFrom('latest', 'eth-usd', '0', '-1', '1e3', '0x10', '9007199254740993', '99999999999999999999', '%', '%zz', '%E0%A4%A', '%00', '..', '.', ''),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'azAZ09-_.~%:;,=+!$&\'()*@'.split('')), maxLength: 200 }),
)

const query: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.nat(1200).map((n) => `?limit=${n}`),
  segment.map((s) => `?limit=${s}`),
  fc.tuple(segment, segment).map(([k, v]) => `?${k}=${v}&limit=${v}`),
)

const accept = fc.constantFrom('application/json', 'application/octet-stream', '*/*', 'text/html, application/octet-stream;q=0.1', '')

function getTarget(name: string, cases: fc.Arbitrary<HttpCase>, base: URL, agent: Agent): FuzzTarget<HttpCase> {
  return { name, input: cases, concurrency: 8, run: async (c) => judge(c, await send(base, agent, c)) }
}

export interface ApiFuzzInit {
  url: string
  /** JSON bodies of validly signed reports for a feed the node serves (seeds for POST /v1/reports). */
  reportBodies: Array<Record<string, unknown>>
}

export function apiTargets(init: ApiFuzzInit): { targets: FuzzTarget[]; close(): Promise<void> } {
  const base = new URL(init.url)
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  const get = (path: fc.Arbitrary<string>, headers?: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<HttpCase> =>
    fc.tuple(path, headers ?? fc.constant({})).map(([p, h]) => ({ method: 'GET', path: p, headers: h }))
  const knownPaths = ['/v1/status', '/v1/epochs/latest', '/v1/epochs/1', '/v1/certificates/1', '/v1/feeds/eth-usd', '/v1/reports', '/v1/reports/abc', '/metrics', '/', '/v1/events']
  const anyPath = fc.oneof(
    fc.constantFrom(...knownPaths),
    fc.tuple(fc.constantFrom(...knownPaths), fc.array(fc.tuple(fc.nat(), segment), { minLength: 1, maxLength: 3 })).map(([p, edits]) =>
      edits.reduce((path, [at, s]) => path.slice(0, at % (path.length + 1)) + s + path.slice(at % (path.length + 1)), p),
    ),
    segment.map((s) => `/${s}`),
  )
  const targets: FuzzTarget[] = [
    getTarget('api-epochs', get(segment.map((s) => `/v1/epochs/${s}`)), base, agent),
    getTarget('api-certificates', get(segment.map((s) => `/v1/certificates/${s}`), accept.map((a): Record<string, string> => (a === '' ? {} : { accept: a }))), base, agent),
    getTarget('api-feeds', get(fc.tuple(segment, query).map(([s, q]) => `/v1/feeds/${s}${q}`)), base, agent),
    getTarget('api-report-status', get(segment.map((s) => `/v1/reports/${s}`)), base, agent),
    getTarget(
      'api-report-submit',
      fc
        .tuple(mutatedJson(fc.constantFrom(...init.reportBodies)), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''))
        .map(([body, type]): HttpCase => ({ method: 'POST', path: '/v1/reports', body, headers: type === '' ? {} : { 'content-type': type } })),
      base,
      agent,
    ),
    getTarget(
      'api-routes',
      fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), anyPath, fc.option(fc.uint8Array({ maxLength: 256 }), { nil: undefined })).map(([method, path, body]) => ({
        method,
        path,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
      })),
      base,
      agent,
    ),
    rawHttpTarget(base, init.reportBodies[0]),
  ]
  return { targets, close: async () => agent.destroy() }
}

/** Raw bytes on a fresh TCP connection: mutated HTTP/1.1 requests and random bytes. */
function rawHttpTarget(base: URL, reportBody: Record<string, unknown>): FuzzTarget<Uint8Array> {
  const body = JSON.stringify(reportBody)
  const requests = [
    'GET /v1/status HTTP/1.1\r\nHost: node\r\nConnection: close\r\n\r\n',
    'GET /v1/epochs/latest HTTP/1.1\r\nHost: node\r\n\r\n',
    'GET /v1/certificates/1 HTTP/1.1\r\nHost: node\r\nAccept: application/octet-stream\r\n\r\n',
    'GET /v1/feeds/eth-usd?limit=5 HTTP/1.1\r\nHost: node\r\n\r\n',
    `POST /v1/reports HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    'POST /v1/reports HTTP/1.1\r\nHost: node\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n0\r\n\r\n',
  ].map((text) => new TextEncoder().encode(text))
  return {
    name: 'api-raw-http',
    input: mutatedBytes(fc.constantFrom(...requests), 1024),
    concurrency: 8,
    run: (bytes) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect({ host: base.hostname, port: Number(base.port) })
        const chunks: Buffer[] = []
        let settled = false
        const finish = (outcome?: string, error?: Error): void => {
          if (settled) return
          settled = true
          socket.destroy()
          const statuses = [...Buffer.concat(chunks).toString('latin1').matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]))
          const bad = statuses.find((s) => s >= 500)
          if (error !== undefined) reject(error)
          else if (bad !== undefined) reject(new Error(`raw request answered ${bad}`))
          else resolve(outcome ?? (statuses.length > 0 ? String(statuses[0]) : 'closed without answer'))
        }
        // A request left incomplete (or an event stream) is held open; 3 s of silence ends the case.
        socket.setTimeout(3000, () => finish('held open'))
        socket.on('data', (chunk: Buffer) => chunks.push(chunk))
        socket.on('close', () => finish())
        socket.on('error', (error: NodeJS.ErrnoException) => {
          // The server may reset a connection it refused mid-request; refusing to connect means it died.
          if (error.code === 'ECONNREFUSED') finish(undefined, new Error('API server is gone (connection refused)'))
          else finish('reset')
        })
        socket.on('connect', () => socket.end(bytes))
      }),
  }
}

/** The server still answers after a target ran: a crash would show here even if no single case saw it. */
export async function apiAlive(url: string): Promise<void> {
  const response = await fetch(`${url}/v1/status`)
  await response.body?.cancel()
  if (response.status !== 200) throw new Error(`GET /v1/status answered ${response.status} after fuzzing`)
}
