/**
 * How bytes move between simulated nodes, and what each receiver's CPU pays for them.
 *
 * - **Gossip** floods the mesh hop by hop. A copy reaches a peer rtt/2 + jitter after it was sent, unless the link
 *   loses it (`loss`, per transmission). The first copy a node sees enters its CPU queue (later copies are dropped by
 *   the seen-cache; their cost is in the per-copy-set figure); when the queue has processed it, the engine gets it,
 *   and only if the engine accepts it (gossipsub's asynchronous validation) does the node forward it to its mesh
 *   peers. So a saturated relay slows the flood as it does for real. Every forward counts as traffic (to every mesh
 *   peer but one, duplicates included).
 * - **Direct messages** (`EnginePort.send`: one frame on a persistent stream) arrive rtt/2 + jitter after the
 *   sender's queue has written them, pass the receiver's queue, then reach `engine.deliver`. A link loses one with
 *   probability `loss`, like a gossip transmission.
 * - **Requests** (fetch, sync) cost a new stream at both ends, one message each way; a lost request fails after
 *   4 rtt + 1 ms.
 *
 * The sender's side of a message (signing, writing) is charged by the caller before it hands the message here
 * (`publishCost`, `sendCost`, ...): the message leaves when the sender's queue has done that work.
 */
import type { CpuCosts, SignatureClassifier } from './cpu-model.js'
import type { CpuQueues } from './cpu-queue.js'
import type { GossipMesh, Relays } from './mesh.js'
import type { SimRandom } from './random.js'
import type { Scheduler } from './scheduler.js'
import type { Traffic } from './traffic.js'

/** One gossip message in flight: per-node state of its flood. */
export interface Flood {
  readonly from: number
  readonly topic: string
  readonly data: Uint8Array
  /** Earliest arrival scheduled at each node (ms); later copies are never scheduled. */
  readonly best: Float64Array
  /** 1 once a node has taken the message in (its first copy arrived). */
  readonly seen: Uint8Array
  readonly silent: ReadonlySet<number> | undefined
  /** CPU ms one receiver spends on it (transport, decode, signatures). */
  readonly receiveMs: number
}

export interface TransportHandlers {
  /** Node `v`'s queue has processed a gossip message: hand it to its engine; true = accepted, forward it. */
  gossip(v: number, flood: Flood): boolean
  /** Node `to`'s queue has processed a direct message from `from`. */
  direct(to: number, from: number, data: Uint8Array): void
  /** Node `to`'s queue has processed a request; it answers through `respond` (its own sending work first). */
  request(to: number, from: number, requestId: number, data: Uint8Array): void
  response(to: number, from: number, requestId: number, data: Uint8Array): void
  requestFailed(node: number, requestId: number): void
}

export interface TransportParams {
  rttMs: number
  jitterMs: number
  loss: number
  /** Host (CPU queue) of every node. */
  hostOf: Int32Array
  costs: CpuCosts
  signatures: SignatureClassifier
  /** Whether traffic at the current time counts (the measured epochs). */
  counted: () => boolean
}

/** Direct messages and requests in flight. */
interface Direct {
  from: number
  to: number
  data: Uint8Array
  requestId: number
}

