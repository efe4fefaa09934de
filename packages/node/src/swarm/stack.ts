/**
 * The libp2p stack the swarm's baseline nodes run on: real TCP on 127.0.0.1, noise, yamux, identify, ping,
 * gossipsub, kad-dht, with a per-node prometheus Registry so byte counters are per node even when many nodes share
 * a process. Settings follow the measured loopback pitfalls (IP-colocation penalty off, loopback allow-listed,
 * kad-dht in server mode with private addresses kept, ping stream limits raised, no abort on ping failure).
 *
 * Interim: this adapter builds libp2p itself until the node's own `createNodeLibp2p` ('local' profile) lands; then
 * it delegates to it, so baselines and ThermoNode run the identical stack.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { bootstrap } from '@libp2p/bootstrap'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { prometheusMetrics } from '@libp2p/prometheus-metrics'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2p } from 'libp2p'
import { createHash } from 'node:crypto'
import { Registry } from 'prom-client'

export interface SwarmLibp2pOptions {
  port: number
  bootstrapAddrs: string[]
  dht: boolean
}

export interface SwarmLibp2p {
  libp2p: Libp2p<any>
  registry: Registry
}

/** Bounded bootstrap re-dial: @libp2p/bootstrap dials once, and a start-up handshake can time out under load. */
const REDIAL_TRIES = 40
const REDIAL_INTERVAL_MS = 2000

export async function createSwarmLibp2p(opts: SwarmLibp2pOptions): Promise<SwarmLibp2p> {
  const registry = new Registry()
  const services: Record<string, any> = {
    identify: identify(),
    ping: ping({ maxOutboundStreams: 8, maxInboundStreams: 8 }),
    pubsub: gossipsub({
      allowPublishToZeroTopicPeers: true,
      emitSelf: false,
      // Lean profile: payloads carry their own authentication, so no per-message libp2p signatures;
      // content-addressed ids; publish to mesh peers only.
      globalSignaturePolicy: 'StrictNoSign',
      msgIdFn: (msg: { data: Uint8Array }) => createHash('sha256').update(msg.data).digest(),
      floodPublish: false,
      scoreParams: { IPColocationFactorWeight: 0 },
    }),
  }
  if (opts.dht) {
    services.dht = kadDHT({ protocol: '/thermotruth-swarm/kad/1.0.0', clientMode: false, peerInfoMapper: passthroughMapper })
  }
  const libp2p = await createLibp2p({
    addresses: { listen: [`/ip4/127.0.0.1/tcp/${opts.port}`] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: opts.bootstrapAddrs.length > 0 ? [bootstrap({ list: opts.bootstrapAddrs, timeout: 0 })] : [],
    connectionManager: { allow: ['/ip4/127.0.0.0/ipcidr/8'], maxConnections: 300 },
    connectionMonitor: { abortConnectionOnPingFailure: false },
    metrics: prometheusMetrics({ registry, collectDefaultMetrics: false }),
    services,
  })
  keepBootstrapped(libp2p, opts.bootstrapAddrs)
  return { libp2p, registry }
}

function keepBootstrapped(libp2p: Libp2p<any>, bootstrapAddrs: string[]): void {
  if (bootstrapAddrs.length === 0) return
  void (async () => {
    for (let i = 0; i < REDIAL_TRIES && libp2p.status === 'started'; i++) {
      await new Promise((resolve) => setTimeout(resolve, REDIAL_INTERVAL_MS).unref())
      if (libp2p.status !== 'started' || libp2p.getConnections().length > 0) continue
      const addr = bootstrapAddrs[i % bootstrapAddrs.length]
      await libp2p.dial(multiaddr(addr), { signal: AbortSignal.timeout(10_000) }).catch(() => undefined)
    }
  })()
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

/** Dials each address (bounded), ignoring failures: seeding is an optimisation, the bootstrap path still works. */
export async function dialAll(libp2p: Libp2p<any>, addrs: string[]): Promise<void> {
  await Promise.all(addrs.map((addr) => libp2p.dial(multiaddr(addr), { signal: AbortSignal.timeout(10_000) }).catch(() => undefined)))
}

export function libp2pMultiaddrs(libp2p: Libp2p<any>): string[] {
  return libp2p.getMultiaddrs().map((ma) => ma.toString())
}

export function dhtRoutingTableSize(libp2p: Libp2p<any>): number {
  const dht = libp2p.services.dht as { routingTable?: { size: number } } | undefined
  return dht?.routingTable?.size ?? -1
}

export function distinctPeers(libp2p: Libp2p<any>): number {
  return libp2p.getPeers().length
}
