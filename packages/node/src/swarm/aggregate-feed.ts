/**
 * A minimal Server-Sent Events client for one node's `/v1/events` (Node 20 has no EventSource). It reconnects
 * after a pause while the swarm runs, and stops for good on `close()`. One long-lived GET per node: the aggregate
 * dashboard never polls the nodes.
 */
import { type ClientRequest, get, type IncomingMessage } from 'node:http'

const RECONNECT_MS = 2000

export interface SseMessage {
  event: string
  data: string
}

export interface EventFeed {
  /** True while the stream is open. */
  readonly connected: boolean
  close(): void
}

/** Splits an SSE byte stream into messages (`event:` + `data:` lines, blank line ends a message). */
export class SseParser {
  private buffer = ''
  private event = 'message'
  private data: string[] = []

  push(chunk: string, emit: (message: SseMessage) => void): void {
    this.buffer += chunk
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '')
      this.buffer = this.buffer.slice(nl + 1)
      if (line === '') {
        if (this.data.length > 0) emit({ event: this.event, data: this.data.join('\n') })
        this.event = 'message'
        this.data = []
      } else if (line.startsWith('event:')) this.event = line.slice(6).trim()
      else if (line.startsWith('data:')) this.data.push(line.slice(5).replace(/^ /, ''))
      // Comment lines (': keepalive') and unknown fields are ignored, as the SSE spec says.
    }
  }
}

export function followEvents(url: string, onMessage: (message: SseMessage) => void, onState: (connected: boolean) => void = () => undefined): EventFeed {
  let closed = false
  let connected = false
  let request: ClientRequest | undefined
  let retry: NodeJS.Timeout | undefined
  const setConnected = (value: boolean) => {
    if (connected === value) return
    connected = value
    onState(value)
  }
  const reconnect = () => {
    setConnected(false)
    if (closed || retry !== undefined) return
    retry = setTimeout(() => {
      retry = undefined
      open()
    }, RECONNECT_MS)
    retry.unref()
  }
  const open = () => {
    if (closed) return
    const parser = new SseParser()
    request = get(`${url}/v1/events`, { headers: { accept: 'text/event-stream' } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume()
        reconnect()
        return
      }
      setConnected(true)
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => parser.push(chunk, onMessage))
      res.on('end', reconnect)
      res.on('error', reconnect)
    })
    request.on('error', reconnect)
  }
  open()
  return {
    get connected() {
      return connected
    },
    close() {
      closed = true
      if (retry !== undefined) clearTimeout(retry)
      request?.destroy()
      setConnected(false)
    },
  }
}
