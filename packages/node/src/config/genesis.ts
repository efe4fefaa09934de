import { genesisHash } from '@thermotruth/pow'
import type { NetworkConfig } from './types.js'

/** The network's genesis hash: the config's explicit `genesis.hash`, else pow's default derived from the network id. */
export function genesisHashOf(config: NetworkConfig): Uint8Array {
  if (config.genesis.hash !== undefined) return Uint8Array.from(Buffer.from(config.genesis.hash, 'hex'))
  return genesisHash(config.network)
}
