/**
 * The libp2p stack the swarm's baseline nodes run on: the node's own `createNodeLibp2p` with the 'local' profile
 * (TCP on 127.0.0.1, noise, yamux, lean gossipsub) and its peer manager, with the same stack settings ThermoNodes
 * get in the swarm (`SWARM_STACK`), so the baselines and ThermoNode run the identical stack and differ only in
 * what they send. Each node gets its own prometheus Registry, so byte counters are per node even when many nodes
 * share a process.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { Registry } from 'prom-client'
import { createNodeLibp2p, type DhtMode, type NodeLibp2p } from '../libp2p/index.js'
import type { Gossipsub } from '../network/gossip-router.js'
import { PeerBanList } from '../network/ban-list.js'
import { createConnectionGater } from '../network/connection-gater.js'
import { PeerManager } from '../network/index.js'
import { TicketExchange } from '../network/ticket-exchange.js'
import type { BaselineIdentity } from './baseline-identity.js'
import type { NodeStats, PeerAddress, SwarmRunConfig } from './types.js'

/** Network id of the baselines' private DHT (keeps them apart from any ThermoTruth network on the machine). */
const BENCH_NETWORK_ID = 'thermotruth-bench'

/**
 * Stack settings every node kind of one swarm run shares (ThermoNode gets them through its network options).
 * ConnectionMonitor pings are off (libp2p/index.ts says why and what still detects a dead peer). The DHT is off
 * by default: the launcher hands every node the whole peer list (`rememberPeers`), so nothing needs discovering;
 * `dht: 'server'` measures the deployment setting, where every reachable node serves the DHT.
 */
export interface SwarmStack {
  dht: DhtMode
  pingIntervalMs: number
}

export function swarmStack(config: Pick<SwarmRunConfig, 'dht' | 'pingIntervalMs'>): SwarmStack {
  return { dht: config.dht ?? 'off', pingIntervalMs: config.pingIntervalMs ?? 0 }
}

/**
 * Every node kind of a swarm keeps its libp2p peer store in memory (libp2p's default; ThermoNodes get it by
 * overriding their network's datastore). A LevelDB peer store per node plus the ticket gate, with 5-15 nodes per
 * process, failed most connections here: 10 in-process nodes dialing each other ended with 1-7 of 9 peers (ticket
 * pushes found their streams closed, and a failed push bans the peer for 10 minutes), against 9 of 9 with either
 * one alone. Not root-caused; a real deployment runs one node per process and keeps its LevelDB peer store.
 */
export const SWARM_PEER_STORE = { datastore: undefined } as const

/** What ThermoNodes' network gets in a swarm on top of `swarmStack`: the baselines' peer store and gate timing. */
export function swarmNetworkOptions(config: Pick<SwarmRunConfig, 'dht' | 'pingIntervalMs'>) {
  return { ...swarmStack(config), ...SWARM_PEER_STORE, ticketGraceMs: SWARM_TICKET_GRACE_MS }
}

export interface SwarmLibp2pOptions {
  port: number
  bootstrapAddrs: string[]
  /** Keep 8..32 peers with the node's peer manager (gossiping kinds); all-to-all kinds dial everyone instead. */
  managePeers: boolean
  maxConnections?: number
  stack: SwarmStack
  /**
   * The node's identity, as a ThermoNode has one: its key is the libp2p key and its ticket passes the identity
   * gate (ThermoNode's TicketExchange, same timings). Without it: a fresh key and no gate. The peer store is in
   * memory for every kind in a swarm (`SWARM_PEER_STORE`).
   */
  identity?: BaselineIdentity
}

/** Identity-gate events on stderr with SWARM_NODE_LOG set (as ThermoNodes log theirs). */
const gateLog = (line: string): void => {
  if (process.env.SWARM_NODE_LOG) process.stderr.write(`gate: ${line}\n`)
}

/**
 * ThermoNode's Network defaults (network/network.ts), so the gate costs a baseline what it costs a ThermoNode,
 * except the grace period, which is the swarm's (`SWARM_TICKET_GRACE_MS`, ThermoNodes get it too).
 */
const TICKET_GATE_TIMINGS = { graceMs: 0, banCooldownMs: 10 * 60_000, streamTimeoutMs: 5000, recheckIntervalMs: 30_000 }

/**
 * Time a connected peer has to present its ticket, for every kind in a swarm. ThermoNode's default is 5 s; with
 * 5-50 nodes per event loop on a shared 2-core machine a ticket push can take longer, and a peer that misses it
 * is banned for 10 minutes: at load average ~14, 10-node swarms lost whole hosts' worth of connections that way.
 */
export const SWARM_TICKET_GRACE_MS = 30_000

export interface SwarmLibp2p {
  libp2p: NodeLibp2p
  registry: Registry
  stop(): Promise<void>
}

