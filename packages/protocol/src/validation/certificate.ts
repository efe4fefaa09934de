/**
 * Finality certificate verification, used by sync and `thermotruth verify`: the certificate's committee is the
 * expected one, more than 2/3 of it (quorum) endorse, endorsers are distinct committee members, every endorsement
 * is for this network, this epoch and exactly recordDigest(record), and every signature verifies.
 */
import { quorum } from '../committee/quorum.js'
import type { EngineCrypto } from '../shared/types.js'
import type { Bytes, FinalityCertificate } from '../messages/types.js'
import { compareBytes, equalBytes } from '../wire/checks.js'
import { encodeFinalityCertificate } from '../wire/codec.js'
import { authorId, recordDigest } from '../wire/digests.js'
import { WireError } from '../wire/errors.js'
import { endorsementSigningBytes } from '../wire/signing.js'

export type CertificateProblem =
  | 'malformed'
  | 'wrong-network'
  | 'wrong-committee'
  | 'wrong-chain'
  | 'wrong-record'
  | 'not-committee'
  | 'no-quorum'
  | 'bad-signature'

export type CertificateVerdict = { ok: true; digest: Bytes } | { ok: false; reason: CertificateProblem; detail: string }

export interface CertificateContext {
  /** The committee of the certificate's epoch as this verifier computes it (any order). */
  committee: Bytes[]
  networkId: string
  /** When given, the record must chain onto it (its previousRecordDigest). */
  previousRecordDigest?: Bytes
  crypto: Pick<EngineCrypto, 'verify'>
}

const fail = (reason: CertificateProblem, detail: string): CertificateVerdict => ({ ok: false, reason, detail })

export function verifyCertificate(cert: FinalityCertificate, ctx: CertificateContext): CertificateVerdict {
  try {
    encodeFinalityCertificate(cert) // structure: lengths, sorted keys, endorsements for the record's epoch
  } catch (err) {
    return fail('malformed', err instanceof WireError ? err.message : String(err))
  }
  const { record } = cert
  if (record.networkId !== ctx.networkId) return fail('wrong-network', record.networkId)
  const expected = [...ctx.committee].sort(compareBytes)
  if (expected.length !== cert.committee.length || expected.some((k, i) => !equalBytes(k, cert.committee[i]))) {
    return fail('wrong-committee', 'certificate committee differs from the expected committee')
  }
  if (ctx.previousRecordDigest !== undefined && !equalBytes(ctx.previousRecordDigest, record.previousRecordDigest)) {
    return fail('wrong-chain', 'record does not extend the expected previous record')
  }
  const need = quorum(expected.length)
  if (cert.endorsements.length < need) return fail('no-quorum', `${cert.endorsements.length} of ${need} endorsements`)
  const members = new Set(expected.map(authorId))
  const digest = recordDigest(record)
  for (const e of cert.endorsements) {
    const who = authorId(e.author)
    if (!members.has(who)) return fail('not-committee', who)
    if (!equalBytes(e.recordDigest, digest)) return fail('wrong-record', `${who} endorsed another record`)
    if (!ctx.crypto.verify(e.author, endorsementSigningBytes(e), e.signature)) return fail('bad-signature', who)
  }
  return { ok: true, digest }
}
