/**
 * Network-layer figures in the node's own registry (next to libp2p's `libp2p_*` series), read from the counters
 * the pieces already keep, at scrape time: gossip verdicts, identity-gate outcomes, peer-manager activity, bans.
 * Gauges with `collect` rather than counters, because the sources are plain numbers owned by their components.
 */
import { Gauge, type Registry } from 'prom-client'
import type { PeerBanList } from './ban-list.js'
import type { GossipRouterCounters } from './gossip-router.js'
import type { PeerManagerStats } from './peer-manager.js'

export interface NetworkMetricSources {
  gossip: GossipRouterCounters
  peerManager: PeerManagerStats
  gate: { ticketed: number; rejected: number }
  banList: PeerBanList
}

export function registerNetworkMetrics(registry: Registry, src: NetworkMetricSources): void {
  const registers = [registry]
  new Gauge({
    name: 'thermotruth_net_gossip_verdicts',
    help: 'Gossip messages by validation verdict since start (reject_unticketed: forwarder had no valid ticket)',
    labelNames: ['verdict'],
    registers,
    collect() {
      this.set({ verdict: 'accept' }, src.gossip.accepted)
      this.set({ verdict: 'ignore' }, src.gossip.ignored)
      this.set({ verdict: 'reject' }, src.gossip.rejected - src.gossip.rejectedUnticketed)
      this.set({ verdict: 'reject_unticketed' }, src.gossip.rejectedUnticketed)
    },
  })
  new Gauge({
    name: 'thermotruth_net_identity_gate',
    help: 'Identity-gate verdicts on peers since start',
    labelNames: ['result'],
    registers,
    collect() {
      this.set({ result: 'ticketed' }, src.gate.ticketed)
      this.set({ result: 'rejected' }, src.gate.rejected)
    },
  })
  new Gauge({
    name: 'thermotruth_net_banned_peers',
    help: 'Peers currently refused by the connection gater (failed the identity gate, cooldown running)',
    registers,
    collect() {
      this.set(src.banList.records().length)
    },
  })
  new Gauge({
    name: 'thermotruth_net_peer_manager',
    help: 'Peer-manager activity since start',
    labelNames: ['event'],
    registers,
    collect() {
      const s = src.peerManager
      this.set({ event: 'bootstrap_dial' }, s.bootstrapDials)
      this.set({ event: 'bootstrap_dial_failed' }, s.bootstrapDialFailures)
      this.set({ event: 'discovery_dial' }, s.discoveryDials)
      this.set({ event: 'discovery_dial_failed' }, s.discoveryDialFailures)
      this.set({ event: 'random_walk' }, s.randomWalks)
      this.set({ event: 'pruned' }, s.pruned)
    },
  })
}