export async function createSwarmLibp2p(opts: SwarmLibp2pOptions): Promise<SwarmLibp2p> {
  const registry = new Registry()
  const { identity } = opts
  const banList = new PeerBanList()
  const libp2p = await createNodeLibp2p({
    privateKey: identity?.privateKey ?? (await generateKeyPair('Ed25519')),
    networkId: BENCH_NETWORK_ID,
    profile: 'local',
    listen: [`/ip4/127.0.0.1/tcp/${opts.port}`],
    bootstrap: opts.bootstrapAddrs,
    registry,
    maxConnections: opts.maxConnections,
    connectionGater: identity === undefined ? undefined : createConnectionGater(banList),
    dht: opts.stack.dht,
    pingIntervalMs: opts.stack.pingIntervalMs,
  })
  const tickets =
    identity === undefined
      ? undefined
      : new TicketExchange(
          { node: libp2p, log: gateLog },
          { gate: identity.ticketGate, banList, ...TICKET_GATE_TIMINGS, graceMs: SWARM_TICKET_GRACE_MS, onTicketed: () => undefined, onRejected: (peerId, reason) => gateLog(`rejected ${peerId}: ${reason}`) },
        )
  // The ticket handler must exist before the first connection opens.
  await tickets?.start()
  await libp2p.start()
  // The same watermarks the node's Network uses by default.
  const peers = opts.managePeers
    ? new PeerManager(
        {
          node: libp2p,
          dht: libp2p.services.dht,
          score: (peerId) => (libp2p.services.pubsub as Gossipsub).getScore(peerId),
          isBanned: (peerId) => banList.isBanned(peerId),
          log: () => undefined,
        },
        { lowWatermark: 8, highWatermark: 32, bootstrap: opts.bootstrapAddrs },
      )
    : undefined
  peers?.start()
  return {
    libp2p,
    registry,
    async stop() {
      peers?.stop()
      await tickets?.stop()
      await libp2p.stop()
    },
  }
}

/** Sums libp2p_data_transfer_bytes_total by protocol from a node's registry. */
export async function readTransferBytes(registry: Registry): Promise<Record<string, { sent: number; received: number }>> {
  const metric = registry.getSingleMetric('libp2p_data_transfer_bytes_total')
  const out: Record<string, { sent: number; received: number }> = {}
  if (metric === undefined) return out
  const data = await metric.get()
  for (const { labels, value } of data.values) {
    const label = String(labels.protocol ?? '')
    const space = label.lastIndexOf(' ')
    if (space < 0) continue
    const protocol = label.slice(0, space)
    const direction = label.slice(space + 1)
    const entry = out[protocol] ?? { sent: 0, received: 0 }
    out[protocol] = entry
    if (direction === 'sent') entry.sent += value
    else if (direction === 'received') entry.received += value
  }
  return out
}

/** Runs `fn` over `items` with at most `concurrency` calls in flight. */
export async function forEachBounded<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

/** Concurrent dials per node: hundreds of simultaneous noise handshakes on a busy 2-core host all time out. */
const DIAL_CONCURRENCY = 4
const DIAL_ATTEMPTS = 2
const DIAL_TIMEOUT_MS = 20_000

/**
 * Dials each address, a few at a time, retrying once; failures are ignored (seeding is an optimisation, the
 * bootstrap path and later dials still work). Measured: at n=30 all-to-all, 435 handshakes started at once on a
 * loaded machine left most nodes with 6-8 of 29 peers, every other dial aborted by its timeout.
 */
export async function dialAll(libp2p: NodeLibp2p, addrs: string[]): Promise<void> {
  await forEachBounded(addrs, DIAL_CONCURRENCY, async (addr) => {
    for (let attempt = 0; attempt < DIAL_ATTEMPTS && libp2p.status === 'started'; attempt++) {
      try {
        await libp2p.dial(multiaddr(addr), { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) })
        return
      } catch {
        // retried once, then left to later dials
      }
    }
  })
}

export function libp2pMultiaddrs(libp2p: NodeLibp2p): string[] {
  return libp2p.getMultiaddrs().map((ma) => ma.toString())
}

export function dhtRoutingTableSize(libp2p: NodeLibp2p): number {
  const dht = libp2p.services.dht as { routingTable?: { size: number } } | undefined
  return dht?.routingTable?.size ?? -1
}

/**
 * Writes the launcher's peer list into the node's peer store (addresses only, no dials), so the node can dial any
 * swarm member by peer id, as the DHT would let it in a real deployment. Sequential: a persistent peer store is a
 * LevelDB per node, and this runs before the measured window.
 */
export async function rememberPeers(libp2p: NodeLibp2p, peers: PeerAddress[]): Promise<void> {
  for (const { addr } of peers) {
    const at = addr.lastIndexOf('/p2p/')
    if (at < 0) continue
    try {
      const peerId = peerIdFromString(addr.slice(at + 5))
      if (peerId.equals(libp2p.peerId)) continue
      await libp2p.peerStore.merge(peerId, { multiaddrs: [multiaddr(addr.slice(0, at))] })
    } catch {
      // a malformed address from the launcher: that peer is then dialed only if it dials us
    }
  }
}

export function distinctPeers(libp2p: NodeLibp2p): number {
  return libp2p.getPeers().length
}

/** A baseline node's stats: what its libp2p node and metrics registry report, plus the factory's own counters. */
export async function stackStats(
  node: number,
  libp2p: NodeLibp2p,
  registry: Registry,
  own: Pick<NodeStats, 'meshPeers' | 'messagesSent' | 'proposalBytes'>,
): Promise<NodeStats> {
  return {
    node,
    bytes: await readTransferBytes(registry),
    connections: libp2p.getConnections().length,
    peers: distinctPeers(libp2p),
    dhtPeers: dhtRoutingTableSize(libp2p),
    ...own,
  }
}
