import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'

export interface MetricsServer {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/** Why the metrics port could not be opened, as one line naming the flag (the CLI prints it and exits 1). */
export class MetricsStartError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MetricsStartError'
  }
}

/**
 * `--metrics-port`: `/metrics` alone on its own port, so Prometheus can reach it while the API stays private (or
 * behind a different proxy). node:http, not the API's fastify: one read-only route needs no framework.
 */
export async function startMetricsServer(registry: Registry, opts: { host: string; port: number }): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('only /metrics here\n')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('GET /metrics\n')
      return
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' })
        res.end(req.method === 'HEAD' ? undefined : text)
      },
      (error: unknown) => {
        process.stderr.write(`metrics: collect failed: ${(error as Error).message}\n`)
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics collection failed\n')
      },
    )
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  await listen(server, opts.port, opts.host)
  const port = (server.address() as AddressInfo).port
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new MetricsStartError(`metrics port ${port} is in use; pick another with --metrics-port`))
      else if (error.code === 'EACCES') reject(new MetricsStartError(`no permission to listen on port ${port}; pick a port above 1023 with --metrics-port`))
      else reject(new MetricsStartError(`cannot open the metrics port on ${host}:${port} (${error.code ?? error.message})`))
    })
    server.listen(port, host, () => resolve())
  })
}
