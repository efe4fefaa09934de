/**
 * Keeps the node between a low and a high watermark of connected peers. libp2p v3 has no auto-dialer:
 * @libp2p/bootstrap dials its list exactly once (a handshake that times out under start-up load leaves the node
 * isolated for good) and peers discovered through the DHT are never dialed by anyone. So, on every tick:
 *  - below the low watermark: dial discovered peers, re-dial unconnected bootstrap peers with capped exponential
 *    backoff, and run a DHT random walk (`getClosestPeers(random key)`) to discover more;
 *  - above the high watermark: hang up on the worst-scoring peers (gossipsub score, which includes P5, the
 *    engine's reputation of the peer);
 *  - otherwise: an occasional random walk keeps the routing table fresh (kad-dht's own refresh is fixed at 5 min),
 *    backing off exponentially while the node stays satisfied: in an idle 15-node swarm the walks (each one a DHT
 *    query that dials and handshakes with peers) were 35-45 % of the CPU profile. A node without a DHT (a swarm
 *    whose launcher hands out the peer list) skips the walks.
 * `keepConnected(peerIds)` names the peers the protocol needs every epoch (linear epochs: the aggregator set):
 * they are dialed ahead of time, re-dialed on each tick while disconnected, never pruned, and tagged in the peer
 * store (with a high value) so libp2p's own connection pruning keeps them too. Re-dials back off while they fail,
 * and also while they flap: a dial that succeeds but loses its connection within `KEPT_STABLE_MS` (the remote's
 * identity gate refused us after the handshake) counts as a failure. The tag deliberately lacks libp2p's
 * KEEP_ALIVE prefix: libp2p's reconnect queue re-dials such a peer at once on every disconnect, and against a
 * remote that drops us after each handshake that was a tight loop (measured: ~50 handshakes a second across a
 * 100-node swarm, 60 % of both cores, with no protocol traffic).
 * A Startable in the js-libp2p factory + components style; stop() clears every timer and aborts every dial/walk.
 */
import { randomBytes } from 'node:crypto'
import type { Libp2p, PeerId, PeerInfo } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import type { KadDHT } from '@libp2p/kad-dht'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { NetworkError, errorMessage } from './errors.js'

export interface PeerManagerInit {
  /** Bootstrap multiaddrs, each ending in `/p2p/<peer id>`. */
  bootstrap: string[]
  lowWatermark: number
  highWatermark: number
  tickIntervalMs?: number
  bootstrapBackoffInitialMs?: number
  bootstrapBackoffMaxMs?: number
  randomWalkIntervalMs?: number
  randomWalkTimeoutMs?: number
  dialTimeoutMs?: number
  maxParallelDials?: number
  /** Bound on remembered, not yet dialed discoveries. */
  maxQueuedDiscoveries?: number
  /** Longest gap between random walks while the node stays above its low watermark. */
  satisfiedWalkMaxIntervalMs?: number
  /** Clock (tests). */
  now?: () => number
}

export interface PeerManagerComponents {
  node: Pick<Libp2p, 'dial' | 'hangUp' | 'getConnections' | 'addEventListener' | 'removeEventListener' | 'peerStore' | 'peerId'>
  /** Absent when the node runs no DHT: no random walks then. */
  dht?: Pick<KadDHT, 'getClosestPeers'>
  /** Higher is better; the worst are pruned first. */
  score: (peerId: string) => number
  /** Banned peers are neither queued nor dialed (the gater would refuse them anyway). */
  isBanned: (peerId: string) => boolean
  log: (msg: string) => void
}

export interface PeerManagerStats {
  bootstrapDials: number
  bootstrapDialFailures: number
  discoveryDials: number
  discoveryDialFailures: number
  randomWalks: number
  pruned: number
  /** Dials of peers named by keepConnected, and how many failed. */
  keepDials: number
  keepDialFailures: number
}

/**
 * Peer-store tag on the peers keepConnected protects. Its value keeps them last in line when libp2p's connection
 * manager prunes above maxConnections (it sorts by summed tag values). No KEEP_ALIVE prefix: see the header. The TTL
 * bounds a tag left in a persistent peer store by a node that crashed.
 */
export const KEEP_CONNECTED_TAG = 'thermotruth-keep-connected'
const KEEP_CONNECTED_TAG_VALUE = 100
const KEEP_CONNECTED_TAG_TTL_MS = 10 * 60_000
/** Longest wait between two dials of a kept peer that keeps failing. */
const KEPT_BACKOFF_MAX_MS = 30_000
/** First wait after a failed (or flapping) dial of a kept peer; doubles up to KEPT_BACKOFF_MAX_MS. */
const KEPT_BACKOFF_INITIAL_MS = 1000
/** A kept peer's connection that has lasted this long clears its back-off: the peer is no longer flapping. */
export const KEPT_STABLE_MS = 10_000

