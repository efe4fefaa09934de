/**
 * The swarm's aggregate dashboard: one small HTTP server in the launcher process. It follows every node's SSE
 * stream (one long-lived GET each, no polling), reads swarm-wide bytes by protocol once per epoch through the
 * launcher's existing stats channel, and fans it all into one page (`/`) and one SSE stream (`/v1/swarm/events`).
 * The launcher never loads libp2p, and this file keeps it that way: only node:http.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serveSwarmDashboard } from '../dashboard/static.js'
import { followEvents, type EventFeed } from './aggregate-feed.js'
import { AggregateState, type SwarmEvent } from './aggregate-state.js'
import type { NodeStats } from './types.js'

const MAX_CLIENTS = 16
const KEEPALIVE_MS = 15_000

export interface AggregateOptions {
  /** 0 = an ephemeral port. */
  port: number
  nodes: Array<{ node: number; apiUrl: string }>
  byzantine: number
  attack?: string
  /** Per-node transfer counters (the launcher's stats request); called at most once per new epoch. */
  readStats?: () => Promise<NodeStats[]>
}

export interface AggregateDashboard {
  readonly url: string
  close(): Promise<void>
}

/** Sums sent + received per protocol over all nodes ('global' is raw connection bytes: it double-counts). */
export function transferTotals(stats: NodeStats[]): Map<string, number> {
  const totals = new Map<string, number>()
  for (const s of stats) {
    for (const [protocol, b] of Object.entries(s.bytes)) {
      if (protocol === 'global') continue
      totals.set(protocol, (totals.get(protocol) ?? 0) + b.sent + b.received)
    }
  }
  return totals
}

export async function startAggregateDashboard(opts: AggregateOptions): Promise<AggregateDashboard> {
  const clients = new Set<ServerResponse>()
  const send = (text: string) => {
    for (const res of clients) res.write(text)
  }
  const state = new AggregateState(
    opts.nodes.map((n) => ({ node: n.node, apiUrl: n.apiUrl, byzantine: n.node < opts.byzantine, connected: false })),
    { attack: opts.attack, byzantine: opts.byzantine },
    (event: SwarmEvent) => send(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`),
  )

  // Bytes: one stats read when the first node finalizes a new epoch, never two at once.
  let lastBytesEpoch = -1
  let reading = false
  const readBytes = (epoch: number) => {
    if (opts.readStats === undefined || reading || epoch <= lastBytesEpoch) return
    lastBytesEpoch = epoch
    reading = true
    opts
      .readStats()
      .then((stats) => state.onTransferTotals(epoch, transferTotals(stats)))
      .catch(() => undefined)
      .finally(() => {
        reading = false
      })
  }
  const feeds: EventFeed[] = opts.nodes.map(({ node, apiUrl }) =>
    followEvents(
      apiUrl,
      (message) => {
        const epoch = state.onNodeMessage(node, message.event, message.data)
        if (epoch !== undefined) readBytes(epoch)
      },
      (connected) => state.onNodeState(node, connected),
    ),
  )

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'application/json' })
      res.end('{"error":"GET only"}')
      return
    }
    if (path === '/v1/swarm') {
      const body = JSON.stringify(state.snapshot())
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(body)
      return
    }
    if (path === '/v1/swarm/events') {
      if (clients.size >= MAX_CLIENTS) {
        res.writeHead(429, { 'content-type': 'application/json' })
        res.end('{"error":"too many event streams open"}')
        return
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      clients.add(res)
      res.on('close', () => clients.delete(res))
      return
    }
    serveSwarmDashboard(path, res)
      .then((served) => {
        if (served) return
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end('{"error":"not found"}')
      })
      .catch(() => res.destroy())
  })
  const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS)
  keepalive.unref()
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port, '127.0.0.1', () => resolve())
    })
  } catch (error) {
    clearInterval(keepalive)
    for (const feed of feeds) feed.close()
    const code = (error as NodeJS.ErrnoException).code
    throw new Error(code === 'EADDRINUSE' ? `dashboard port ${opts.port} is in use; pick another --dashboard-port` : `cannot start the swarm dashboard on 127.0.0.1:${opts.port} (${code ?? (error as Error).message})`)
  }
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      clearInterval(keepalive)
      for (const feed of feeds) feed.close()
      for (const res of clients) res.end()
      clients.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        // An open page's EventSource reconnects at once; its socket must not hold the launcher's shutdown.
        server.closeAllConnections()
      })
    },
  }
}
