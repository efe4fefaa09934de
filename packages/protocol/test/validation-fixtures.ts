/** Signed, stamped, ticketed proposals and the validation context that accepts them. */
import { mineStamp } from '@thermotruth/pow'
import type { IdentityTicket } from '@thermotruth/pow'
import type { ClientReport, Proposal, ValidationContext } from '../src/index.js'
import * as wire from '../src/index.js'

export const NETWORK = 'testnet'
export const GENESIS = new Uint8Array(32).fill(0x42)
export const STAMP_BITS = 4
export const VALID_FOR = 10

export const signer = (i: number) => wire.createEd25519(new Uint8Array(32).fill(i + 1))

export function ticketFor(publicKey: Uint8Array, over: Partial<IdentityTicket> = {}): IdentityTicket {
  return { version: 1, networkId: NETWORK, publicKey, anchor: GENESIS, anchorEpoch: 0, bits: 0, nonce: new Uint8Array(8), ...over }
}

export function signedReport(client: wire.Ed25519, sequence: number, value = 1): ClientReport {
  return wire.signReport(
    { feed: 'btc', values: Float64Array.of(value), clientKey: client.publicKey, sequence },
    client.sign,
  )
}

export type ProposalDraft = Omit<Proposal, 'signature' | 'stamp'>

export function draft(author: wire.Ed25519, epoch: number, over: Partial<ProposalDraft> = {}): ProposalDraft {
  return {
    networkId: NETWORK,
    epoch,
    author: author.publicKey,
    ticket: ticketFor(author.publicKey),
    observations: [{ feed: 'btc', values: Float64Array.of(100 + epoch) }],
    reports: [],
    ...over,
  }
}

/** Stamp then sign, as the engine does. */
export function finish(d: ProposalDraft, author: wire.Ed25519, stampBits = STAMP_BITS): Proposal {
  const stamp = mineStamp(wire.proposalStampDigest(d), stampBits)
  return wire.signProposal({ ...d, stamp }, author.sign)
}

export function context(currentEpoch: number, over: Partial<ValidationContext> = {}): ValidationContext {
  return {
    networkId: NETWORK,
    currentEpoch,
    crypto: signer(99),
    ticketPolicy: {
      networkId: NETWORK,
      minBits: 0,
      validForEpochs: VALID_FOR,
      anchorFor: (epoch) => (epoch === 0 ? GENESIS : undefined),
    },
    knownTicket: () => undefined,
    requiredStampBits: () => STAMP_BITS,
    ...over,
  }
}
