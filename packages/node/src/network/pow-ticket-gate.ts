/**
 * The production `TicketGate`: tickets travel as the UTF-8 JSON of `ticketToJson` (the same form the data dir
 * stores), and a remote ticket is valid when it is well formed, names the key the noise handshake authenticated,
 * and passes @thermotruth/pow's `verifyTicket` under the current policy (network, minimum bits, anchor, expiry).
 * The policy is read on every check, so expiry follows the epoch the node is in.
 *
 * When the anchor is one this node cannot judge (an epoch it has not certified or synced, or one ahead of its
 * clock), the gate still checks the work over the ticket's own anchor: the verdict `unknown-anchor` / `from-future`
 * then means "paid for, not yet placeable", which the exchange treats as provisional. A known epoch with another
 * digest is `bad-anchor`, also provisional at first: it too is judged against this node's chain, and honest nodes
 * whose chains split at that epoch (seen in a 3-node renewal run) must not ban each other on it.
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

export interface PowTicketGate extends TicketGate {
  /** Presents a renewed ticket from now on (the exchange's `repush()` sends it to connected peers). */
  setLocalTicket(ticket: IdentityTicket): void
  localIdentityTicket(): IdentityTicket
}

export function createPowTicketGate(init: { ticket: IdentityTicket; policy: () => TicketPolicy }): PowTicketGate {
  let mine = init.ticket
  let local = encodeTicket(mine)
  return {
    localTicket: () => local,
    localIdentityTicket: () => mine,
    setLocalTicket(next) {
      mine = next
      local = encodeTicket(next)
    },
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
      const policy = init.policy()
      const verdict = verifyTicket(ticket, policy)
      if (verdict.ok) return { ok: true }
      if (verdict.reason !== 'unknown-anchor' && verdict.reason !== 'from-future') return { ok: false, reason: `${verdict.reason}: ${verdict.detail}` }
      // Judge everything but the anchor: the work over the ticket's own anchor, at the ticket's own epoch.
      const own = ticket.anchor
      const work = verifyTicket(ticket, { ...policy, currentEpoch: Math.max(policy.currentEpoch, ticket.anchorEpoch), anchorFor: () => own })
      if (!work.ok) return { ok: false, reason: `${work.reason}: ${work.detail}` }
      const known = policy.anchorFor(ticket.anchorEpoch)
      if (known !== undefined && Buffer.compare(Buffer.from(known), Buffer.from(ticket.anchor)) !== 0) {
        return { ok: false, reason: `bad-anchor: ticket names another record for epoch ${ticket.anchorEpoch} than the one certified here (work verified)` }
      }
      return { ok: false, reason: `${verdict.reason}: ${verdict.detail} (work verified)` }
    },
  }
}
