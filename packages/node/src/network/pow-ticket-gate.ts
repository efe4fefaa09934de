/**
 * The production `TicketGate`: tickets travel as the UTF-8 JSON of `ticketToJson` (the same form the data dir
 * stores), and a remote ticket is valid when it is well formed, names the key the noise handshake authenticated,
 * and passes @thermotruth/pow's `verifyTicket` under the current policy (network, minimum bits, anchor, expiry).
 * The policy is read on every check, so expiry follows the epoch the node is in.
 */
import { type IdentityTicket, type TicketPolicy, ticketFromJson, ticketToJson, verifyTicket } from '@thermotruth/pow'
import { errorMessage } from './errors.js'
import { MAX_TICKET_BYTES } from './ticket-exchange.js'
import type { TicketGate } from './types.js'

export function encodeTicket(ticket: IdentityTicket): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(ticketToJson(ticket)))
}

export function decodeTicket(bytes: Uint8Array): IdentityTicket {
  if (bytes.byteLength > MAX_TICKET_BYTES) throw new Error(`ticket is ${bytes.byteLength} bytes, limit ${MAX_TICKET_BYTES}`)
  return ticketFromJson(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)))
}

export function createPowTicketGate(init: { ticket: IdentityTicket; policy: () => TicketPolicy }): TicketGate {
  const local = encodeTicket(init.ticket)
  return {
    localTicket: () => local,
    verifyRemote(remotePublicKey, ticketBytes) {
      let ticket: IdentityTicket
      try {
        ticket = decodeTicket(ticketBytes)
      } catch (err) {
        return { ok: false, reason: `malformed: ${errorMessage(err)}` }
      }
      if (Buffer.compare(Buffer.from(ticket.publicKey), Buffer.from(remotePublicKey)) !== 0) {
        return { ok: false, reason: 'key-mismatch: ticket was mined for another key' }
      }
      const verdict = verifyTicket(ticket, init.policy())
      return verdict.ok ? { ok: true } : { ok: false, reason: `${verdict.reason}: ${verdict.detail}` }
    },
  }
}
