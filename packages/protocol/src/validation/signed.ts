/** Validation of endorsements, agreement estimates and client reports: decode, network, epoch window, signature. */
import type { Verdict } from '../shared/types.js'
import type { AgreementEstimate, ClientReport, Endorsement } from '../messages/types.js'
import { decodeAgreementEstimate, decodeEndorsement, encodeClientReport } from '../wire/codec.js'
import { authorId } from '../wire/digests.js'
import { endorsementSigningBytes, estimateSigningBytes, reportSigningBytes } from '../wire/signing.js'
import type { SignedMessageContext } from './context.js'
import { decodeOrVerdict } from './decode.js'
import { epochWindowVerdict } from './epoch-window.js'
import { ACCEPT, ignore, reject } from './verdict.js'

interface Authored {
  networkId: string
  epoch: number
  author: Uint8Array
  signature: Uint8Array
}

function authoredVerdict<T extends Authored>(msg: T, signingBytes: (m: T) => Uint8Array, ctx: SignedMessageContext): Verdict {
  if (msg.networkId !== ctx.networkId) return reject('wrong-network', msg.networkId)
  const window = epochWindowVerdict(msg.epoch, ctx.currentEpoch, ctx.clockEpoch)
  if (window !== undefined) return window
  if (ctx.isCommitteeMember !== undefined && !ctx.isCommitteeMember(authorId(msg.author), msg.epoch)) {
    return ignore('not-committee', authorId(msg.author))
  }
  if (!ctx.crypto.verify(msg.author, signingBytes(msg), msg.signature)) return reject('bad-signature')
  return ACCEPT
}

export function validateEndorsementBytes(
  bytes: Uint8Array,
  ctx: SignedMessageContext,
): { verdict: Verdict; endorsement?: Endorsement } {
  const decoded = decodeOrVerdict(bytes, decodeEndorsement)
  if ('verdict' in decoded) return decoded
  return { verdict: authoredVerdict(decoded.value, endorsementSigningBytes, ctx), endorsement: decoded.value }
}

export function validateEstimateBytes(
  bytes: Uint8Array,
  ctx: SignedMessageContext,
): { verdict: Verdict; estimate?: AgreementEstimate } {
  const decoded = decodeOrVerdict(bytes, decodeAgreementEstimate)
  if ('verdict' in decoded) return decoded
  return { verdict: authoredVerdict(decoded.value, estimateSigningBytes, ctx), estimate: decoded.value }
}

/** A client report submitted to this node (before the mempool): only its own signature can be checked. */
export function validateReport(r: ClientReport, crypto: SignedMessageContext['crypto']): Verdict {
  const checked = decodeOrVerdict(r, encodeClientReport) // the encoder applies every wire check
  if ('verdict' in checked) return checked.verdict
  return crypto.verify(r.clientKey, reportSigningBytes(r), r.signature) ? ACCEPT : reject('bad-signature', 'client report')
}
