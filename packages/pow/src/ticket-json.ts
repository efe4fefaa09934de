import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { NONCE_BYTES } from './bytes.js'
import { TicketFormatError } from './errors.js'
import { ANCHOR_BYTES, PUBLIC_KEY_BYTES, ticketShapeProblem } from './ticket.js'
import type { IdentityTicket } from './types.js'

/** A ticket as stored in files and shown to humans: byte fields as lowercase hex. */
export interface TicketJson {
  version: 1
  networkId: string
  publicKey: string
  anchor: string
  anchorEpoch: number
  bits: number
  nonce: string
}

export function ticketToJson(t: IdentityTicket): TicketJson {
  return {
    version: t.version,
    networkId: t.networkId,
    publicKey: bytesToHex(t.publicKey),
    anchor: bytesToHex(t.anchor),
    anchorEpoch: t.anchorEpoch,
    bits: t.bits,
    nonce: bytesToHex(t.nonce),
  }
}

function hexField(json: Record<string, unknown>, field: string, bytes: number): Uint8Array {
  const value = json[field]
  if (typeof value !== 'string') throw new TicketFormatError(`ticket.${field}: expected a hex string, got ${typeof value}`)
  if (value.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(value)) {
    throw new TicketFormatError(`ticket.${field}: expected ${bytes * 2} hex characters (${bytes} bytes), got '${value.slice(0, 80)}'`)
  }
  return hexToBytes(value)
}

/** Decodes and validates a ticket from parsed JSON. Throws TicketFormatError naming the offending field. */
export function ticketFromJson(json: unknown): IdentityTicket {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TicketFormatError('ticket: expected a JSON object with version, networkId, publicKey, anchor, anchorEpoch, bits, nonce')
  }
  const record = json as Record<string, unknown>
  const ticket = {
    version: record.version,
    networkId: record.networkId,
    publicKey: hexField(record, 'publicKey', PUBLIC_KEY_BYTES),
    anchor: hexField(record, 'anchor', ANCHOR_BYTES),
    anchorEpoch: record.anchorEpoch,
    bits: record.bits,
    nonce: hexField(record, 'nonce', NONCE_BYTES),
  }
  const problem = ticketShapeProblem(ticket)
  if (problem !== undefined) throw new TicketFormatError(`ticket: ${problem}`)
  return ticket as IdentityTicket
}