interface BootstrapPeer {
  addr: Multiaddr
  peerId: string
  backoffMs: number
  nextAttemptMs: number
}

const DEFAULTS = {
  tickIntervalMs: 1000,
  bootstrapBackoffInitialMs: 1000,
  bootstrapBackoffMaxMs: 60_000,
  randomWalkIntervalMs: 10_000,
  randomWalkTimeoutMs: 10_000,
  dialTimeoutMs: 10_000,
  maxParallelDials: 4,
  maxQueuedDiscoveries: 256,
  satisfiedWalkMaxIntervalMs: 15 * 60_000,
  now: Date.now,
}

/** The first walk above the low watermark comes this many times later than below it; each later one doubles. */
const SATISFIED_WALK_SLOWDOWN = 6

export function peerManager(init: PeerManagerInit): (components: PeerManagerComponents) => PeerManager {
  return (components) => new PeerManager(components, init)
}

export class PeerManager {
  readonly stats: PeerManagerStats = {
    bootstrapDials: 0,
    bootstrapDialFailures: 0,
    discoveryDials: 0,
    discoveryDialFailures: 0,
    randomWalks: 0,
    pruned: 0,
    keepDials: 0,
    keepDialFailures: 0,
  }
  private readonly opts: Required<PeerManagerInit>
  private readonly bootstrapPeers: BootstrapPeer[]
  private readonly discovered = new Map<string, PeerId>()
  private readonly dialing = new Set<string>()
  /** Peers named by the last keepConnected call (never pruned, re-dialed while disconnected). */
  private readonly kept = new Set<string>()
  /**
   * Kept peers dialed recently: when the next dial may go out and the current back-off. Kept after a successful
   * dial too (`dialedOkAt`), until the connection has lasted KEPT_STABLE_MS, so a flapping peer backs off.
   */
  private readonly keptRetry = new Map<string, { at: number; backoffMs: number; dialedOkAt?: number }>()
  private timer?: ReturnType<typeof setTimeout>
  private abort?: AbortController
  private ticking = false
  private walking = false
  private lastWalkMs = Number.NEGATIVE_INFINITY
  private satisfiedWalkIntervalMs: number

  constructor(
    private readonly components: PeerManagerComponents,
    init: PeerManagerInit,
  ) {
    this.opts = { ...DEFAULTS, ...init }
    this.satisfiedWalkIntervalMs = this.opts.randomWalkIntervalMs * SATISFIED_WALK_SLOWDOWN
    if (!(this.opts.lowWatermark >= 0 && this.opts.highWatermark >= this.opts.lowWatermark)) {
      throw new NetworkError('INVALID_OPTIONS', `need 0 <= lowWatermark <= highWatermark, got ${this.opts.lowWatermark}/${this.opts.highWatermark}`)
    }
    this.bootstrapPeers = this.opts.bootstrap.map((text) => {
      const addr = multiaddr(text)
      const peerId = addr.getComponents().find((c) => c.name === 'p2p')?.value
      if (peerId === undefined) throw new NetworkError('INVALID_OPTIONS', `bootstrap address needs /p2p/<peer id>: ${text}`)
      return { addr, peerId, backoffMs: this.opts.bootstrapBackoffInitialMs, nextAttemptMs: 0 }
    })
  }

  isStarted(): boolean {
    return this.abort !== undefined
  }

  start(): void {
    if (this.abort !== undefined) return
    this.abort = new AbortController()
    this.components.node.addEventListener('peer:discovery', this.onDiscovery)
    this.schedule(0)
  }

  stop(): void {
    if (this.abort === undefined) return
    clearTimeout(this.timer)
    this.timer = undefined
    this.abort.abort(new Error('peer manager stopped'))
    this.abort = undefined
    this.components.node.removeEventListener('peer:discovery', this.onDiscovery)
    this.discovered.clear()
  }

  /** The peers the last keepConnected call named (minus this node itself). */
  keptPeers(): string[] {
    return [...this.kept]
  }

  /**
   * Keep these peers connected (called every epoch with the protocol's wanted peers, as peer id strings): tags and
   * dials the ones not yet kept, untags the ones no longer named. Resolves once the tags are written and the dials
   * have finished or failed; never rejects (a failed dial is retried on the next tick). Dialing a peer by id needs
   * its addresses in the peer store: the DHT finds them in a real deployment, the swarm launcher writes them.
   */
  async keepConnected(peerIds: readonly string[]): Promise<void> {
    const self = this.components.node.peerId.toString()
    const wanted = new Set(peerIds.filter((id) => id !== self && !this.components.isBanned(id)))
    const released = [...this.kept].filter((id) => !wanted.has(id))
    const added = [...wanted].filter((id) => !this.kept.has(id))
    for (const id of released) {
      this.kept.delete(id)
      this.keptRetry.delete(id)
    }
    for (const id of added) this.kept.add(id)
    await Promise.all([
      ...released.map((id) => this.setKeepTag(id, false)),
      ...added.map((id) => this.setKeepTag(id, true)),
    ])
    const signal = this.abort?.signal
    if (signal !== undefined) await this.dialKept(signal)
  }

