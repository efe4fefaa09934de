/**
 * `Network` over libp2p: the factory-built libp2p node plus the three pieces the node needs on top of it (the
 * identity gate, gossip validation wiring and the peer manager). Everything libp2p-specific stays behind this.
 */
import type { PeerId, PrivateKey } from '@libp2p/interface'
import { Registry } from 'prom-client'
import { type DhtMode, type NodeLibp2p, type NodeLibp2pOptions, createNodeLibp2p } from '../libp2p/index.js'
import type { GossipTuning } from '../libp2p/gossip-params.js'
import type { NetworkProfile } from '../libp2p/profiles.js'
import { assertNetworkId } from '../libp2p/protocols.js'
import { PeerBanList } from './ban-list.js'
import { createConnectionGater } from './connection-gater.js'
import { NetworkError, errorMessage } from './errors.js'
import { type Gossipsub, GossipRouter } from './gossip-router.js'
import { DirectChannel } from './direct-channel.js'
import { authorOf, ed25519KeyOf, peerIdOf } from './identity.js'
import { registerNetworkMetrics } from './metrics.js'
import { PeerManager, type PeerManagerInit } from './peer-manager.js'
import { type RequestOptions, requestStreamHandler, sendRequest } from './request-response.js'
import { TicketExchange } from './ticket-exchange.js'
import type { GossipVerdict, Network, PeerSummary, RequestHandler, TicketGate } from './types.js'

export interface CreateNetworkOptions {
  privateKey: PrivateKey
  networkId: string
  ticketGate: TicketGate
  /** Default `production`; `local` only for a swarm on one machine. */
  profile?: NetworkProfile
  /** Default `/ip4/127.0.0.1/tcp/0` (loopback only unless the operator opts in). */
  listen?: string[]
  announce?: string[]
  bootstrap?: string[]
  datastore?: NodeLibp2pOptions['datastore']
  /** One registry per node; created if absent. */
  registry?: Registry
  dhtServer?: boolean
  /** Stack settings (libp2p/index.ts): `dht: 'off'` for a swarm whose launcher knows every peer; pings off by default. */
  dht?: DhtMode
  pingIntervalMs?: number
  gossip?: Partial<GossipTuning>
  /** Time a connected peer has to present a valid ticket. Default 5 s. */
  ticketGraceMs?: number
  /** How often accepted tickets are re-verified (expiry follows the current epoch). Default 30 s. */
  ticketRecheckIntervalMs?: number
  /** Time a peer that failed the identity gate is refused. Default 10 min. */
  banCooldownMs?: number
  /** Bound on serving one request (read + handler + write). Default 10 s. */
  serveTimeoutMs?: number
  /** Watermarks and timers of the peer manager (bootstrap list comes from `bootstrap`). */
  peerManager?: Partial<Omit<PeerManagerInit, 'bootstrap'>>
  log?: (msg: string) => void
}

const DEFAULT_LISTEN = ['/ip4/127.0.0.1/tcp/0']
const DEFAULT_TICKET_GRACE_MS = 5000
const DEFAULT_TICKET_RECHECK_MS = 30_000
const DEFAULT_BAN_COOLDOWN_MS = 10 * 60_000
const DEFAULT_SERVE_TIMEOUT_MS = 10_000
const TICKET_STREAM_TIMEOUT_MS = 5000
const MAX_APP_SCORES = 10_000
/** Enough for an aggregator connected to every node of a network of several hundred. */
const MAX_CONNECTIONS = 600

export async function createNetwork(opts: CreateNetworkOptions): Promise<Libp2pNetwork> {
  assertNetworkId(opts.networkId)
  const log = opts.log ?? (() => {})
  const registry = opts.registry ?? new Registry()
  const banList = new PeerBanList()
  const appScores = new Map<string, number>()
  const bootstrap = opts.bootstrap ?? []
  const libp2p = await createNodeLibp2p({
    privateKey: opts.privateKey,
    networkId: opts.networkId,
    profile: opts.profile ?? 'production',
    listen: opts.listen ?? DEFAULT_LISTEN,
    announce: opts.announce,
    bootstrap,
    datastore: opts.datastore,
    connectionGater: createConnectionGater(banList),
    registry,
    dhtServer: opts.dhtServer,
    dht: opts.dht,
    pingIntervalMs: opts.pingIntervalMs,
    gossip: opts.gossip,
    appSpecificScore: (peerId) => appScores.get(peerId) ?? 0,
    // Linear epochs: every node keeps a connection to each aggregator, so an aggregator holds one per node of the
    // network; a limit of 100 would prune an aggregator's followers, which keepConnected then re-dials.
    maxConnections: Math.max(MAX_CONNECTIONS, (opts.peerManager?.highWatermark ?? 0) * 2),
  })
  return new Libp2pNetwork(libp2p, { ...opts, bootstrap, registry, banList, appScores, log })
}

