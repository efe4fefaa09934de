/**
 * Refuses peers on the ban list (failed the identity gate) both ways: we do not dial them, and their inbound
 * connections are dropped right after the noise handshake authenticates who they are, before any stream opens.
 */
import type { ConnectionGater, PeerId } from '@libp2p/interface'
import type { PeerBanList } from './ban-list.js'

export function createConnectionGater(banList: PeerBanList): ConnectionGater {
  const banned = (peerId: PeerId): boolean => banList.isBanned(peerId.toString())
  return {
    denyDialPeer: banned,
    denyInboundEncryptedConnection: banned,
    denyOutboundEncryptedConnection: banned,
  }
}
