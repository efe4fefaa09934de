/**
 * Ticket lifetime arithmetic, shared by the node's renewal service and the docs' Sybil-cost figures. A ticket
 * anchored at epoch a (a certified record's digest, or genesis at epoch 0) is valid in epochs a .. a + V − 1
 * (`verifyTicket`), so holding one identity costs one ticket per V epochs, for ever: Sybil cost is a rate.
 */
import { PowParamError } from './errors.js'
import type { IdentityTicket } from './types.js'

const DAY_MS = 86_400_000

/** The last epoch in which `ticket` verifies under a policy with `validForEpochs`. */
export function lastValidEpoch(ticket: Pick<IdentityTicket, 'anchorEpoch'>, validForEpochs: number): number {
  return ticket.anchorEpoch + validForEpochs - 1
}

/**
 * When a holder should start mining the next ticket: `leadEpochs` before the last valid epoch. The default lead is a
 * quarter of the lifetime (at least 2 epochs), so a miner that needs several times its expected work still finishes
 * in time, and a renewed ticket has reached every peer before the old one lapses.
 */
export function renewalEpoch(ticket: Pick<IdentityTicket, 'anchorEpoch'>, validForEpochs: number, leadEpochs = defaultRenewalLead(validForEpochs)): number {
  return Math.max(ticket.anchorEpoch, lastValidEpoch(ticket, validForEpochs) - leadEpochs)
}

export function defaultRenewalLead(validForEpochs: number): number {
  return Math.max(2, Math.floor(validForEpochs / 4))
}

export interface SybilRate {
  /** Expected hashes of one ticket: 2^bits. */
  hashesPerTicket: number
  /** Ticket lifetime in ms: validForEpochs × epochPeriodMs. */
  ticketLifetimeMs: number
  /** Tickets one identity needs per day (at least the lifetime ratio; renewal early by the lead adds a little). */
  ticketsPerDay: number
  /** Expected hashes per identity per day: the Sybil cost rate. */
  hashesPerIdentityPerDay: number
}

/** The steady cost of holding one identity: 2^bits hashes every validForEpochs × epochPeriodMs. */
export function sybilRate(p: { bits: number; validForEpochs: number; epochPeriodMs: number; leadEpochs?: number }): SybilRate {
  if (!(Number.isInteger(p.validForEpochs) && p.validForEpochs > 0 && p.epochPeriodMs > 0)) {
    throw new PowParamError(`need a positive integer validForEpochs and a positive epochPeriodMs, got ${p.validForEpochs} / ${p.epochPeriodMs}`)
  }
  const hashesPerTicket = 2 ** p.bits
  const ticketLifetimeMs = p.validForEpochs * p.epochPeriodMs
  // Renewing `lead` epochs early shortens the useful life of each ticket to V − lead epochs.
  const usefulEpochs = p.validForEpochs - (p.leadEpochs ?? 0)
  const ticketsPerDay = DAY_MS / (Math.max(1, usefulEpochs) * p.epochPeriodMs)
  return { hashesPerTicket, ticketLifetimeMs, ticketsPerDay, hashesPerIdentityPerDay: hashesPerTicket * ticketsPerDay }
}