interface NetworkInit extends CreateNetworkOptions {
  bootstrap: string[]
  registry: Registry
  banList: PeerBanList
  appScores: Map<string, number>
  log: (msg: string) => void
}

export class Libp2pNetwork extends EventTarget implements Network {
  readonly peerId: string
  readonly publicKey: Uint8Array
  readonly metrics: Registry
  readonly tickets: TicketExchange
  readonly gossip: GossipRouter
  readonly peerManager: PeerManager
  readonly banList: PeerBanList
  /** Identity-gate outcomes since start (also exported as metrics). */
  readonly gateCounts = { ticketed: 0, rejected: 0 }
  private readonly appScores: Map<string, number>
  private readonly directChannels: DirectChannel[] = []
  private readonly serveTimeoutMs: number
  private readonly log: (msg: string) => void
  private started = false

  constructor(
    readonly libp2p: NodeLibp2p,
    init: NetworkInit,
  ) {
    super()
    this.peerId = libp2p.peerId.toString()
    this.publicKey = init.privateKey.publicKey.raw
    this.metrics = init.registry
    this.banList = init.banList
    this.appScores = init.appScores
    this.log = init.log
    this.serveTimeoutMs = init.serveTimeoutMs ?? DEFAULT_SERVE_TIMEOUT_MS
    this.tickets = new TicketExchange(
      { node: libp2p, log: init.log },
      {
        gate: init.ticketGate,
        banList: init.banList,
        graceMs: init.ticketGraceMs ?? DEFAULT_TICKET_GRACE_MS,
        banCooldownMs: init.banCooldownMs ?? DEFAULT_BAN_COOLDOWN_MS,
        streamTimeoutMs: TICKET_STREAM_TIMEOUT_MS,
        recheckIntervalMs: init.ticketRecheckIntervalMs ?? DEFAULT_TICKET_RECHECK_MS,
        onTicketed: (peerId) => {
          this.gateCounts.ticketed++
          this.emit('peer:ticketed', { peerId })
        },
        onRejected: (peerId, reason) => {
          this.gateCounts.rejected++
          this.emit('peer:rejected', { peerId, reason })
        },
      },
    )
    this.gossip = new GossipRouter(this.pubsub, (peerId) => this.tickets.isVerified(peerId), init.log)
    this.peerManager = new PeerManager(
      {
        node: libp2p,
        dht: libp2p.services.dht,
        score: (peerId) => this.pubsub.getScore(peerId),
        isBanned: (peerId) => init.banList.isBanned(peerId),
        log: init.log,
      },
      // The high watermark is an aggregator's need, not a follower's: every node keeps a connection to each
      // aggregator (linear epochs), so an aggregator holds about one per node; at 32 it would prune its followers,
      // which re-dial it (keepConnected) on their next tick.
      { lowWatermark: 8, highWatermark: 256, ...init.peerManager, bootstrap: init.bootstrap },
    )
    registerNetworkMetrics(init.registry, { gossip: this.gossip.counters, peerManager: this.peerManager.stats, gate: this.gateCounts, banList: init.banList, meshPeers: () => Object.fromEntries(this.gossip.topics().map((t) => [t, this.pubsub.getMeshPeers(t).length])) })
    this.tickets.rejections.register(init.registry)
  }

