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
 * store so libp2p's own connection pruning keeps them too and its reconnect queue re-dials them.
 * A Startable in the js-libp2p factory + components style; stop() clears every timer and aborts every dial/walk.
 */
import { randomBytes } from 'node:crypto'
import { KEEP_ALIVE, type Libp2p, type PeerId, type PeerInfo } from '@libp2p/interface'
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
  node: Pick<Libp2p, 'dial' | 'hangUp' | 'getPeers' | 'addEventListener' | 'removeEventListener' | 'peerStore' | 'peerId'>
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
 * Peer-store tag on the peers keepConnected protects. It starts with libp2p's KEEP_ALIVE prefix, so libp2p's
 * reconnect queue re-dials them when they drop, and its value keeps them last in line when the connection manager
 * prunes above maxConnections. The TTL bounds a tag left in a persistent peer store by a node that crashed.
 */
export const KEEP_CONNECTED_TAG = `${KEEP_ALIVE}-thermotruth`
const KEEP_CONNECTED_TAG_VALUE = 100
const KEEP_CONNECTED_TAG_TTL_MS = 10 * 60_000
/** Longest wait between two dials of a kept peer that keeps failing. */
const KEPT_BACKOFF_MAX_MS = 30_000

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
  /** Kept peers whose last dial failed: when the next try is due, and the current back-off. */
  private readonly keptRetry = new Map<string, { at: number; backoffMs: number }>()
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
    for (const id of released) this.kept.delete(id)
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
    const connected = new Set(this.components.node.getPeers().map((p) => p.toString()))
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
          if (await this.dial(peer, signal, id)) this.keptRetry.delete(id)
          else {
            // A kept peer that cannot be dialled (no address yet, refused, banned) is retried with a doubling
            // back-off up to the bootstrap maximum, not on every 1 s tick by every node that keeps it.
            this.stats.keepDialFailures++
            const backoffMs = Math.min(KEPT_BACKOFF_MAX_MS, (this.keptRetry.get(id)?.backoffMs ?? 500) * 2)
            this.keptRetry.set(id, { at: this.opts.now() + backoffMs, backoffMs })
          }
        }),
      )
    }
  }

  private schedule(delayMs: number): void {
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

  /** One maintenance round; never overlaps itself, always reschedules while started. */
  async tick(): Promise<void> {
    const abort = this.abort
    if (abort === undefined || this.ticking) return
    this.ticking = true
    try {
      const connected = new Set(this.components.node.getPeers().map((p) => p.toString()))
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

  private async dialDiscovered(connected: Set<string>, signal: AbortSignal): Promise<void> {
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

  private async dialBootstrap(connected: Set<string>, signal: AbortSignal): Promise<void> {
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

  private async prune(connected: Set<string>): Promise<void> {
    const excess = connected.size - this.opts.highWatermark
    // Kept peers are never pruned (they still count toward the watermark).
    const worst = [...this.components.node.getPeers()]
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
