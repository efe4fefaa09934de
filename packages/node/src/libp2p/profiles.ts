/**
 * Deployment profiles. `production` keeps every libp2p / gossipsub protection on; `local` is a swarm of many
 * nodes on one machine (127.0.0.1), where three of those protections misfire because every peer shares one IP:
 *  - gossipsub P6 IP colocation (-5 * (peersOnIp - 10)^2) graylists the whole swarm once it has > 11 nodes,
 *  - the per-IP inbound limits (5 connections/s, 10 pending upgrades) refuse most of the swarm's dials,
 *  - kad-dht's default mapper strips private (incl. loopback) addresses, so nobody could be dialed.
 * Only `local` relaxes them, and only for loopback.
 */
import { removePrivateAddressesMapper, removePublicAddressesMapper } from '@libp2p/kad-dht'
import type { PeerInfo } from '@libp2p/interface'

export type NetworkProfile = 'production' | 'local'

export const NETWORK_PROFILES: readonly NetworkProfile[] = ['production', 'local']

export interface ProfileSettings {
  /** gossipsub P6: IPs exempt from the colocation penalty. */
  ipColocationWhitelist: Set<string>
  connectionManager: {
    allow?: string[]
    inboundConnectionThreshold?: number
    maxIncomingPendingConnections?: number
  }
  /** Addresses the DHT keeps in peer records it stores and hands out. */
  dhtPeerInfoMapper: (peer: PeerInfo) => PeerInfo
}

const LOOPBACK_CIDR = '/ip4/127.0.0.0/ipcidr/8'

export function profileSettings(profile: NetworkProfile): ProfileSettings {
  if (profile === 'local') {
    return {
      ipColocationWhitelist: new Set(['127.0.0.1']),
      connectionManager: {
        // `allow` bypasses the per-host rate limit and pending-upgrade cap for loopback only; the two numbers
        // cover an operator who binds the swarm to another local address.
        allow: [LOOPBACK_CIDR],
        inboundConnectionThreshold: Number.POSITIVE_INFINITY,
        maxIncomingPendingConnections: 256,
      },
      dhtPeerInfoMapper: removePublicAddressesMapper,
    }
  }
  return {
    ipColocationWhitelist: new Set(),
    connectionManager: {},
    dhtPeerInfoMapper: removePrivateAddressesMapper,
  }
}
