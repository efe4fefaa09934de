import type { ServerResponse } from 'node:http'
import type { EpochSummary } from '../store/types.js'
import type { ApiEventName } from './types.js'

const EVENT_NAMES: ApiEventName[] = ['epoch', 'peer', 'eviction']

/** How long a browser waits before reconnecting (the SSE `retry:` field). */
export const SSE_RETRY_MS = 2000
/** Most epochs replayed to one resuming client; an older Last-Event-ID resumes from the newest MAX_REPLAY. */
export const MAX_REPLAY = 1000

/** Reads finalized epochs for a resuming client, oldest first, starting at `from`. */
export type EpochReplay = (from: number, limit: number) => Promise<EpochSummary[]>

interface Client {
  res: ServerResponse
  /** Live events that arrived while the replay was being read; sent after it. */
  held: Array<{ name: string; detail: unknown }> | undefined
  /** Newest epoch this client has been sent (replay or live): a later live copy of it is skipped. */
  lastEpoch: number
}

/**
 * Server-Sent Events on `/v1/events`: the backend's `epoch`, `peer` and `eviction` events to every open stream.
 * An `epoch` event carries `id: <epoch>`, so a client that reconnects (browsers do, after `retry:` ms) sends
 * `Last-Event-ID` and is first sent every stored epoch after it, then the live stream: no finalized epoch is lost
 * across a dropped connection or a node restart. `peer` and `eviction` events are live-only (no id; per the SSE
 * spec the stream's last id stays the last epoch). A comment line every `keepaliveMs` keeps proxies from closing
 * idle streams; `closeAll` ends every stream on shutdown.
 */
export class EventStreams {
  private readonly clients = new Set<Client>()
  private readonly timer: NodeJS.Timeout
  private readonly forward = (event: Event): void => {
    const detail = (event as CustomEvent<unknown>).detail
    for (const client of this.clients) this.deliver(client, event.type, detail)
  }

  constructor(
    private readonly source: EventTarget,
    private readonly replay: EpochReplay,
    keepaliveMs: number,
    private readonly maxClients: number,
  ) {
    for (const name of EVENT_NAMES) source.addEventListener(name, this.forward)
    this.timer = setInterval(() => {
      for (const client of this.clients) client.res.write(': keepalive\n\n')
    }, keepaliveMs)
    this.timer.unref()
  }

  get size(): number {
    return this.clients.size
  }

  /**
   * Opens a stream on `res`; `lastEventId` (from the header or the query) asks for the epochs after it first.
   * Returns false when the stream limit is reached (the caller answers 429).
   */
  open(res: ServerResponse, lastEventId: number | undefined): boolean {
    if (this.clients.size >= this.maxClients) return false
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    res.write(`retry: ${SSE_RETRY_MS}\n: connected\n\n`)
    const client: Client = { res, held: lastEventId === undefined ? undefined : [], lastEpoch: lastEventId ?? -1 }
    this.clients.add(client)
    res.on('close', () => this.clients.delete(client))
    if (lastEventId !== undefined) void this.resume(client, lastEventId)
    return true
  }

  closeAll(): void {
    clearInterval(this.timer)
    for (const name of EVENT_NAMES) this.source.removeEventListener(name, this.forward)
    for (const client of this.clients) client.res.end()
    this.clients.clear()
  }

  private async resume(client: Client, lastEventId: number): Promise<void> {
    let missed: EpochSummary[] = []
    try {
      missed = await this.replay(lastEventId + 1, MAX_REPLAY)
    } catch {
      // A failing store read: the client still gets the live stream, from here on.
    }
    for (const summary of missed) this.write(client, 'epoch', { ...summary, replayed: true })
    const held = client.held ?? []
    client.held = undefined
    for (const { name, detail } of held) this.deliver(client, name, detail)
  }

  private deliver(client: Client, name: string, detail: unknown): void {
    if (client.held !== undefined) {
      client.held.push({ name, detail })
      return
    }
    this.write(client, name, detail)
  }

  private write(client: Client, name: string, detail: unknown): void {
    if (name === 'epoch') {
      const epoch = (detail as { epoch?: unknown }).epoch
      if (typeof epoch === 'number') {
        // Sync may re-announce an epoch (a certificate replacing an approximate record): send it, but never go back
        // to an epoch the client has already passed in a replay.
        if (epoch < client.lastEpoch) return
        client.lastEpoch = epoch
        client.res.write(`id: ${epoch}\nevent: epoch\ndata: ${JSON.stringify(detail)}\n\n`)
        return
      }
    }
    client.res.write(`event: ${name}\ndata: ${JSON.stringify(detail)}\n\n`)
  }
}

/** A Last-Event-ID value: an epoch number, or undefined when absent or not one (then the stream starts live). */
export function parseLastEventId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return undefined
  const id = Number(value)
  return Number.isSafeInteger(id) ? id : undefined
}
