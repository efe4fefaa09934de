import { genesisHash, identityKeyFromSecret, type IdentityTicket, mineTicket, type TicketPolicy } from '../src/index.js'

export const NETWORK = 'test-net'
export const GENESIS = genesisHash(NETWORK)

/** A fixed key, so single-worker mining (which scans nonces in order) yields the same ticket every run. */
export const KEY = identityKeyFromSecret(new Uint8Array(32).fill(7))

/** Anchors known to the test policies: genesis for epoch 0, a made-up finalized hash for every other epoch. */
export function anchorFor(epoch: number): Uint8Array {
  return epoch === 0 ? GENESIS : genesisHash(`${NETWORK}/epoch/${epoch}`)
}

export function policy(overrides: Partial<TicketPolicy> = {}): TicketPolicy {
  return { networkId: NETWORK, minBits: 8, validForEpochs: 10, currentEpoch: 0, anchorFor, ...overrides }
}

export async function mineDeterministic(bits: number, anchorEpoch = 0): Promise<IdentityTicket> {
  const { ticket } = await mineTicket(
    { networkId: NETWORK, publicKey: KEY.publicKey, anchor: anchorFor(anchorEpoch), anchorEpoch, bits },
    { workers: 1 },
  )
  return ticket
}
