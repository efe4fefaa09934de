import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { isValidBits } from './bits.js'
import { isBytesOfLength, NONCE_BYTES } from './bytes.js'
import { TicketFormatError } from './errors.js'
import type { IdentityTicket } from './types.js'
import { sha256 } from './sha256.js'

/** Domain separation: a ticket hash can never be confused with a stamp hash or any other SHA-256 in the system. */
export const TICKET_DOMAIN = 'thermotruth/ticket/v1'
export const PUBLIC_KEY_BYTES = 32
export const ANCHOR_BYTES = 32
/** The network id is length-prefixed with one byte, so it is at most 255 UTF-8 bytes. */
export const MAX_NETWORK_ID_BYTES = 255

const domainBytes = utf8ToBytes(TICKET_DOMAIN)

/**
 * Why `t` is not a well-formed ticket, or undefined if it is. Shared by verifyTicket ('malformed'),
 * ticketPreimage (throws) and ticketFromJson (throws), so all three agree on what a ticket is.
 */
export function ticketShapeProblem(t: unknown): string | undefined {
  if (typeof t !== 'object' || t === null) return 'ticket is not an object'
  const ticket = t as Partial<Record<keyof IdentityTicket, unknown>>
  if (ticket.version !== 1) return `version must be 1, got ${String(ticket.version)}`
  if (typeof ticket.networkId !== 'string' || ticket.networkId.length === 0) return 'networkId must be a non-empty string'
  if (utf8ToBytes(ticket.networkId).length > MAX_NETWORK_ID_BYTES) return `networkId is longer than ${MAX_NETWORK_ID_BYTES} UTF-8 bytes`
  if (!isBytesOfLength(ticket.publicKey, PUBLIC_KEY_BYTES)) return `publicKey must be ${PUBLIC_KEY_BYTES} bytes`
  if (!isBytesOfLength(ticket.anchor, ANCHOR_BYTES)) return `anchor must be ${ANCHOR_BYTES} bytes`
  const epoch = ticket.anchorEpoch
  if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 0) return 'anchorEpoch must be a non-negative safe integer'
  if (!isValidBits(ticket.bits)) return 'bits must be an integer in [0, 256]'
  if (!isBytesOfLength(ticket.nonce, NONCE_BYTES)) return `nonce must be ${NONCE_BYTES} bytes`
  return undefined
}

function assertWellFormed(t: unknown): void {
  const problem = ticketShapeProblem(t)
  if (problem !== undefined) throw new TicketFormatError(`malformed ticket: ${problem}`)
}

/**
 * Everything the ticket hash covers except the nonce: domain ‖ u8 len ‖ networkId ‖ publicKey ‖ anchor.
 * The miner hashes prefix ‖ nonce many times; `ticketPreimage` is the same bytes with the nonce appended.
 */
export function ticketPreimagePrefix(t: Pick<IdentityTicket, 'networkId' | 'publicKey' | 'anchor'>): Uint8Array {
  const network = utf8ToBytes(t.networkId)
  if (network.length === 0 || network.length > MAX_NETWORK_ID_BYTES) {
    throw new TicketFormatError(`malformed ticket: networkId must be 1..${MAX_NETWORK_ID_BYTES} UTF-8 bytes`)
  }
  if (!isBytesOfLength(t.publicKey, PUBLIC_KEY_BYTES)) throw new TicketFormatError(`malformed ticket: publicKey must be ${PUBLIC_KEY_BYTES} bytes`)
  if (!isBytesOfLength(t.anchor, ANCHOR_BYTES)) throw new TicketFormatError(`malformed ticket: anchor must be ${ANCHOR_BYTES} bytes`)
  return layout(network, t.publicKey, t.anchor)
}

/** The one place the byte layout lives: domain ‖ u8 len ‖ networkId ‖ publicKey ‖ anchor [‖ nonce]. */
function layout(network: Uint8Array, publicKey: Uint8Array, anchor: Uint8Array, nonce: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concatBytes(domainBytes, Uint8Array.of(network.length), network, publicKey, anchor, nonce)
}

/** The preimage of a ticket already known to be well-formed (verifyTicket checks the shape once, then hashes). */
export function wellFormedTicketPreimage(t: IdentityTicket): Uint8Array {
  return layout(utf8ToBytes(t.networkId), t.publicKey, t.anchor, t.nonce)
}

/** domain ‖ u8 len(networkId) ‖ networkId ‖ publicKey(32) ‖ anchor(32) ‖ nonce(8). See README "Preimage layout". */
export function ticketPreimage(t: IdentityTicket): Uint8Array {
  assertWellFormed(t)
  return wellFormedTicketPreimage(t)
}

/** sha256(preimage): the ticket's proof of work and its id. */
export function ticketHash(t: IdentityTicket): Uint8Array {
  return sha256(ticketPreimage(t))
}
