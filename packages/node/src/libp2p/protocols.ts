/**
 * Protocol ids. The DHT id carries the network id so that two ThermoTruth networks (say `local` and `testnet`)
 * never merge routing tables even if a node is misconfigured with the other's bootstrap list; the custom prefix
 * also keeps us off the public IPFS Amino DHT (`/ipfs/kad/1.0.0`).
 */
import { NetworkError } from '../network/errors.js'

export const TICKET_PROTOCOL = '/thermotruth/ticket/1.0.0'

const NETWORK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/

export function assertNetworkId(networkId: string): void {
  if (!NETWORK_ID.test(networkId)) {
    throw new NetworkError('INVALID_OPTIONS', `network id must match ${NETWORK_ID} (it becomes part of protocol ids), got ${JSON.stringify(networkId)}`)
  }
}

/** `/thermotruth/<network>/kad/1.0.0` */
export function dhtProtocol(networkId: string): string {
  assertNetworkId(networkId)
  return `/thermotruth/${networkId}/kad/1.0.0`
}
