/**
 * One persistent, length-prefixed stream per peer and direction for the linear epoch's direct frames
 * (observations, receipts, batches, endorsements, certificates, view changes). A new stream per message costs
 * about as much as a ping (multistream-select, yamux stream setup: ~1.5 ms of CPU per end measured on this stack),
 * so a leader fanning a batch out to 100 followers every epoch keeps its streams open instead, as the PBFT
 * baseline and Lodestar's req/resp for hot paths do.
 *
 * - Outbound: frames to one peer are written in order on one stream, opened on first use (over the existing
 *   connection when there is one) or ahead of it by `warm`: the node warms the streams to the aggregators it keeps,
 *   and every accepted inbound stream warms the way back, so an epoch's leader and its followers hold both
 *   directions before the first batch (measured at n=100: opening ~200 streams at once inside epoch 0 put the
 *   first batch past its view). A failed write drops that stream; the next frame opens a new one. At most
 *   `maxQueuedFrames` frames wait per peer; beyond that new frames are dropped and counted (the protocol's views
 *   and sync tolerate a lost frame, an unbounded queue to a stalled peer would not be tolerated by memory).
 * - Inbound: a peer's stream is read frame by frame only once the peer has passed the identity gate; every frame
 *   goes to `onFrame` as it arrives. An oversized length prefix aborts that stream before the body is buffered.
 */
import type { Connection, Libp2p, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { errorMessage, toError } from './errors.js'
import { parsePeerId } from './identity.js'

export interface DirectChannelComponents {
  node: Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol'>
  log: (msg: string) => void
}

export interface DirectChannelInit {
  protocol: string
  maxFrameBytes: number
  /** The identity gate: a peer without a valid ticket gets its stream aborted. */
  authorize: (peerId: string) => Promise<boolean>
  onFrame: (peerId: string, frame: Uint8Array) => void
  /** Bound on opening a stream and on one write. Default 5 s. */
  timeoutMs?: number
  /** Frames waiting per peer before new ones are dropped. Default 256. */
  maxQueuedFrames?: number
}

interface Outbound {
  writer: Promise<{ stream: Stream; write: (frame: Uint8Array) => Promise<void> } | undefined>
  tail: Promise<void>
  queued: number
}

export interface DirectChannelStats {
  framesSent: number
  framesReceived: number
  framesDropped: number
  bytesSent: number
  bytesReceived: number
  streamsOpened: number
}

export class DirectChannel {
  readonly stats: DirectChannelStats = { framesSent: 0, framesReceived: 0, framesDropped: 0, bytesSent: 0, bytesReceived: 0, streamsOpened: 0 }
  private readonly outbound = new Map<string, Outbound>()
  private readonly inbound = new Set<Stream>()
  private readonly timeoutMs: number
  private readonly maxQueued: number
  private running = false

  constructor(
    private readonly components: DirectChannelComponents,
    private readonly init: DirectChannelInit,
  ) {
    this.timeoutMs = init.timeoutMs ?? 5000
    this.maxQueued = init.maxQueuedFrames ?? 256
  }

  async start(): Promise<void> {
    if (this.running) return
    this.running = true
    await this.components.node.handle(this.init.protocol, (stream, connection) => this.serve(stream, connection), {
      maxInboundStreams: 4,
      maxOutboundStreams: 4,
    })
  }

  async stop(): Promise<void> {
    if (!this.running) return
    this.running = false
    await this.components.node.unhandle(this.init.protocol).catch(() => {})
    for (const out of this.outbound.values()) {
      const w = await out.writer.catch(() => undefined)
      w?.stream.abort(new Error('node stopping'))
    }
    this.outbound.clear()
    for (const stream of this.inbound) stream.abort(new Error('node stopping'))
    this.inbound.clear()
  }

  /** Opens the outbound stream to `peerId` ahead of its first frame; a no-op when one is open or opening. */
  warm(peerId: string): void {
    if (!this.running || this.outbound.has(peerId)) return
    const out: Outbound = { writer: this.open(peerId), tail: Promise.resolve(), queued: 0 }
    this.outbound.set(peerId, out)
    // A warm-up that fails must not cost the first real frame: forget it, and `send` opens afresh.
    void out.writer.then((writer) => {
      if (writer === undefined && this.outbound.get(peerId) === out) this.outbound.delete(peerId)
    })
  }

  /** Queues one frame to `peerId`; never throws (failures are logged and counted). */
  send(peerId: string, frame: Uint8Array): void {
    if (!this.running) return
    if (frame.length > this.init.maxFrameBytes) {
      this.stats.framesDropped++
      this.components.log(`direct frame of ${frame.length} bytes to ${peerId} exceeds ${this.init.maxFrameBytes}: dropped`)
      return
    }
    let out = this.outbound.get(peerId)
    if (!out) {
      out = { writer: this.open(peerId), tail: Promise.resolve(), queued: 0 }
      this.outbound.set(peerId, out)
    }
    if (out.queued >= this.maxQueued) {
      this.stats.framesDropped++
      return
    }
    out.queued++
    const current = out
    current.tail = current.tail.then(async () => {
      try {
        const writer = await current.writer
        if (!writer) throw new Error('no stream')
        await writer.write(frame)
        this.stats.framesSent++
        this.stats.bytesSent += frame.length
      } catch (err) {
        this.stats.framesDropped++
        // Forget this stream; the next frame to this peer opens a fresh one.
        if (this.outbound.get(peerId) === current) this.outbound.delete(peerId)
        if (this.running) this.components.log(`direct frame to ${peerId} failed: ${errorMessage(err)}`)
      } finally {
        current.queued--
      }
    })
  }

  private async open(peerId: string): Promise<{ stream: Stream; write: (frame: Uint8Array) => Promise<void> } | undefined> {
    try {
      const stream = await this.components.node.dialProtocol(parsePeerId(peerId), this.init.protocol, { signal: AbortSignal.timeout(this.timeoutMs) })
      this.stats.streamsOpened++
      const lp = lpStream(stream, { maxDataLength: this.init.maxFrameBytes })
      return { stream, write: (frame) => lp.write(frame, { signal: AbortSignal.timeout(this.timeoutMs) }) }
    } catch (err) {
      if (this.running) this.components.log(`cannot open direct stream to ${peerId}: ${errorMessage(err)}`)
      return undefined
    }
  }

  private async serve(stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString()
    this.inbound.add(stream)
    try {
      if (!(await this.init.authorize(peerId))) throw new Error('peer has no valid ticket')
      this.warm(peerId)
      const lp = lpStream(stream, { maxDataLength: this.init.maxFrameBytes })
      while (this.running) {
        const frame = (await lp.read()).subarray()
        this.stats.framesReceived++
        this.stats.bytesReceived += frame.length
        this.init.onFrame(peerId, frame)
      }
    } catch (err) {
      // End of stream is the normal way a peer closes or reconnects; anything else is logged and aborts only this stream.
      const name = (err as { name?: string } | undefined)?.name
      if (this.running && name !== 'UnexpectedEOFError' && name !== 'StreamResetError' && name !== 'StreamStateError') {
        this.components.log(`direct stream from ${peerId} closed: ${errorMessage(err)}`)
      }
      stream.abort(toError(err))
    } finally {
      this.inbound.delete(stream)
    }
  }
}
