import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, parseEpoch, parseJsonBody, readBody, sendJson } from './http-util.js'
import { parseReportBody } from './report-body.js'
import type { ApiBackend } from './types.js'

export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  params: string[]
  query: URLSearchParams
  backend: ApiBackend
  maxBodyBytes: number
}

export interface Route {
  method: 'GET' | 'POST'
  pattern: RegExp
  handle(ctx: RouteContext): Promise<void> | void
}

const REPORT_ID = /^[A-Za-z0-9_-]{1,128}$/
const DEFAULT_FEED_POINTS = 50
const MAX_FEED_POINTS = 1000

function limitParam(query: URLSearchParams): number {
  const text = query.get('limit')
  if (text === null) return DEFAULT_FEED_POINTS
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > MAX_FEED_POINTS) throw new HttpError(400, `limit: expected 1..${MAX_FEED_POINTS}`)
  return Number(text)
}

async function epochRoute({ res, params, backend }: RouteContext): Promise<void> {
  const epoch = params[0] === 'latest' ? await backend.store.latestEpoch() : parseEpoch(params[0])
  if (epoch === undefined) throw new HttpError(404, 'no finalized epoch yet')
  const stored = await backend.store.getEpoch(epoch)
  if (stored === undefined) throw new HttpError(404, `epoch ${epoch} is not finalized here`)
  sendJson(res, 200, stored.summary)
}

async function certificateRoute({ req, res, params, backend }: RouteContext): Promise<void> {
  const epoch = parseEpoch(params[0])
  const stored = await backend.store.getEpoch(epoch)
  if (stored === undefined) throw new HttpError(404, `epoch ${epoch} is not finalized here`)
  if (stored.summary.approximate) throw new HttpError(404, `epoch ${epoch} finalized by approximate agreement; it has no certificate`)
  if ((req.headers.accept ?? '').includes('application/octet-stream')) {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': stored.bytes.length })
    res.end(stored.bytes)
    return
  }
  sendJson(res, 200, { epoch, encoding: 'protobuf', certificate: stored.bytes })
}

async function feedRoute({ res, params, query, backend }: RouteContext): Promise<void> {
  const feed = params[0]
  if (!backend.feeds.includes(feed)) throw new HttpError(404, `unknown feed '${feed.slice(0, 64)}' (feeds: ${backend.feeds.join(', ')})`)
  const summaries = await backend.store.recentSummaries(limitParam(query))
  const points = summaries.flatMap((s) =>
    s.feeds.filter((f) => f.feed === feed).map((f) => ({ epoch: s.epoch, approximate: s.approximate, ...f, feed: undefined })),
  )
  sendJson(res, 200, { feed, points })
}

async function submitReportRoute({ req, res, backend, maxBodyBytes }: RouteContext): Promise<void> {
  const report = parseReportBody(parseJsonBody(await readBody(req, maxBodyBytes)))
  if (!backend.feeds.includes(report.feed)) throw new HttpError(400, `unknown feed '${report.feed}'`)
  const outcome = backend.submitReport(report)
  if (!outcome.accepted) throw new HttpError(outcome.retryable ? 429 : 400, outcome.reason)
  await backend.store.putReport(outcome.reportId, { status: 'pending', feed: report.feed, submittedAt: Date.now() })
  sendJson(res, 202, { id: outcome.reportId })
}

async function reportStatusRoute({ res, params, backend }: RouteContext): Promise<void> {
  const id = params[0]
  if (!REPORT_ID.test(id)) throw new HttpError(400, 'report id: expected 1..128 characters of [A-Za-z0-9_-]')
  const state = await backend.store.getReport(id)
  if (state === undefined) throw new HttpError(404, `no report '${id}' here`)
  sendJson(res, 200, { id, ...state })
}

/** Every route but the SSE stream and /metrics (which the server handles itself). */
export const routes: Route[] = [
  { method: 'GET', pattern: /^\/v1\/status$/, handle: ({ res, backend }) => sendJson(res, 200, backend.status()) },
  { method: 'GET', pattern: /^\/v1\/epochs\/([^/]+)$/, handle: epochRoute },
  { method: 'GET', pattern: /^\/v1\/certificates\/([^/]+)$/, handle: certificateRoute },
  { method: 'GET', pattern: /^\/v1\/feeds\/([^/]+)$/, handle: feedRoute },
  { method: 'POST', pattern: /^\/v1\/reports$/, handle: submitReportRoute },
  { method: 'GET', pattern: /^\/v1\/reports\/([^/]+)$/, handle: reportStatusRoute },
]
