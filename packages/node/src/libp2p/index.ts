/**
 * One factory for the node's libp2p instance, in the style of Lodestar's `createNodeJsLibp2p`: every module and
 * every non-default setting is chosen here, with the reason next to it, so the rest of the node never touches
 * libp2p configuration.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { bootstrap } from '@libp2p/bootstrap'
import { type GossipSub, gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { ConnectionGater, PrivateKey } from '@libp2p/interface'
import { type KadDHT, kadDHT } from '@libp2p/kad-dht'
import { type Ping, ping } from '@libp2p/ping'
import { prometheusMetrics } from '@libp2p/prometheus-metrics'
import { tcp } from '@libp2p/tcp'
import { type Libp2p, type Libp2pOptions, createLibp2p } from 'libp2p'
import type { Registry } from 'prom-client'
import { shareProcessMetrics } from './process-metrics.js'
import { DEFAULT_GOSSIP_TUNING, type GossipTuning, assertGossipTuning, leanGossipsubOptions } from './gossip-params.js'
import { type NetworkProfile, profileSettings } from './profiles.js'
import { dhtProtocol } from './protocols.js'
import { NetworkError } from '../network/errors.js'

// A type alias, not an interface: libp2p's ServiceMap constraint needs an index signature.
export type NodeServices = {
  identify: ReturnType<ReturnType<typeof identify>>
  ping: Ping
  pubsub: GossipSub
  /** Absent when the node runs with `dht: 'off'`. */
  dht?: KadDHT
}

/**
 * How a node finds peers. `server` answers DHT queries (real deployments: every reachable node should); `client`
 * queries but serves nobody (a light node behind NAT); `off` runs no DHT at all, for a swarm whose launcher hands
 * every node the peer list (no walks, no routing-table upkeep, and about half the connections: measured, the DHT
 * roughly doubled the connections per node, and every connection costs keep-alive and gossip upkeep).
 */
export type DhtMode = 'server' | 'client' | 'off'

export type NodeLibp2p = Libp2p<NodeServices>

export interface NodeLibp2pOptions {
  /** The node's Ed25519 identity (also its protocol author key). */
  privateKey: PrivateKey
  networkId: string
  profile: NetworkProfile
  /** Listen multiaddrs, e.g. `/ip4/127.0.0.1/tcp/0`. */
  listen: string[]
  /** Addresses to advertise instead of the listen addresses (public IP / DNS of a server). */
  announce?: string[]
  /** Bootstrap multiaddrs with `/p2p/<id>`; dialed once by @libp2p/bootstrap, re-dialed by the peer manager. */
  bootstrap: string[]
  /** A datastore (e.g. datastore-level) so the peer store and DHT records survive restarts; in-memory if absent. */
  datastore?: Libp2pOptions['datastore']
  connectionGater?: ConnectionGater
  /** Registry for this node's metrics. One per node: a shared global registry is wiped by every new node. */
  registry: Registry
  /** DHT server (answers queries). Servers: true; a light client behind NAT may say false. `dht` wins when set. */
  dhtServer?: boolean
  /** Default `server` (or `client` when `dhtServer` is false). */
  dht?: DhtMode
  /**
   * libp2p ConnectionMonitor ping interval in ms; 0 or absent = off (the default). The monitor pings every
   * connection of a node at once on one timer: ~1.5 ms of CPU per ping, and nodes started together ping together
   * (a prototype measured one burst of ~5,600 pings across 100 nodes that pushed finality p99 from 1.7 s to 5-6 s).
   * It only measures RTT here (a failed ping never closes a connection), so off loses no dead-peer detection: a
   * peer whose process exits or crashes is seen through TCP FIN/RST at once, and one whose host vanishes through
   * yamux's 30 s keep-alive frames, which the kernel's TCP retransmission timeout turns into a socket error.
   */
  pingIntervalMs?: number
  gossip?: Partial<GossipTuning>
  /** gossipsub P5 (application-specific score) source. */
  appSpecificScore?: (peerId: string) => number
  maxConnections?: number
}

export function dhtModeOf(opts: Pick<NodeLibp2pOptions, 'dht' | 'dhtServer'>): DhtMode {
  return opts.dht ?? (opts.dhtServer === false ? 'client' : 'server')
}

export async function createNodeLibp2p(opts: NodeLibp2pOptions): Promise<NodeLibp2p> {
  const profile = profileSettings(opts.profile)
  const tuning = { ...DEFAULT_GOSSIP_TUNING, ...opts.gossip }
  assertGossipTuning(tuning)
  const dhtMode = dhtModeOf(opts)
  const pingIntervalMs = opts.pingIntervalMs ?? 0
  if (!(Number.isFinite(pingIntervalMs) && pingIntervalMs >= 0)) throw new NetworkError('INVALID_OPTIONS', `pingIntervalMs must be >= 0 (0 = off), got ${pingIntervalMs}`)
  // Process-wide figures (event-loop lag, GC, heap) are collected once per process and shown in every node's
  // registry: per node, each of 50 co-hosted nodes ran its own event-loop monitor and GC observer.
  shareProcessMetrics(opts.registry)
  return createLibp2p<NodeServices>({
    privateKey: opts.privateKey,
    datastore: opts.datastore,
    start: false,
    addresses: {
      listen: opts.listen,
      announce: opts.announce ?? [],
    },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: opts.connectionGater,
    connectionManager: {
      maxConnections: opts.maxConnections ?? 100,
      ...profile.connectionManager,
    },
    // When on, a ping that times out under CPU load must not abort the connection (and every gossipsub stream on
    // it): a slow peer is handled by scoring instead.
    connectionMonitor: pingIntervalMs > 0 ? { pingInterval: pingIntervalMs, abortConnectionOnPingFailure: false } : { enabled: false },
    peerDiscovery: opts.bootstrap.length > 0 ? [bootstrap({ list: opts.bootstrap, timeout: 0 })] : [],
    metrics: prometheusMetrics({ registry: opts.registry, collectDefaultMetrics: false }),
    services: {
      identify: identify(),
      // Default 1 outbound stream per connection: the ConnectionMonitor's ping and kad-dht's liveness ping
      // collide (TooManyOutboundProtocolStreams). Must be named `ping`: kad-dht takes it as a component.
      ping: ping({ maxInboundStreams: 8, maxOutboundStreams: 8 }),
      pubsub: gossipsub(
        leanGossipsubOptions({
          tuning,
          ipColocationWhitelist: profile.ipColocationWhitelist,
          appSpecificScore: opts.appSpecificScore ?? (() => 0),
        }),
      ),
      ...(dhtMode === 'off'
        ? {}
        : {
            dht: kadDHT({
              protocol: dhtProtocol(opts.networkId),
              // Undefined means "server only once a public address is seen": never, on loopback or a LAN.
              clientMode: dhtMode === 'client',
              peerInfoMapper: profile.dhtPeerInfoMapper,
            }),
          }),
    },
  })
}

export { DEFAULT_GOSSIP_TUNING, type GossipTuning } from './gossip-params.js'
export { NETWORK_PROFILES, type NetworkProfile } from './profiles.js'
export { TICKET_PROTOCOL, dhtProtocol } from './protocols.js'