export class SimTransport {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly queues: CpuQueues,
    private readonly mesh: GossipMesh,
    private readonly traffic: Traffic,
    private readonly random: SimRandom,
    private readonly params: TransportParams,
    private readonly handlers: TransportHandlers,
  ) {}

  /** The publisher's CPU for one gossip publish (it writes D copies and takes copies back, as a relay does). */
  publishCost(bytes: number): number {
    return this.params.costs.gossip(bytes)
  }

  sendCost(bytes: number): number {
    return this.params.costs.directSend(bytes)
  }

  requestCost(bytes: number): number {
    return this.params.costs.model.streamOpenMs + this.params.costs.directSend(bytes)
  }

  responseCost(bytes: number): number {
    return this.params.costs.directSend(bytes)
  }

  /** Floods `data` from `from`, handing it first to `firstPeers` (all of its mesh peers for an ordinary publish). */
  publish(from: number, topic: string, data: Uint8Array, firstPeers: readonly number[], silent?: Relays): void {
    const n = this.mesh.params.nodes
    const flood: Flood = {
      from,
      topic,
      data,
      best: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      seen: new Uint8Array(n),
      silent: silent?.nodes,
      receiveMs: this.params.costs.gossip(data.length) + this.params.costs.check(this.params.signatures(data, 'gossip')),
    }
    flood.seen[from] = 1
    flood.best[from] = this.scheduler.now
    this.countGossip(data.length, firstPeers.length)
    this.transmit(flood, firstPeers)
  }

  /** One frame on the persistent stream from `from` to `to`. */
  send(from: number, to: number, data: Uint8Array): void {
    this.countDirect(data.length)
    if (from !== to && this.lost()) return
    const message: Direct = { from, to, data, requestId: -1 }
    this.scheduler.at(this.scheduler.now + this.oneWay(from, to), this.directArrives, message)
  }

  request(from: number, to: number, requestId: number, data: Uint8Array): void {
    this.countDirect(data.length)
    const message: Direct = { from, to, data, requestId }
    if (to < 0 || (from !== to && this.lost())) {
      this.scheduler.at(this.scheduler.now + 4 * this.params.rttMs + 1, this.requestTimesOut, message)
      return
    }
    this.scheduler.at(this.scheduler.now + this.oneWay(from, to), this.requestArrives, message)
  }

  respond(from: number, to: number, requestId: number, data: Uint8Array): void {
    this.countDirect(data.length)
    this.scheduler.at(this.scheduler.now + this.oneWay(from, to), this.responseArrives, { from, to, data, requestId } satisfies Direct)
  }

  private transmit(flood: Flood, peers: readonly number[]): void {
    const now = this.scheduler.now
    for (const v of peers) {
      if (flood.seen[v] === 1) continue
      if (this.lost()) continue
      const at = now + this.hop()
      if (at < flood.best[v]) {
        flood.best[v] = at
        this.scheduler.at(at, this.arrives, flood, v)
      }
    }
  }

  private readonly arrives = (flood: Flood, v: number): void => {
    if (flood.seen[v] === 1) return
    flood.seen[v] = 1
    this.queues.enqueue(this.params.hostOf[v], flood.receiveMs, this.processed, flood, v)
  }

  private readonly processed = (flood: Flood, v: number): void => {
    const accepted = this.handlers.gossip(v, flood)
    if (!accepted || flood.silent?.has(v)) return
    const peers = this.mesh.neighbours[v]
    this.countGossip(flood.data.length, Math.max(0, peers.length - 1))
    this.transmit(flood, peers)
  }

  private readonly directArrives = (m: Direct): void => {
    const { costs, signatures } = this.params
    const transport = m.from === m.to ? 0 : costs.directReceive(m.data.length)
    const cost = transport + costs.check(signatures(m.data, 'direct'))
    this.queues.enqueue(this.params.hostOf[m.to], cost, this.directProcessed, m)
  }

  private readonly directProcessed = (m: Direct): void => this.handlers.direct(m.to, m.from, m.data)

  private readonly requestArrives = (m: Direct): void => {
    const cost = this.params.costs.model.streamOpenMs + this.params.costs.directReceive(m.data.length) + this.params.costs.model.decodeMs
    this.queues.enqueue(this.params.hostOf[m.to], cost, this.requestProcessed, m)
  }

  private readonly requestProcessed = (m: Direct): void => this.handlers.request(m.to, m.from, m.requestId, m.data)

  private readonly responseArrives = (m: Direct): void => {
    const { costs, signatures } = this.params
    const cost = costs.directReceive(m.data.length) + costs.check(signatures(m.data, 'response'))
    this.queues.enqueue(this.params.hostOf[m.to], cost, this.responseProcessed, m)
  }

  private readonly responseProcessed = (m: Direct): void => this.handlers.response(m.to, m.from, m.requestId, m.data)

  private readonly requestTimesOut = (m: Direct): void => {
    this.queues.enqueue(this.params.hostOf[m.from], 0, this.requestFailed, m)
  }

  private readonly requestFailed = (m: Direct): void => this.handlers.requestFailed(m.from, m.requestId)

  private hop(): number {
    return this.params.rttMs / 2 + (this.params.jitterMs > 0 ? this.params.jitterMs * this.random.uniform() : 0)
  }

  private oneWay(from: number, to: number): number {
    return from === to ? 0 : this.hop()
  }

  private lost(): boolean {
    return this.params.loss > 0 && this.random.uniform() < this.params.loss
  }

  private countGossip(size: number, transmissions: number): void {
    if (transmissions > 0) this.traffic.gossip(size, transmissions, this.params.counted())
  }

  private countDirect(size: number): void {
    this.traffic.direct(size, this.params.counted())
  }
}
