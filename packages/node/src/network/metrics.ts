/**
 * Network-layer figures in the node's own registry (next to libp2p's `libp2p_*` series), read at scrape time from
 * the numbers the pieces already keep: gossip verdicts, identity-gate outcomes, peer-manager activity, bans and the
 * gossipsub mesh per topic. Running totals are Prometheus counters (`_total`), so `rate()` and `increase()` handle a
 * restart (the count going back to zero) as a counter reset rather than a negative rate.
 */
import { Counter, Gauge, type Registry } from 'prom-client'
import type { PeerBanList } from './ban-list.js'
import type { GossipRouterCounters } from './gossip-router.js'
import type { PeerManagerStats } from './peer-manager.js'

export interface NetworkMetricSources {
  gossip: GossipRouterCounters
  peerManager: PeerManagerStats
  gate: { ticketed: number; rejected: number }
  banList: PeerBanList
  /** Gossipsub mesh size per subscribed topic. */
  meshPeers?: () => Record<string, number>
}

/**
 * A counter whose value is read from a running total at scrape time. prom-client counters only go up by `inc`, so
 * collect() resets and re-adds the current totals: the exposed value is always the component's own count.
 */
function totalsCounter<L extends string>(registry: Registry, name: string, help: string, label: L, read: () => Record<string, number>): void {
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset()
      for (const [value, total] of Object.entries(read())) this.inc({ [label]: value } as Record<L, string>, Math.max(0, total))
    },
  })
}

export function registerNetworkMetrics(registry: Registry, src: NetworkMetricSources): void {
  totalsCounter(registry, 'thermotruth_net_gossip_verdicts_total', 'Gossip messages by validation verdict (reject_unticketed: forwarder had no valid ticket)', 'verdict', () => ({
    accept: src.gossip.accepted,
    ignore: src.gossip.ignored,
    reject: src.gossip.rejected - src.gossip.rejectedUnticketed,
    reject_unticketed: src.gossip.rejectedUnticketed,
  }))
  totalsCounter(registry, 'thermotruth_net_identity_gate_total', 'Identity-gate verdicts on peers', 'result', () => ({ ticketed: src.gate.ticketed, rejected: src.gate.rejected }))
  totalsCounter(registry, 'thermotruth_net_peer_manager_events_total', 'Peer-manager activity', 'event', () => {
    const s = src.peerManager
    return {
      bootstrap_dial: s.bootstrapDials,
      bootstrap_dial_failed: s.bootstrapDialFailures,
      discovery_dial: s.discoveryDials,
      discovery_dial_failed: s.discoveryDialFailures,
      random_walk: s.randomWalks,
      pruned: s.pruned,
    }
  })
  new Gauge({
    name: 'thermotruth_net_banned_peers',
    help: 'Peers currently refused by the connection gater (failed the identity gate, cooldown running)',
    registers: [registry],
    collect() {
      this.set(src.banList.records().length)
    },
  })
  new Gauge({
    name: 'thermotruth_net_mesh_peers',
    help: 'Gossipsub mesh peers per subscribed topic (below the mesh low watermark, gossip reaches few peers)',
    labelNames: ['topic'],
    registers: [registry],
    collect() {
      this.reset()
      for (const [topic, peers] of Object.entries(src.meshPeers?.() ?? {})) this.set({ topic }, peers)
    },
  })
}
