/**
 * Equivocation evidence: two different proposals, both validly signed by one author for one epoch. Either bytes
 * string alone is harmless; together they prove the author signed conflicting views, which anyone can re-check
 * with `verifyEquivocationEvidence` (no trust in the reporter needed).
 */
import type { EngineCrypto } from '../shared/types.js'
import type { AuthorId, Proposal } from '../messages/types.js'
import { compareBytes, equalBytes } from '../wire/checks.js'
import { decodeProposal } from '../wire/codec.js'
import { authorId } from '../wire/digests.js'
import { proposalSigningBytes } from '../wire/signing.js'

export interface EquivocationEvidence {
  author: AuthorId
  epoch: number
  /** The two signed proposal encodings, in byte order (so the same pair always forms the same evidence). */
  proposals: [Uint8Array, Uint8Array]
}

type Verify = Pick<EngineCrypto, 'verify'>

function decodeSigned(bytes: Uint8Array, networkId: string, crypto: Verify): Proposal | undefined {
  try {
    const p = decodeProposal(bytes)
    if (p.networkId !== networkId) return undefined
    return crypto.verify(p.author, proposalSigningBytes(p), p.signature) ? p : undefined
  } catch {
    return undefined
  }
}

/** Evidence if `a` and `b` are distinct, validly signed proposals of one author and epoch; otherwise undefined. */
export function equivocationEvidence(
  a: Uint8Array,
  b: Uint8Array,
  ctx: { networkId: string; crypto: Verify },
): EquivocationEvidence | undefined {
  if (equalBytes(a, b)) return undefined
  const pa = decodeSigned(a, ctx.networkId, ctx.crypto)
  const pb = decodeSigned(b, ctx.networkId, ctx.crypto)
  if (pa === undefined || pb === undefined) return undefined
  if (pa.epoch !== pb.epoch || !equalBytes(pa.author, pb.author)) return undefined
  const ordered: [Uint8Array, Uint8Array] = compareBytes(a, b) < 0 ? [a, b] : [b, a]
  return { author: authorId(pa.author), epoch: pa.epoch, proposals: ordered }
}

export function verifyEquivocationEvidence(e: EquivocationEvidence, ctx: { networkId: string; crypto: Verify }): boolean {
  const again = equivocationEvidence(e.proposals[0], e.proposals[1], ctx)
  return again !== undefined && again.author === e.author && again.epoch === e.epoch
}
