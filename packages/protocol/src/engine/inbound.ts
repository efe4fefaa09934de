/**
 * Inbound bytes through the shared validators (validation/), memoised on the byte array when the driver shares a
 * memo: the simulator hands the same array to every receiving node, so one node's decode and signature checks
 * serve all of them. The memo key carries every piece of node state a verdict depends on (the epoch window and
 * the stamp bits required in it). Stateful checks (duplicates, equivocation) stay in the engine.
 */
import type { Endorsement, Proposal } from '../messages/types.js'
import { type KnownTicket, type ValidationContext, validateEndorsementBytes, validateEstimateBytes, validateProposalBytes, proposalVerdict } from '../validation/index.js'
import { encodeProposal, proposalId } from '../wire/index.js'
import { hex } from './aggregate.js'
import type { AgreementEstimate } from '../messages/types.js'
import type { EngineMemo, Verdict } from './types.js'

export type Checked<T> = { ok: true; value: T } | { ok: false; verdict: Verdict }

export interface CheckedProposal {
  proposal: Proposal
  bytes: Uint8Array
  /** Hex proposal id (sha256 of the canonical bytes = the gossip message id). */
  id: string
  idBytes: Uint8Array
  author: string
  /** The verified ticket, to remember for this author's later hash-only proposals. */
  ticket?: KnownTicket
}

/** An endorsement that passed its checks, with the hex keys the engine indexes by. */
export interface CheckedEndorsement {
  endorsement: Endorsement
  author: string
  recordDigestHex: string
}

/** `compute()`, shared through the memo by byte array when the driver passes one (the simulator). */
export function memoised<T>(memo: EngineMemo | undefined, ns: string, bytes: Uint8Array, compute: () => T): T {
  return memo ? memo.byBytes(ns, bytes, compute) : compute()
}

/** `decode(bytes)`, or undefined when the bytes do not decode; shared through the memo like `memoised`. */
export function memoisedDecode<T>(memo: EngineMemo | undefined, ns: string, bytes: Uint8Array, decode: (bytes: Uint8Array) => T): T | undefined {
  return memoised(memo, ns, bytes, (): T | undefined => {
    try {
      return decode(bytes)
    } catch {
      return undefined
    }
  })
}

/** The node state a proposal verdict depends on: the epoch window and the stamp bits required in it. */
export function validationStateKey(ctx: ValidationContext): string {
  const e = ctx.currentEpoch
  return `proposal:${windowKey(ctx)}:${ctx.requiredStampBits(e - 1)},${ctx.requiredStampBits(e)},${ctx.requiredStampBits(e + 1)}`
}

/** The epoch window's inputs: the epoch reached and, when the node lags its clock, the clock's epoch. */
function windowKey(ctx: Pick<ValidationContext, 'currentEpoch' | 'clockEpoch'>): string {
  return ctx.clockEpoch === undefined || ctx.clockEpoch === ctx.currentEpoch ? `${ctx.currentEpoch}` : `${ctx.currentEpoch}/${ctx.clockEpoch}`
}

/**
 * `stateKey` is `validationStateKey(ctx)`, passed in so the engine computes it once per state change, not per message.
 * `signatures: false` skips the signature checks (a batch entry outside the follower's audit sample).
 */
export function checkProposalBytes(bytes: Uint8Array, ctx: ValidationContext, stateKey: string, memo?: EngineMemo, signatures = true): Checked<CheckedProposal> {
  return memoised(memo, signatures ? stateKey : `${stateKey}:unsigned`, bytes, (): Checked<CheckedProposal> => {
    const v = validateProposalBytes(bytes, ctx, signatures)
    if (v.verdict.action !== 'accept' || !v.proposal || !v.id) return { ok: false, verdict: v.verdict }
    return { ok: true, value: { proposal: v.proposal, bytes, id: hex(v.id), idBytes: v.id, author: hex(v.proposal.author), ticket: v.ticket } }
  })
}

/** A proposal that arrived inside a fetch response (an object, not gossip bytes). */
export function checkFetchedProposal(p: Proposal, ctx: ValidationContext): Checked<CheckedProposal> {
  const v = proposalVerdict(p, ctx)
  if ('verdict' in v) return { ok: false, verdict: v.verdict }
  const idBytes = proposalId(p)
  return { ok: true, value: { proposal: p, bytes: encodeProposal(p), id: hex(idBytes), idBytes, author: hex(p.author), ticket: v.ticket } }
}

export function checkEndorsementBytes(bytes: Uint8Array, ctx: ValidationContext, memo?: EngineMemo): Checked<CheckedEndorsement> {
  return memoised(memo, `endorsement:${windowKey(ctx)}`, bytes, (): Checked<CheckedEndorsement> => {
    const v = validateEndorsementBytes(bytes, ctx)
    if (v.verdict.action !== 'accept' || !v.endorsement) return { ok: false, verdict: v.verdict }
    return { ok: true, value: indexEndorsement(v.endorsement) }
  })
}

export function indexEndorsement(e: Endorsement): CheckedEndorsement {
  return { endorsement: e, author: hex(e.author), recordDigestHex: hex(e.recordDigest) }
}

export function checkEstimateBytes(bytes: Uint8Array, ctx: ValidationContext, memo?: EngineMemo): Checked<AgreementEstimate> {
  return memoised(memo, `estimate:${windowKey(ctx)}`, bytes, (): Checked<AgreementEstimate> => {
    const v = validateEstimateBytes(bytes, ctx)
    if (v.verdict.action !== 'accept' || !v.estimate) return { ok: false, verdict: v.verdict }
    return { ok: true, value: v.estimate }
  })
}
