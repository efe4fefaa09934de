import type { ServerResponse } from 'node:http'
import type { ApiEventName } from './types.js'

const EVENT_NAMES: ApiEventName[] = ['epoch', 'peer', 'eviction']

/**
 * Server-Sent Events: forwards the backend's `epoch`, `peer` and `eviction` events to every open `/v1/events` stream, with a
 * comment line as keepalive so proxies keep idle streams open. `closeAll` ends every stream cleanly on shutdown.
 */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>()
  private readonly timer: NodeJS.Timeout
  private readonly forward = (event: Event): void => {
    const detail = (event as CustomEvent<unknown>).detail
    this.broadcast(`event: ${event.type}\ndata: ${JSON.stringify(detail)}\n\n`)
  }

  constructor(
    private readonly source: EventTarget,
    keepaliveMs: number,
    private readonly maxClients: number,
  ) {
    for (const name of EVENT_NAMES) source.addEventListener(name, this.forward)
    this.timer = setInterval(() => this.broadcast(': keepalive\n\n'), keepaliveMs)
    this.timer.unref()
  }

  get size(): number {
    return this.clients.size
  }

  /** Returns false when the stream limit is reached (the caller answers 429). */
  open(res: ServerResponse): boolean {
    if (this.clients.size >= this.maxClients) return false
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': connected\n\n')
    this.clients.add(res)
    res.on('close', () => this.clients.delete(res))
    return true
  }

  closeAll(): void {
    clearInterval(this.timer)
    for (const name of EVENT_NAMES) this.source.removeEventListener(name, this.forward)
    for (const res of this.clients) res.end()
    this.clients.clear()
  }

  private broadcast(text: string): void {
    for (const res of this.clients) res.write(text)
  }
}
