import { utf8ToBytes } from '@noble/hashes/utils.js'
import { sha256 } from './sha256.js'

export const GENESIS_DOMAIN = 'thermotruth/genesis/v1'

/**
 * Default genesis hash of a network: sha256('thermotruth/genesis/v1' ‖ networkId). It anchors epoch 0 tickets.
 * The domain is a fixed prefix, so plain concatenation is unambiguous. A node config may override it with any
 * 32-byte value (e.g. a hash over the full genesis config); `TicketPolicy.anchorFor(0)` is what verification uses.
 */
export function genesisHash(networkId: string): Uint8Array {
  return sha256(utf8ToBytes(GENESIS_DOMAIN + networkId))
}
