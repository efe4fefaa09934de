import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FeedDimensions } from './feed-dimensions.js'
import { type EventStreams, parseLastEventId } from './events.js'
import { HttpError, parseEpoch } from './http-util.js'
import { parseReportBody } from './report-body.js'
import { epochParam, eventsQuery, feedParam, feedQuery, reportIdParam } from './schemas.js'
import type { ApiBackend } from './types.js'

export interface RouteDeps {
  backend: ApiBackend
  dimensions: FeedDimensions
  events: EventStreams
  openapi: () => unknown
}

/** What OpenAPI needs beyond the JSON schema: a media type per status code when the answer is not JSON. */
export interface RouteDoc {
  operationId: string
  summary: string
  description?: string
  tag: 'node' | 'epochs' | 'feeds' | 'reports' | 'events' | 'ops'
  /** Status → media type (default application/json). */
  media?: Record<number, string>
}

export interface RouteSchema {
  params?: object
  querystring?: object
  body?: object
  headers?: object
  response: Record<number, object>
}

export interface RouteDef {
  method: 'GET' | 'POST'
  url: string
  doc: RouteDoc
  schema: RouteSchema
  /** POST /v1/reports checks the body itself first (precise messages), then the schema. */
  attachValidation?: boolean
  /** The SSE stream must not get fastify's automatic HEAD route (it would open a stream). */
  noHead?: boolean
  handler(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply): Promise<unknown> | unknown
}

const ERROR = { $ref: 'Error#' }
const DEFAULT_FEED_POINTS = 50
const MAX_FEED_POINTS = 1000
/** /v1/health answers 503 'stalled' when the newest finalized epoch is more than this many epochs old. */
export const STALL_EPOCHS = 5

type Params = Record<string, string>
type Query = Record<string, string | undefined>

function limitParam(text: string | undefined): number {
  if (text === undefined) return DEFAULT_FEED_POINTS
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > MAX_FEED_POINTS) throw new HttpError(400, `limit: expected 1..${MAX_FEED_POINTS}`)
  return Number(text)
}

async function resolveEpoch(backend: ApiBackend, text: string, what: string): Promise<number> {
  if (text !== 'latest') return parseEpoch(text)
  const epoch = await backend.store.latestEpoch()
  if (epoch === undefined) throw new HttpError(404, `no ${what} yet`)
  return epoch
}

/** The newest certified epoch in the store: the engine knows it once running; a scan of recent summaries before. */
async function latestCertifiedEpoch(backend: ApiBackend): Promise<number> {
  const fromEngine = backend.status().engine?.lastCertifiedEpoch
  if (typeof fromEngine === 'number' && (await backend.store.getEpoch(fromEngine)) !== undefined) return fromEngine
  const recent = await backend.store.recentSummaries(MAX_FEED_POINTS)
  const certified = recent.find((s) => !s.approximate)
  if (certified === undefined) throw new HttpError(404, 'no certified epoch yet')
  return certified.epoch
}

export function healthOf(backend: ApiBackend): { code: number; body: Record<string, unknown> } {
  const status = backend.status()
  const epoch = status.engine?.epoch ?? null
  const latestEpoch = status.latestEpoch ?? null
  const epochsBehind = epoch === null || latestEpoch === null ? null : Math.max(0, epoch - latestEpoch)
  let state: 'ok' | 'starting' | 'syncing' | 'stalled' = 'ok'
  if (status.sync.state !== 'synced') state = status.sync.state
  else if (epochsBehind !== null && epochsBehind > STALL_EPOCHS) state = 'stalled'
  return { code: state === 'ok' ? 200 : 503, body: { status: state, sync: status.sync.state, latestEpoch, epoch, epochsBehind } }
}