  private async setKeepTag(id: string, keep: boolean): Promise<void> {
    try {
      const tag = keep ? { value: KEEP_CONNECTED_TAG_VALUE, ttl: KEEP_CONNECTED_TAG_TTL_MS } : undefined
      await this.components.node.peerStore.merge(peerIdFromString(id), { tags: { [KEEP_CONNECTED_TAG]: tag } })
    } catch (err) {
      this.components.log(`${keep ? 'tagging' : 'untagging'} kept peer ${id} failed: ${errorMessage(err)}`)
    }
  }

  /** Dials every kept peer that is neither connected nor being dialed, a bounded number at a time. */
  private async dialKept(signal: AbortSignal): Promise<void> {
    const connected = this.connectedPeers()
    const now = this.opts.now()
    const due = [...this.kept].filter((id) => !connected.has(id) && !this.dialing.has(id) && (this.keptRetry.get(id)?.at ?? 0) <= now)
    for (let i = 0; i < due.length && !signal.aborted; i += this.opts.maxParallelDials) {
      await Promise.all(
        due.slice(i, i + this.opts.maxParallelDials).map(async (id) => {
          this.stats.keepDials++
          let peer: PeerId
          try {
            peer = peerIdFromString(id)
          } catch {
            this.kept.delete(id)
            this.components.log(`keepConnected: not a peer id: ${id}`)
            return
          }
          const ok = await this.dial(peer, signal, id)
          if (!ok) this.stats.keepDialFailures++
          // Failed, or connected but not yet proven stable: the next dial of this peer waits a doubling back-off
          // (a kept peer that cannot be dialled, or that drops us after each handshake, is not re-dialled on
          // every 1 s tick by every node that keeps it). `clearStableBackoffs` forgets it once the link holds.
          const previous = this.keptRetry.get(id)?.backoffMs
          const backoffMs = previous === undefined ? KEPT_BACKOFF_INITIAL_MS : Math.min(KEPT_BACKOFF_MAX_MS, previous * 2)
          const now = this.opts.now()
          this.keptRetry.set(id, { at: now + backoffMs, backoffMs, dialedOkAt: ok ? now : undefined })
        }),
      )
    }
  }

  /** Kept peers connected for KEPT_STABLE_MS since our last successful dial lose their back-off. */
  private clearStableBackoffs(connected: ReadonlyMap<string, PeerId>): void {
    const now = this.opts.now()
    for (const [id, retry] of this.keptRetry) {
      if (retry.dialedOkAt !== undefined && connected.has(id) && now - retry.dialedOkAt >= KEPT_STABLE_MS) this.keptRetry.delete(id)
    }
  }

