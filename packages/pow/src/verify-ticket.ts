import { leadingZeroBits } from './bits.js'
import { equalBytes } from './bytes.js'
import { ticketShapeProblem, wellFormedTicketPreimage } from './ticket.js'
import type { IdentityTicket } from './types.js'
import { sha256 } from './sha256.js'

export type TicketRejectReason =
  | 'malformed'
  | 'wrong-network'
  | 'insufficient-work'
  | 'bits-below-minimum'
  | 'unknown-anchor'
  | 'expired'
  | 'from-future'

export type TicketVerdict = { ok: true; hash: Uint8Array } | { ok: false; reason: TicketRejectReason; detail: string }

/** What a verifier requires of a ticket; every honest node of a network uses the same policy for the same epoch. */
export interface TicketPolicy {
  networkId: string
  /** Least `bits` a ticket must claim (and therefore carry). */
  minBits: number
  /** A ticket anchored at epoch a is valid in epochs a .. a + validForEpochs - 1. */
  validForEpochs: number
  currentEpoch: number
  /** The anchor hash of a finalized epoch (epoch 0: the genesis hash), or undefined if unknown to this node. */
  anchorFor(epoch: number): Uint8Array | undefined
}

function reject(reason: TicketRejectReason, detail: string): TicketVerdict {
  return { ok: false, reason, detail }
}

/**
 * Checks a ticket against a policy with exactly one SHA-256, done last so cheap rejections cost no hashing.
 * Order: malformed, wrong-network, bits-below-minimum, from-future, expired, unknown-anchor, insufficient-work.
 * `bits` is not in the preimage: it is a claim the hash must meet. Lowering it cannot gain anything, since the
 * minimum is checked against the claim and the claim is never worth more than the work in the hash.
 */
export function verifyTicket(t: IdentityTicket, policy: TicketPolicy): TicketVerdict {
  const problem = ticketShapeProblem(t)
  if (problem !== undefined) return reject('malformed', problem)
  if (t.networkId !== policy.networkId) {
    return reject('wrong-network', `ticket is for network '${t.networkId}', expected '${policy.networkId}'`)
  }
  if (t.bits < policy.minBits) return reject('bits-below-minimum', `ticket claims ${t.bits} bits, policy requires ${policy.minBits}`)
  if (t.anchorEpoch > policy.currentEpoch) {
    return reject('from-future', `ticket is anchored at epoch ${t.anchorEpoch}, current epoch is ${policy.currentEpoch}`)
  }
  const lastValidEpoch = t.anchorEpoch + policy.validForEpochs - 1
  if (policy.currentEpoch > lastValidEpoch) {
    return reject('expired', `ticket anchored at epoch ${t.anchorEpoch} was valid through epoch ${lastValidEpoch}, current epoch is ${policy.currentEpoch}`)
  }
  const expected = policy.anchorFor(t.anchorEpoch)
  if (expected === undefined) return reject('unknown-anchor', `no known anchor for epoch ${t.anchorEpoch}`)
  if (!equalBytes(expected, t.anchor)) return reject('unknown-anchor', `anchor does not match the finalized hash of epoch ${t.anchorEpoch}`)
  const hash = sha256(wellFormedTicketPreimage(t))
  const zeros = leadingZeroBits(hash)
  if (zeros < t.bits) return reject('insufficient-work', `hash has ${zeros} leading zero bits, ticket claims ${t.bits}`)
  return { ok: true, hash }
}
