import { genesisHash } from '@thermotruth/pow'
import { genesisHashOf } from '../../../config/genesis.js'
import { loadNetworkConfig } from '../../../config/load.js'
import { bundledConfigPath } from '../../../config/paths.js'
import type { NetworkConfig } from '../../../config/types.js'
import { asCliErrors } from '../fail.js'

/** The network `pow mint` and `pow verify` bind tickets to, as a node of that network sees it. */
export interface TicketNetwork {
  networkId: string
  /** Epoch 0's anchor: the config's genesis hash, exactly as the node computes it. */
  genesis: Uint8Array
  config?: NetworkConfig
}

/**
 * --network-config, else the bundled config of --network (so `--network testnet` and `--network testnet-1` both
 * mean configs/testnet.json, as for `start`), else a bare network id (a private network without a bundled config):
 * then the anchor is pow's default genesis hash of the id, which the node also uses when a config sets no
 * genesis.hash.
 */
export async function ticketNetwork(network: string, networkConfig: string | undefined): Promise<TicketNetwork> {
  if (networkConfig !== undefined) {
    const config = await asCliErrors(async () => loadNetworkConfig(networkConfig))
    return { networkId: config.network, genesis: genesisHashOf(config), config }
  }
  let config: NetworkConfig | undefined
  try {
    config = loadNetworkConfig(bundledConfigPath(network))
  } catch {
    config = undefined
  }
  return config === undefined ? { networkId: network, genesis: genesisHash(network) } : { networkId: config.network, genesis: genesisHashOf(config), config }
}