/** Every route of the API (the dashboard's static files are added by the server). */
export const routes: RouteDef[] = [
  {
    method: 'GET',
    url: '/v1/status',
    doc: { operationId: 'getStatus', summary: "The node's identity, sync state, peers and engine status", tag: 'node' },
    schema: { response: { 200: { $ref: 'Status#' } } },
    handler: ({ backend }) => backend.status(),
  },
  {
    method: 'GET',
    url: '/v1/health',
    doc: {
      operationId: 'getHealth',
      summary: 'Readiness probe: 200 when synced and finalizing, 503 otherwise',
      description: `503 while starting or syncing, or when the newest finalized epoch is more than ${STALL_EPOCHS} epochs behind the engine's. HEAD works too (probes).`,
      tag: 'ops',
    },
    schema: { response: { 200: { $ref: 'Health#' }, 503: { $ref: 'Health#' } } },
    handler: ({ backend }, _request, reply) => {
      const { code, body } = healthOf(backend)
      reply.code(code)
      return body
    },
  },
  {
    method: 'GET',
    url: '/v1/epochs/:epoch',
    doc: { operationId: 'getEpoch', summary: "A finalized epoch's summary (certified or approximate); 'latest' for the newest", tag: 'epochs' },
    schema: { params: epochParam, response: { 200: { $ref: 'EpochSummary#' }, 400: ERROR, 404: ERROR } },
    handler: async ({ backend }, request) => {
      const epoch = await resolveEpoch(backend, (request.params as Params).epoch, 'finalized epoch')
      const stored = await backend.store.getEpoch(epoch)
      if (stored === undefined) throw new HttpError(404, `epoch ${epoch} is not finalized here`)
      return stored.summary
    },
  },
  {
    method: 'GET',
    url: '/v1/certificates/:epoch',
    doc: {
      operationId: 'getCertificate',
      summary: "A certified epoch's finality certificate; 'latest' for the newest certified one",
      description: 'JSON with the protobuf bytes in hex, or the raw bytes with `Accept: application/octet-stream`.',
      tag: 'epochs',
      media: { 200: 'application/json, application/octet-stream' },
    },
    schema: { params: epochParam, response: { 200: { $ref: 'Certificate#' }, 400: ERROR, 404: ERROR } },
    handler: async ({ backend }, request, reply) => {
      const text = (request.params as Params).epoch
      const epoch = text === 'latest' ? await latestCertifiedEpoch(backend) : parseEpoch(text)
      const stored = await backend.store.getEpoch(epoch)
      if (stored === undefined) throw new HttpError(404, `epoch ${epoch} is not finalized here`)
      if (stored.summary.approximate) throw new HttpError(404, `epoch ${epoch} finalized by approximate agreement; it has no certificate`)
      if ((request.headers.accept ?? '').includes('application/octet-stream')) {
        reply.type('application/octet-stream')
        return Buffer.from(stored.bytes)
      }
      return { epoch, encoding: 'protobuf', certificate: Buffer.from(stored.bytes).toString('hex') }
    },
  },
  {
    method: 'GET',
    url: '/v1/feeds/:feed',
    doc: { operationId: 'getFeed', summary: "A feed's recent agreed values and thermodynamic figures, newest first", tag: 'feeds' },
    schema: { params: feedParam, querystring: feedQuery, response: { 200: { $ref: 'FeedHistory#' }, 400: ERROR, 404: ERROR } },
    handler: async ({ backend }, request) => {
      const feed = (request.params as Params).feed
      if (!backend.feeds.includes(feed)) throw new HttpError(404, `unknown feed '${feed.slice(0, 64)}' (feeds: ${backend.feeds.join(', ')})`)
      const summaries = await backend.store.recentSummaries(limitParam((request.query as Query).limit))
      const points = summaries.flatMap((s) =>
        s.feeds.filter((f) => f.feed === feed).map(({ feed: _feed, ...f }) => ({ epoch: s.epoch, approximate: s.approximate, ...f })),
      )
      return { feed, points }
    },
  },
  {
    method: 'POST',
    url: '/v1/reports',
    doc: {
      operationId: 'submitReport',
      summary: 'Submit a signed client report for the next proposal',
      description: '202 with the report id; poll GET /v1/reports/{id}. 429 when the mempool or the per-client quota is full (retry later).',
      tag: 'reports',
    },
    schema: { body: { $ref: 'ReportBody#' }, response: { 202: { $ref: 'ReportAccepted#' }, 400: ERROR, 413: ERROR, 429: ERROR } },
    attachValidation: true,
    handler: async ({ backend, dimensions }, request, reply) => {
      const report = parseReportBody(request.body)
      if (request.validationError !== undefined) throw new HttpError(400, request.validationError.message)
      if (!backend.feeds.includes(report.feed)) throw new HttpError(400, `unknown feed '${report.feed}'`)
      const mismatch = dimensions.mismatch(report.feed, report.values.length)
      if (mismatch !== undefined) throw new HttpError(400, mismatch)
      const outcome = backend.submitReport(report)
      if (!outcome.accepted) throw new HttpError(outcome.retryable ? 429 : 400, outcome.reason)
      await backend.store.putReport(outcome.reportId, { status: 'pending', feed: report.feed, submittedAt: Date.now() })
      reply.code(202)
      return { id: outcome.reportId }
    },
  },
  {
    method: 'GET',
    url: '/v1/reports/:id',
    doc: { operationId: 'getReport', summary: "A submitted report's state: pending, finalized (with its epoch) or rejected", tag: 'reports' },
    schema: { params: reportIdParam, response: { 200: { $ref: 'ReportState#' }, 400: ERROR, 404: ERROR } },
    handler: async ({ backend }, request) => {
      const id = (request.params as Params).id
      const state = await backend.store.getReport(id)
      if (state === undefined) throw new HttpError(404, `no report '${id}' here`)
      return { id, ...state }
    },
  },
  {
    method: 'GET',
    url: '/v1/events',
    doc: {
      operationId: 'streamEvents',
      summary: 'Server-Sent Events: epoch, peer and eviction',
      description:
        '`epoch` events carry `id: <epoch>`; reconnect with `Last-Event-ID: <epoch>` (or `?lastEventId=`) to be sent every stored epoch after it first. `retry:` is sent on connect. 429 when too many streams are open.',
      tag: 'events',
      media: { 200: 'text/event-stream' },
    },
    schema: {
      querystring: eventsQuery,
      headers: { type: 'object', properties: { 'last-event-id': { type: 'string', description: 'The id of the last event received (an epoch).' } } },
      response: { 200: { type: 'string', description: 'An event stream (text/event-stream).' }, 429: ERROR },
    },
    noHead: true,
    handler: ({ events }, request, reply) => {
      const header = request.headers['last-event-id']
      const lastEventId = parseLastEventId(header) ?? parseLastEventId((request.query as Query).lastEventId)
      reply.hijack()
      if (!events.open(reply.raw, lastEventId)) {
        const text = JSON.stringify({ error: 'too many event streams open' })
        reply.raw.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'retry-after': '5' })
        reply.raw.end(text)
      }
    },
  },
  {
    method: 'GET',
    url: '/v1/openapi.json',
    doc: { operationId: 'getOpenApi', summary: 'This API as an OpenAPI 3.1 document', tag: 'ops' },
    schema: { response: { 200: { type: 'object', description: 'The OpenAPI document (docs/openapi.json is a copy).' } } },
    handler: ({ openapi }) => openapi(),
  },
  {
    method: 'GET',
    url: '/metrics',
    doc: { operationId: 'getMetrics', summary: 'Prometheus metrics (text exposition format)', tag: 'ops', media: { 200: 'text/plain; version=0.0.4' } },
    schema: { response: { 200: { type: 'string' } } },
    handler: async ({ backend }, _request, reply) => {
      const text = await backend.registry.metrics()
      reply.type(backend.registry.contentType)
      return text
    },
  },
]
