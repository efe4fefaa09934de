/**
 * Refuses peers on the ban list (failed the identity gate) both ways: we do not dial them, and their inbound
 * connections are dropped right after the noise handshake authenticates who they are, before any stream opens.
 * Every refusal goes through `banList.refuse`, so the reason of the ban reaches the log and the rejection metric
 * (libp2p itself only says `blocked by gater.allowDialPeer`).
 */
import type { ConnectionGater, PeerId } from '@libp2p/interface'
import type { PeerBanList } from './ban-list.js'

export function createConnectionGater(banList: PeerBanList): ConnectionGater {
  const banned = (peerId: PeerId): boolean => banList.refuse(peerId.toString())
  return {
    denyDialPeer: banned,
    denyInboundEncryptedConnection: banned,
    denyOutboundEncryptedConnection: banned,
  }
}