  private get pubsub(): Gossipsub {
    return this.libp2p.services.pubsub as Gossipsub
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail }))
  }

  private readonly onPeerDisconnect = (evt: CustomEvent<PeerId>): void => {
    this.emit('peer:disconnected', { peerId: evt.detail.toString() })
  }

  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    // The ticket handler and connection listener must exist before the first (bootstrap) connection opens.
    await this.tickets.start()
    this.gossip.start()
    this.libp2p.addEventListener('peer:disconnect', this.onPeerDisconnect)
    await this.libp2p.start()
    this.peerManager.start()
  }

  async stop(): Promise<void> {
    if (!this.started) return
    this.started = false
    for (const channel of this.directChannels) await channel.stop()
    this.peerManager.stop()
    this.gossip.stop()
    await this.tickets.stop()
    await this.libp2p.stop()
    this.libp2p.removeEventListener('peer:disconnect', this.onPeerDisconnect)
  }

  listenAddresses(): string[] {
    return this.libp2p.getMultiaddrs().map((ma) => ma.toString())
  }

  subscribe(
    topic: string,
    validate: (fromPeerId: string, data: Uint8Array) => GossipVerdict,
    onMessage: (fromPeerId: string, data: Uint8Array) => void,
  ): void {
    this.gossip.subscribe(topic, { validate, onMessage })
  }

  /** Publishes to the topic mesh. Resolves even with no topic peers yet (the message is then not sent). */
  async publish(topic: string, data: Uint8Array): Promise<void> {
    try {
      await this.pubsub.publish(topic, data)
    } catch (err) {
      throw new NetworkError('PUBLISH_FAILED', `publish on ${topic} failed: ${errorMessage(err)}`, { cause: err })
    }
  }

  async handle(protocol: string, handler: RequestHandler, maxRequestBytes: number): Promise<void> {
    if (!(Number.isInteger(maxRequestBytes) && maxRequestBytes > 0)) {
      throw new NetworkError('INVALID_OPTIONS', `maxRequestBytes must be a positive integer, got ${maxRequestBytes}`)
    }
    await this.libp2p.handle(
      protocol,
      requestStreamHandler(handler, {
        maxRequestBytes,
        timeoutMs: this.serveTimeoutMs,
        // A request may race the requester's ticket on a fresh connection: wait for the verdict, not just the state.
        authorize: async (peerId) => (await this.tickets.waitForVerdict(peerId)) === 'ticketed',
        log: this.log,
      }),
    )
  }

  /**
   * Persistent per-peer streams for one-way frames (linear epochs). Inbound frames from peers that pass the
   * identity gate go to `onFrame` in arrival order.
   */
  async openDirect(protocol: string, maxFrameBytes: number, onFrame: (peerId: string, frame: Uint8Array) => void): Promise<DirectChannel> {
    const channel = new DirectChannel(
      { node: this.libp2p, log: this.log },
      { protocol, maxFrameBytes, onFrame, authorize: async (peerId) => (await this.tickets.waitForVerdict(peerId)) === 'ticketed' },
    )
    await channel.start()
    this.directChannels.push(channel)
    return channel
  }

  /** True once the peer's identity ticket passed the gate on its current connection. */
  isTicketed(peerId: string): boolean {
    return this.tickets.isTicketed(peerId)
  }

  request(peerId: string, protocol: string, data: Uint8Array, opts: RequestOptions): Promise<Uint8Array> {
    return sendRequest(this.libp2p, peerId, protocol, data, opts)
  }

  peers(): PeerSummary[] {
    const meshPeers = new Set(this.gossip.topics().flatMap((t) => this.pubsub.getMeshPeers(t)))
    const byPeer = new Map<string, PeerSummary>()
    for (const conn of this.libp2p.getConnections()) {
      const peerId = conn.remotePeer.toString()
      const known = byPeer.get(peerId)
      if (known !== undefined) {
        known.addresses.push(conn.remoteAddr.toString())
        continue
      }
      // From the connection's PeerId object, not its string: re-parsing the base58 string of every connection on
      // every epoch was 4 % of a swarm host's CPU (an aggregator holds a connection per node).
      const key = ed25519KeyOf(conn.remotePeer)
      // Not an Ed25519 identity: it will fail the ticket gate; list it without an author meanwhile.
      const author = key === undefined ? '' : Buffer.from(key).toString('hex')
      byPeer.set(peerId, {
        peerId,
        author,
        addresses: [conn.remoteAddr.toString()],
        direction: conn.direction,
        ticketed: this.tickets.isTicketed(peerId),
        gossipScore: this.pubsub.getScore(peerId),
        inMesh: meshPeers.has(peerId),
      })
    }
    return [...byPeer.values()]
  }

  setApplicationScore(peerId: string, score: number): void {
    if (!Number.isFinite(score)) throw new NetworkError('INVALID_OPTIONS', `application score must be finite, got ${score}`)
    this.appScores.delete(peerId)
    this.appScores.set(peerId, score)
    // Bounded like gossipsub's own retained scores: forget the least recently set peers first.
    for (const old of this.appScores.keys()) {
      if (this.appScores.size <= MAX_APP_SCORES) break
      this.appScores.delete(old)
    }
  }

  authorOf(peerId: string): string {
    return authorOf(peerId)
  }

  peerIdOf(author: string): string {
    return peerIdOf(author)
  }
}
