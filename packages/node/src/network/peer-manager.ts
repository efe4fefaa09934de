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
 *    query that dials and handshakes with peers) were 35-45 % of the CPU profile.
 * A Startable in the js-libp2p factory + components style; stop() clears every timer and aborts every dial/walk.
 */
import { randomBytes } from 'node:crypto'
import type { Libp2p, PeerId, PeerInfo } from '@libp2p/interface'
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
  node: Pick<Libp2p, 'dial' | 'hangUp' | 'getPeers' | 'addEventListener' | 'removeEventListener'>
  dht: Pick<KadDHT, 'getClosestPeers'>
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
}

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
  }
  private readonly opts: Required<PeerManagerInit>
  private readonly bootstrapPeers: BootstrapPeer[]
  private readonly discovered = new Map<string, PeerId>()
  private readonly dialing = new Set<string>()
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
    const worst = [...this.components.node.getPeers()].sort((a, b) => this.components.score(a.toString()) - this.components.score(b.toString())).slice(0, excess)
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
    if (this.walking || now - this.lastWalkMs < intervalMs) return false
    this.walking = true
    this.lastWalkMs = now
    this.stats.randomWalks++
    void this.walk(AbortSignal.any([signal, AbortSignal.timeout(this.opts.randomWalkTimeoutMs)])).finally(() => {
      this.walking = false
    })
    return true
  }

  private async walk(signal: AbortSignal): Promise<void> {
    try {
      for await (const event of this.components.dht.getClosestPeers(randomBytes(32), { signal })) {
        if (event.name === 'FINAL_PEER') this.enqueue(event.peer.id)
        else if (event.name === 'PEER_RESPONSE') for (const info of event.closer) this.enqueue(info.id)
      }
    } catch (err) {
      if (!signal.aborted) this.components.log(`random walk failed: ${errorMessage(err)}`)
    }
  }
}
