/**
 * Stateless checks of inbound bytes, memoised on the byte array when the driver shares a memo (the simulator):
 * decoding and signature checks are pure in the bytes, so one node's work serves every node that receives the
 * same array. Stateful checks (epoch window, duplicates, equivocation) stay in the engine.
 */
import { type IdentityTicket, verifyStamp, verifyTicket } from '@thermotruth/pow'
import type { AgreementEstimate, Endorsement, Proposal } from '../messages/types.js'
import {
  decodeAgreementEstimate,
  decodeEndorsement,
  decodeProposal,
  endorsementSigningBytes,
  estimateSigningBytes,
  proposalId,
  proposalSigningBytes,
  proposalStampDigest,
  WireError,
} from '../wire/index.js'
import { hex } from './aggregate.js'
import type { EngineCrypto, EngineMemo, RejectReason } from './types.js'

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; detail: string }

export interface ProposalContext {
  networkId: string
  identityBits: number
  ticketValidityEpochs: number
  /** Stamp bits this node requires for the proposal's epoch. */
  requiredStampBits(epoch: number): number
  anchorFor(epoch: number): Uint8Array | undefined
  /** A ticket this node already holds for an author (for proposals carrying only the ticket hash). */
  knownTicket(author: string): IdentityTicket | undefined
  crypto: EngineCrypto
  memo?: EngineMemo
}

export interface CheckedProposal {
  proposal: Proposal
  id: string
  idBytes: Uint8Array
  author: string
  ticket: IdentityTicket
}

function memoised<T>(memo: EngineMemo | undefined, ns: string, bytes: Uint8Array, compute: () => T): T {
  return memo ? memo.byBytes(ns, bytes, compute) : compute()
}

function decodeOr<T>(decode: (b: Uint8Array) => T, bytes: Uint8Array): Checked<T> {
  try {
    return { ok: true, value: decode(bytes) }
  } catch (err) {
    if (err instanceof WireError) return { ok: false, reason: err.reason, detail: err.message }
    return { ok: false, reason: 'malformed', detail: String(err) }
  }
}

export function checkProposalBytes(bytes: Uint8Array, ctx: ProposalContext): Checked<CheckedProposal> {
  const decoded = memoised(ctx.memo, 'proposal', bytes, () => decodeOr(decodeProposal, bytes))
  if (!decoded.ok) return decoded
  const proposal = decoded.value
  if (proposal.networkId !== ctx.networkId) return { ok: false, reason: 'wrong-network', detail: proposal.networkId }
  const author = memoised(ctx.memo, 'proposal-author', bytes, () => hex(proposal.author))
  const ticket = proposal.ticket ?? ctx.knownTicket(author)
  if (!ticket) return { ok: false, reason: 'unknown-ticket', detail: 'proposal carries only a ticket hash this node does not hold' }
  const required = ctx.requiredStampBits(proposal.epoch)
  // The memo key carries everything the verdict depends on besides the bytes.
  const ns = `proposal-check:${required}:${ctx.identityBits}:${ctx.ticketValidityEpochs}`
  return memoised(ctx.memo, ns, bytes, (): Checked<CheckedProposal> => {
    if (hex(ticket.publicKey) !== author) return { ok: false, reason: 'bad-ticket', detail: 'ticket key differs from author' }
    const verdict = verifyTicket(ticket, {
      networkId: ctx.networkId,
      minBits: ctx.identityBits,
      validForEpochs: ctx.ticketValidityEpochs,
      currentEpoch: proposal.epoch,
      anchorFor: ctx.anchorFor,
    })
    if (!verdict.ok) {
      return { ok: false, reason: verdict.reason === 'expired' ? 'expired-ticket' : 'bad-ticket', detail: verdict.detail }
    }
    const stamp = verifyStamp(proposalStampDigest(proposal), proposal.stamp, required)
    if (!stamp.ok) return { ok: false, reason: 'bad-stamp', detail: stamp.detail }
    if (!ctx.crypto.verify(proposal.author, proposalSigningBytes(proposal), proposal.signature)) {
      return { ok: false, reason: 'bad-signature', detail: 'proposal signature' }
    }
    const idBytes = proposalId(proposal)
    return { ok: true, value: { proposal, id: hex(idBytes), idBytes, author, ticket } }
  })
}

/** An endorsement that passed its signature check, with the hex keys the engine indexes by. */
export interface CheckedEndorsement {
  endorsement: Endorsement
  author: string
  recordDigestHex: string
}

export function checkEndorsementBytes(bytes: Uint8Array, networkId: string, crypto: EngineCrypto, memo?: EngineMemo): Checked<CheckedEndorsement> {
  return memoised(memo, 'endorsement', bytes, () => {
    const decoded = decodeOr(decodeEndorsement, bytes)
    if (!decoded.ok) return decoded
    return checkEndorsement(decoded.value, networkId, crypto)
  })
}

export function checkEndorsement(e: Endorsement, networkId: string, crypto: EngineCrypto): Checked<CheckedEndorsement> {
  if (e.networkId !== networkId) return { ok: false, reason: 'wrong-network', detail: e.networkId }
  if (!crypto.verify(e.author, endorsementSigningBytes(e), e.signature)) {
    return { ok: false, reason: 'bad-signature', detail: 'endorsement signature' }
  }
  return { ok: true, value: { endorsement: e, author: hex(e.author), recordDigestHex: hex(e.recordDigest) } }
}

export function checkEstimateBytes(bytes: Uint8Array, networkId: string, crypto: EngineCrypto, memo?: EngineMemo): Checked<AgreementEstimate> {
  return memoised(memo, 'estimate', bytes, () => {
    const decoded = decodeOr(decodeAgreementEstimate, bytes)
    if (!decoded.ok) return decoded
    const a = decoded.value
    if (a.networkId !== networkId) return { ok: false, reason: 'wrong-network', detail: a.networkId }
    if (!crypto.verify(a.author, estimateSigningBytes(a), a.signature)) {
      return { ok: false, reason: 'bad-signature', detail: 'estimate signature' }
    }
    return { ok: true, value: a }
  })
}
