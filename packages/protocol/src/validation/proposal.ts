/**
 * Stateless validation of one gossiped proposal, cheapest checks first: size, canonical decode, network, epoch
 * window, ticket (one hash), stamp (one hash), the author's signature, the piggybacked endorsement's signature, then
 * each client report's signature (a proposal carrying one bad report is rejected whole: its author vouched for it).
 * Duplicates and equivocation need state and are the engine's (see equivocation.ts for the evidence helpers).
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import { verifyStamp } from '@thermotruth/pow'
import type { Verdict } from '../shared/types.js'
import type { Bytes, Proposal } from '../messages/types.js'
import { decodeProposal } from '../wire/codec.js'
import { messageId, proposalStampDigest } from '../wire/digests.js'
import { LIMITS } from '../wire/limits.js'
import { proposalSigningBytesFromEncoding, proposalStampDigestFromEncoding } from '../wire/proposal-encoding.js'
import { endorsementSigningBytes, proposalSigningBytes, reportSigningBytes } from '../wire/signing.js'
import type { KnownTicket, ValidationContext } from './context.js'
import { decodeOrVerdict } from './decode.js'
import { epochWindowVerdict } from './epoch-window.js'
import { proposalTicket } from './ticket.js'
import { ACCEPT, ignore, reject } from './verdict.js'

export interface ProposalValidation {
  verdict: Verdict
  /** Present when the bytes decoded (also on ticket/stamp/signature failures, for evidence and logs). */
  proposal?: Proposal
  /** sha256 of the bytes: the proposal id and gossip message id. */
  id?: Bytes
  /** The verified ticket (hash + anchor epoch) to remember for hash-only proposals of this author. */
  ticket?: KnownTicket
}

/**
 * `signatures: false` runs every check but the signatures (author, piggybacked endorsement, client reports): for a
 * proposal inside a batch its leader signed, which the follower audits by sample (engine/batch-audit.ts).
 */
export function validateProposalBytes(bytes: Uint8Array, ctx: ValidationContext, signatures = true): ProposalValidation {
  if (bytes.length > LIMITS.bytes.proposal) return { verdict: reject('oversize', `${bytes.length} bytes`) }
  const id = messageId(bytes)
  const key = ctx.decodeCache === undefined ? '' : bytesToHex(id)
  let proposal = ctx.decodeCache?.get(key)
  if (proposal === undefined) {
    const decoded = decodeOrVerdict(bytes, decodeProposal)
    if ('verdict' in decoded) return decoded
    proposal = decoded.value
    ctx.decodeCache?.set(key, proposal)
  }
  const verdict = proposalVerdict(proposal, ctx, bytes, signatures)
  if ('verdict' in verdict) return { verdict: verdict.verdict, proposal, id }
  return { verdict: ACCEPT, proposal, id, ticket: verdict.ticket }
}

/**
 * The checks after decoding, for proposals that arrive inside a response (anneal exchange fetches). `encoding`, when
 * given, must be p's canonical bytes: signing bytes and stamp digest are then sliced from it instead of re-encoded.
 */
export function proposalVerdict(
  p: Proposal,
  ctx: ValidationContext,
  encoding?: Uint8Array,
  signatures = true,
): { verdict: Verdict } | { ticket: KnownTicket } {
  if (p.networkId !== ctx.networkId) return { verdict: reject('wrong-network', p.networkId) }
  const window = epochWindowVerdict(p.epoch, ctx.currentEpoch, ctx.clockEpoch)
  if (window !== undefined) return { verdict: window }
  const ticket = proposalTicket(p, ctx)
  if ('verdict' in ticket) return ticket
  const stampDigest = encoding ? proposalStampDigestFromEncoding(encoding, p) : proposalStampDigest(p)
  const stamp = verifyStamp(stampDigest, p.stamp, ctx.requiredStampBits(p.epoch))
  // The required bits come from this node's own chain (the difficulty controller over its finalized entropies): a
  // stamp whose work is real but below *our* requirement is ignored, since a node on a different chain view may
  // require less and forward it honestly. A stamp whose hash does not carry its own claim is the message's fault.
  if (!stamp.ok) return { verdict: stamp.reason === 'bits-below-required' ? ignore('bad-stamp', `${stamp.reason}: ${stamp.detail}`) : reject('bad-stamp', `${stamp.reason}: ${stamp.detail}`) }
  if (!signatures) return ticket
  const { verify } = ctx.crypto
  const signingBytes = encoding ? proposalSigningBytesFromEncoding(encoding, p) : proposalSigningBytes(p)
  if (!verify(p.author, signingBytes, p.signature)) return { verdict: reject('bad-signature', 'proposal') }
  const prev = p.previousEndorsement
  if (prev !== undefined && !verify(prev.author, endorsementSigningBytes(prev), prev.signature)) {
    return { verdict: reject('bad-signature', 'piggybacked endorsement') }
  }
  for (let i = 0; i < p.reports.length; i++) {
    const r = p.reports[i]
    if (!verify(r.clientKey, reportSigningBytes(r), r.signature)) {
      return { verdict: reject('bad-signature', `client report ${i}`) }
    }
  }
  return ticket
}
