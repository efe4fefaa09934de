import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serveDashboard } from '../dashboard/static.js'
import { EventStreams } from './events.js'
import { HttpError, sendJson } from './http-util.js'
import { routes } from './routes.js'
import type { ApiBackend, ApiServerOptions } from './types.js'

const DEFAULT_MAX_BODY = 64 * 1024

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
  close(): Promise<void>
}

/**
 * The node's HTTP API on node:http (no framework: eight routes do not need one). Bad input is always a 4xx with
 * `{ error }`; a 5xx means a bug or a failing store, never a bad request.
 */
export async function startApiServer(backend: ApiBackend, opts: ApiServerOptions): Promise<ApiServer> {
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY
  const events = new EventStreams(backend.events, opts.keepaliveMs ?? 15_000, opts.maxEventClients ?? 64)
  const server = createServer((req, res) => {
    dispatch(req, res, backend, events, maxBodyBytes).catch((error: unknown) => answerError(res, error))
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n')
    else socket.destroy()
  })
  await listen(server, opts.port, opts.host)
  const port = (server.address() as AddressInfo).port
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      events.closeAll()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
    },
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ApiStartError(`port ${port} is in use; pick another with --api-port`))
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new ApiStartError(`cannot listen on ${host}; pick another --api-host`))
      else if (error.code === 'EACCES') reject(new ApiStartError(`no permission to listen on port ${port}; pick a port above 1023 with --api-port`))
      else reject(new ApiStartError(`cannot start the API on ${host}:${port} (${error.code ?? error.message})`))
    })
    server.listen(port, host, () => resolve())
  })
}

async function dispatch(req: IncomingMessage, res: ServerResponse, backend: ApiBackend, events: EventStreams, maxBodyBytes: number): Promise<void> {
  let url: URL
  try {
    url = new URL(req.url ?? '/', 'http://api.local')
  } catch {
    throw new HttpError(400, 'malformed request path')
  }
  const path = url.pathname
  if (req.method === 'GET' && path === '/metrics') {
    const body = await backend.registry.metrics()
    res.writeHead(200, { 'content-type': backend.registry.contentType })
    res.end(body)
    return
  }
  if (req.method === 'GET' && (await serveDashboard(path, res))) return
  if (req.method === 'GET' && path === '/v1/events') {
    if (!events.open(res)) throw new HttpError(429, 'too many event streams open')
    return
  }
  let pathMatched = false
  for (const route of routes) {
    const match = route.pattern.exec(path)
    if (match === null) continue
    pathMatched = true
    if (route.method !== req.method) continue
    const params = match.slice(1).map(decodeSegment)
    await route.handle({ req, res, params, query: url.searchParams, backend, maxBodyBytes })
    return
  }
  throw new HttpError(pathMatched ? 405 : 404, pathMatched ? `method ${req.method} not allowed here` : `no route ${path.slice(0, 100)}`)
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'malformed percent-encoding in path')
  }
}

function answerError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof HttpError) {
    if (error.status === 413) res.setHeader('connection', 'close')
    sendJson(res, error.status, { error: error.message })
    return
  }
  // Not bad input: a bug or a failing store. Say so without leaking internals.
  process.stderr.write(`api: internal error: ${(error as Error)?.stack ?? String(error)}\n`)
  sendJson(res, 500, { error: 'internal error' })
}
