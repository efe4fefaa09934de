/**
 * Ticket checks of a proposal. A full ticket is verified with pow.verifyTicket at the proposal's epoch and must
 * bind the author's key; a bare ticket hash must match a ticket this node verified before. Outcomes that depend
 * only on the message are `reject` (every honest node reaches the same verdict, so the forwarder could have too);
 * outcomes that depend on this node's knowledge (an anchor or ticket it has not seen yet) are `ignore`.
 */
import { verifyTicket } from '@thermotruth/pow'
import type { Verdict } from '../shared/types.js'
import type { Proposal } from '../messages/types.js'
import { equalBytes } from '../wire/checks.js'
import { authorId } from '../wire/digests.js'
import type { KnownTicket, ValidationContext } from './context.js'
import { ignore, reject } from './verdict.js'

export type TicketOutcome = { verdict: Verdict } | { ticket: KnownTicket }

export function proposalTicket(p: Proposal, ctx: ValidationContext): TicketOutcome {
  const validFor = ctx.ticketPolicy.validForEpochs
  if (p.ticket !== undefined) {
    if (!equalBytes(p.ticket.publicKey, p.author)) return { verdict: reject('bad-ticket', 'ticket binds another key') }
    const v = verifyTicket(p.ticket, { ...ctx.ticketPolicy, currentEpoch: p.epoch })
    if (v.ok) return { ticket: { hash: v.hash, anchorEpoch: p.ticket.anchorEpoch } }
    switch (v.reason) {
      case 'wrong-network':
        return { verdict: reject('wrong-network', v.detail) }
      case 'expired':
        return { verdict: reject('expired-ticket', v.detail) }
      case 'unknown-anchor':
        return { verdict: ignore('unknown-ticket', v.detail) }
      default:
        return { verdict: reject('bad-ticket', `${v.reason}: ${v.detail}`) }
    }
  }
  const known = ctx.knownTicket(authorId(p.author))
  if (known === undefined || !equalBytes(known.hash, p.ticketHash!)) {
    return { verdict: ignore('unknown-ticket', 'ticket hash of a ticket this node has not verified') }
  }
  if (p.epoch < known.anchorEpoch) return { verdict: reject('bad-ticket', 'ticket anchored after the proposal epoch') }
  if (p.epoch > known.anchorEpoch + validFor - 1) {
    return { verdict: reject('expired-ticket', `ticket anchored at ${known.anchorEpoch} expired`) }
  }
  return { ticket: known }
}