  private schedule(delayMs: number): void {
    // One pending tick at a time: a tick run from outside the timer (tests) must not leave the old timer behind.
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.tick(), delayMs)
  }

  private readonly onDiscovery = (evt: CustomEvent<PeerInfo>): void => {
    this.enqueue(evt.detail.id)
  }

  private enqueue(peer: PeerId): void {
    const id = peer.toString()
    if (this.components.isBanned(id) || this.discovered.has(id)) return
    this.discovered.set(id, peer)
    // Map iteration is insertion order: drop the oldest discoveries first.
    for (const old of this.discovered.keys()) {
      if (this.discovered.size <= this.opts.maxQueuedDiscoveries) break
      this.discovered.delete(old)
    }
  }

  /**
   * Ids of the connected peers. From the connections' own PeerIds (whose string form is cached), not libp2p's
   * getPeers(), which rebuilds every PeerId from its string: at n=100 that was ~7 % of a host's CPU at 1 tick/s/node.
   */
  private connectedPeers(): Map<string, PeerId> {
    return new Map(this.components.node.getConnections().map((c) => [c.remotePeer.toString(), c.remotePeer]))
  }

  /** One maintenance round; never overlaps itself, always reschedules while started. */
  async tick(): Promise<void> {
    const abort = this.abort
    if (abort === undefined || this.ticking) return
    this.ticking = true
    try {
      const connected = this.connectedPeers()
      this.clearStableBackoffs(connected)
      // In the background: a kept peer that is down must not hold up the watermark upkeep below.
      if ([...this.kept].some((id) => !connected.has(id) && !this.dialing.has(id))) void this.dialKept(abort.signal)
      if (connected.size < this.opts.lowWatermark) {
        this.satisfiedWalkIntervalMs = this.opts.randomWalkIntervalMs * SATISFIED_WALK_SLOWDOWN
        await Promise.all([this.dialDiscovered(connected, abort.signal), this.dialBootstrap(connected, abort.signal)])
        this.maybeWalk(this.opts.randomWalkIntervalMs, abort.signal)
      } else {
        if (connected.size > this.opts.highWatermark) await this.prune(connected)
        if (this.maybeWalk(this.satisfiedWalkIntervalMs, abort.signal)) {
          this.satisfiedWalkIntervalMs = Math.min(this.satisfiedWalkIntervalMs * 2, this.opts.satisfiedWalkMaxIntervalMs)
        }
      }
    } catch (err) {
      this.components.log(`peer manager tick failed: ${errorMessage(err)}`)
    } finally {
      this.ticking = false
      if (this.abort === abort) this.schedule(this.opts.tickIntervalMs)
    }
  }

  private async dialDiscovered(connected: ReadonlyMap<string, PeerId>, signal: AbortSignal): Promise<void> {
    const budget = Math.min(this.opts.lowWatermark - connected.size, this.opts.maxParallelDials)
    const picks: PeerId[] = []
    for (const [id, peer] of this.discovered) {
      if (picks.length >= budget) break
      this.discovered.delete(id)
      if (connected.has(id) || this.dialing.has(id) || this.components.isBanned(id)) continue
      picks.push(peer)
    }
    await Promise.all(
      picks.map(async (peer) => {
        this.stats.discoveryDials++
        if (!(await this.dial(peer, signal))) this.stats.discoveryDialFailures++
      }),
    )
  }

  private async dialBootstrap(connected: ReadonlyMap<string, PeerId>, signal: AbortSignal): Promise<void> {
    const now = this.opts.now()
    const due = this.bootstrapPeers.filter((b) => !connected.has(b.peerId) && !this.dialing.has(b.peerId) && b.nextAttemptMs <= now)
    await Promise.all(
      due.map(async (b) => {
        this.stats.bootstrapDials++
        if (await this.dial(b.addr, signal, b.peerId)) {
          b.backoffMs = this.opts.bootstrapBackoffInitialMs
          b.nextAttemptMs = 0
        } else {
          this.stats.bootstrapDialFailures++
          b.nextAttemptMs = this.opts.now() + b.backoffMs
          b.backoffMs = Math.min(b.backoffMs * 2, this.opts.bootstrapBackoffMaxMs)
        }
      }),
    )
  }

  private async dial(target: PeerId | Multiaddr, signal: AbortSignal, id = target.toString()): Promise<boolean> {
    this.dialing.add(id)
    try {
      await this.components.node.dial(target, { signal: AbortSignal.any([signal, AbortSignal.timeout(this.opts.dialTimeoutMs)]) })
      return true
    } catch (err) {
      if (!signal.aborted) this.components.log(`dial ${id} failed: ${errorMessage(err)}`)
      return false
    } finally {
      this.dialing.delete(id)
    }
  }

  private async prune(connected: ReadonlyMap<string, PeerId>): Promise<void> {
    const excess = connected.size - this.opts.highWatermark
    // Kept peers are never pruned (they still count toward the watermark).
    const worst = [...connected.values()]
      .filter((p) => !this.kept.has(p.toString()))
      .sort((a, b) => this.components.score(a.toString()) - this.components.score(b.toString()))
      .slice(0, excess)
    await Promise.all(
      worst.map(async (peer) => {
        this.stats.pruned++
        await this.components.node.hangUp(peer).catch((err) => this.components.log(`hang up ${peer} failed: ${errorMessage(err)}`))
      }),
    )
  }

  /** A bounded walk in the background, so a slow DHT query never delays dials or pruning; true if one started. */
  private maybeWalk(intervalMs: number, signal: AbortSignal): boolean {
    const now = this.opts.now()
    if (this.components.dht === undefined || this.walking || now - this.lastWalkMs < intervalMs) return false
    this.walking = true
    this.lastWalkMs = now
    this.stats.randomWalks++
    void this.walk(AbortSignal.any([signal, AbortSignal.timeout(this.opts.randomWalkTimeoutMs)])).finally(() => {
      this.walking = false
    })
    return true
  }

  private async walk(signal: AbortSignal): Promise<void> {
    const dht = this.components.dht
    if (dht === undefined) return
    try {
      for await (const event of dht.getClosestPeers(randomBytes(32), { signal })) {
        if (event.name === 'FINAL_PEER') this.enqueue(event.peer.id)
        else if (event.name === 'PEER_RESPONSE') for (const info of event.closer) this.enqueue(info.id)
      }
    } catch (err) {
      if (!signal.aborted) this.components.log(`random walk failed: ${errorMessage(err)}`)
    }
  }
}
