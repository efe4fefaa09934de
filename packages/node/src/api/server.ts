import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { DASHBOARD_PATHS, nodeDashboardAnswer } from '../dashboard/static.js'
import { nodePackageVersion } from '../metrics/build-info.js'
import { type MetricsServer, startMetricsServer } from '../metrics/server.js'
import { EventStreams } from './events.js'
import { FeedDimensions } from './feed-dimensions.js'
import { HttpError } from './http-util.js'
import { openApiDocument } from './openapi.js'
import { type RouteDeps, routes } from './routes.js'
import { sharedSchemas } from './schemas.js'
import type { ApiBackend, ApiServerOptions } from './types.js'

const DEFAULT_MAX_BODY = 64 * 1024
const MALFORMED_BODY = JSON.stringify({ error: 'malformed HTTP request' })
const MALFORMED_HTTP_ANSWER = `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${MALFORMED_BODY.length}\r\nconnection: close\r\n\r\n${MALFORMED_BODY}`
/** Epochs read at start to learn each feed's dimension (the newest that carries the feed wins). */
const DIMENSION_LOOKBACK = 16

/** The API could not start (port in use, bad host): one line that says what to do. */
export class ApiStartError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ApiStartError'
  }
}

export interface ApiServer {
  readonly url: string
  readonly port: number
  /** `http://host:port/metrics` when a separate metrics port was asked for (`metricsPort`). */
  readonly metricsUrl: string | undefined
  close(): Promise<void>
}

/**
 * The node's HTTP API on fastify (Lodestar's choice): every route declares JSON schemas (requests are validated
 * with them, and the OpenAPI document at /v1/openapi.json is generated from them), GET routes answer HEAD, a path
 * asked with a method it does not take is a 405 with `Allow`. Bad input is always a 4xx with `{ error }`; a 5xx
 * means a bug or a failing store, never a bad request.
 */
export async function startApiServer(backend: ApiBackend, opts: ApiServerOptions): Promise<ApiServer> {
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY
  const dimensions = new FeedDimensions()
  for (const summary of (await backend.store.recentSummaries(DIMENSION_LOOKBACK)).reverse()) dimensions.learn(summary)
  const learn = (event: Event): void => dimensions.learn((event as CustomEvent<{ feeds: [] }>).detail)
  backend.events.addEventListener('epoch', learn)
  const events = new EventStreams(
    backend.events,
    async (from, limit) => (await backend.store.epochsFrom(from, limit)).map((stored) => stored.summary),
    opts.keepaliveMs ?? 15_000,
    opts.maxEventClients ?? 64,
  )
  let openapi: Record<string, unknown> | undefined
  const deps: RouteDeps = { backend, dimensions, events, openapi: () => (openapi ??= openApiDocument(routes, nodePackageVersion())) }
  const app = buildApp(deps, maxBodyBytes)
  let metrics: MetricsServer | undefined
  try {
    await listen(app, opts.port, opts.host)
    if (opts.metricsPort !== undefined) {
      metrics = await startMetricsServer(backend.registry, { host: opts.metricsHost ?? opts.host, port: opts.metricsPort }).catch((error: Error) => {
        throw new ApiStartError(error.message)
      })
    }
  } catch (error) {
    events.closeAll()
    backend.events.removeEventListener('epoch', learn)
    await app.close().catch(() => {})
    throw error
  }
  const port = (app.server.address() as AddressInfo).port
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host}:${port}`,
    port,
    metricsUrl: metrics?.url,
    async close() {
      events.closeAll()
      backend.events.removeEventListener('epoch', learn)
      await Promise.all([app.close(), metrics?.close()])
    },
  }
}

function buildApp(deps: RouteDeps, maxBodyBytes: number): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: maxBodyBytes,
    // Report ids are up to 128 characters; longer path segments must reach the route (and get its 400), not a 404.
    routerOptions: { maxParamLength: 256 },
    // Malformed HTTP (or a body the client sent without a length, read as the next request): answer 400 and close,
    // even on a keep-alive connection that already answered (fastify's default closes it silently then).
    clientErrorHandler: (error, socket) => {
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || !socket.writable) {
        socket.destroy()
        return
      }
      socket.end(MALFORMED_HTTP_ANSWER)
    },
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // No type coercion: a report value "1" (a string) must be refused, not silently read as 1.
    ajv: { customOptions: { coerceTypes: false, allErrors: false } },
    frameworkErrors: (error, _request, reply) => {
      ;(reply as FastifyReply).code(400).send({ error: `malformed request: ${error.message}` })
    },
  })
  for (const schema of sharedSchemas) app.addSchema(schema)
  // Answers are serialized as they are: the response schemas document them (and a test checks real answers against
  // them) but must not silently drop a field the way fast-json-stringify does.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data))
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    return payload
  })
  // Reports are JSON whatever the client calls them (curl's default form type, none at all): one parser for every type.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    const text = (body as Buffer).toString('utf8')
    if (text.trim() === '') {
      done(null, undefined)
      return
    }
    try {
      done(null, JSON.parse(text))
    } catch {
      done(new HttpError(400, 'body is not valid JSON'), undefined)
    }
  })
  app.setErrorHandler((error: FastifyError, _request, reply) => answerError(reply, error, maxBodyBytes))
  app.setNotFoundHandler((request, reply) => notFound(request, reply))

  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      schema: route.schema,
      attachValidation: route.attachValidation ?? false,
      exposeHeadRoute: !route.noHead,
      handler: (request, reply) => route.handler(deps, request, reply),
    })
  }
  for (const path of DASHBOARD_PATHS) {
    app.get(path, async (_request, reply) => {
      const answer = await nodeDashboardAnswer(path)
      if (answer === undefined) throw new HttpError(404, `no route ${path}`)
      reply.code(answer.status).headers(answer.headers)
      return answer.body
    })
  }
  return app
}

/** Path patterns of every route, for the 405 check: `:param` matches one segment. */
const KNOWN: Array<{ pattern: RegExp; methods: string[] }> = (() => {
  const byUrl = new Map<string, Set<string>>()
  const add = (url: string, ...methods: string[]) => {
    const set = byUrl.get(url) ?? new Set<string>()
    for (const m of methods) set.add(m)
    byUrl.set(url, set)
  }
  for (const route of routes) add(route.url, route.method, ...(route.method === 'GET' && !route.noHead ? ['HEAD'] : []))
  for (const path of DASHBOARD_PATHS) add(path, 'GET', 'HEAD')
  return [...byUrl].map(([url, methods]) => ({
    pattern: new RegExp(`^${url.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
    methods: [...methods].sort(),
  }))
})()

function notFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0]
  const allowed = KNOWN.find((k) => k.pattern.test(path))?.methods
  if (allowed === undefined) {
    reply.code(404).send({ error: `no route ${path.slice(0, 100)}` })
    return
  }
  reply.header('allow', [...allowed, 'OPTIONS'].join(', '))
  if (request.method === 'OPTIONS') {
    reply.code(204).send()
    return
  }
  reply.code(405).send({ error: `method ${request.method} not allowed here (allowed: ${allowed.join(', ')})` })
}

function answerError(reply: FastifyReply, error: FastifyError | HttpError, maxBodyBytes: number): void {
  if (error instanceof HttpError) {
    reply.code(error.status).send({ error: error.message })
    return
  }
  if (error.validation !== undefined) {
    reply.code(400).send({ error: error.message })
    return
  }
  const status = error.statusCode ?? 500
  if (status === 413) {
    reply.header('connection', 'close')
    reply.code(413).send({ error: `body exceeds ${maxBodyBytes} bytes` })
    return
  }
  if (status >= 400 && status < 500) {
    reply.code(status).send({ error: error.message })
    return
  }
  // Not bad input: a bug or a failing store. Say so without leaking internals.
  process.stderr.write(`api: internal error: ${error.stack ?? String(error)}\n`)
  reply.code(500).send({ error: 'internal error' })
}

async function listen(app: FastifyInstance, port: number, host: string): Promise<void> {
  try {
    await app.listen({ port, host })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new ApiStartError(`port ${port} is in use; pick another with --api-port`)
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ApiStartError(`cannot listen on ${host}; pick another --api-host`)
    if (code === 'EACCES') throw new ApiStartError(`no permission to listen on port ${port}; pick a port above 1023 with --api-port`)
    throw new ApiStartError(`cannot start the API on ${host}:${port} (${code ?? (error as Error).message})`)
  }
}
