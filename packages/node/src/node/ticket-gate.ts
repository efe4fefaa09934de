import { decodeIdentityTicket, encodeIdentityTicket } from '@thermotruth/protocol'
import { type IdentityTicket, verifyTicket } from '@thermotruth/pow'
import type { TicketGate } from '../network/types.js'

export interface TicketGateInit {
  networkId: string
  minBits: number
  validForEpochs: number
  local: IdentityTicket
  currentEpoch(): number
  /** Anchor hash of a finalized epoch (0: genesis hash), or undefined when unknown here. */
  anchorFor(epoch: number): Uint8Array | undefined
}

/** The identity gate's checks: the remote's ticket decodes, binds the remote's own key, and passes pow's policy. */
export function createTicketGate(init: TicketGateInit): TicketGate {
  const localBytes = encodeIdentityTicket(init.local)
  return {
    localTicket: () => localBytes,
    verifyRemote(remotePublicKey, ticketBytes) {
      let ticket: IdentityTicket
      try {
        ticket = decodeIdentityTicket(ticketBytes)
      } catch (error) {
        return { ok: false, reason: `malformed ticket: ${(error as Error).message}` }
      }
      if (!Buffer.from(ticket.publicKey).equals(Buffer.from(remotePublicKey))) return { ok: false, reason: 'ticket is bound to another key' }
      const verdict = verifyTicket(ticket, {
        networkId: init.networkId,
        minBits: init.minBits,
        validForEpochs: init.validForEpochs,
        currentEpoch: Math.max(0, init.currentEpoch()),
        anchorFor: init.anchorFor,
      })
      return verdict.ok ? { ok: true } : { ok: false, reason: `${verdict.reason}: ${verdict.detail}` }
    },
  }
}
