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
import { DEFAULT_GOSSIP_TUNING, type GossipTuning, assertGossipTuning, leanGossipsubOptions } from './gossip-params.js'
import { type NetworkProfile, profileSettings } from './profiles.js'
import { dhtProtocol } from './protocols.js'

// A type alias, not an interface: libp2p's ServiceMap constraint needs an index signature.
export type NodeServices = {
  identify: ReturnType<ReturnType<typeof identify>>
  ping: Ping
  pubsub: GossipSub
  dht: KadDHT
}

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
  /** DHT server (answers queries). Servers and swarm nodes: true; a light client behind NAT may say false. */
  dhtServer?: boolean
  gossip?: Partial<GossipTuning>
  /** gossipsub P5 (application-specific score) source. */
  appSpecificScore?: (peerId: string) => number
  maxConnections?: number
}

export async function createNodeLibp2p(opts: NodeLibp2pOptions): Promise<NodeLibp2p> {
  const profile = profileSettings(opts.profile)
  const tuning = { ...DEFAULT_GOSSIP_TUNING, ...opts.gossip }
  assertGossipTuning(tuning)
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
    // ConnectionMonitor pings every connection; under CPU load a ping times out and, by default, the whole
    // connection (and every gossipsub stream on it) is aborted. A slow peer is handled by scoring instead.
    connectionMonitor: { abortConnectionOnPingFailure: false },
    peerDiscovery: opts.bootstrap.length > 0 ? [bootstrap({ list: opts.bootstrap, timeout: 0 })] : [],
    metrics: prometheusMetrics({ registry: opts.registry }),
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
      dht: kadDHT({
        protocol: dhtProtocol(opts.networkId),
        // Undefined means "server only once a public address is seen": never, on loopback or a LAN.
        clientMode: opts.dhtServer === false,
        peerInfoMapper: profile.dhtPeerInfoMapper,
      }),
    },
  })
}

export { DEFAULT_GOSSIP_TUNING, type GossipTuning } from './gossip-params.js'
export { NETWORK_PROFILES, type NetworkProfile } from './profiles.js'
export { TICKET_PROTOCOL, dhtProtocol } from './protocols.js'
