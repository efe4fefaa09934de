/**
 * Signing bytes and stamp digest of a proposal straight from its canonical encoding, without re-encoding. Valid
 * because decoders accept only canonical bytes, where the stamp (field 10) and signature (field 11) are the last
 * two fields: the signature field is exactly 66 bytes (tag 0x5a, length 64, signature), the stamp field is
 * tag 0x52, a one-byte length and [0x08 varint(bits)] (absent when bits = 0) ‖ [0x12 0x08 nonce(8)].
 * Equal, byte for byte, to the object-based functions (property-tested); used on the validation hot path.
 */
import { sha256 } from '@thermotruth/pow'
import type { Bytes, Proposal } from '../messages/types.js'
import { DOMAINS, withDomain } from './signing.js'

const SIGNATURE_FIELD_BYTES = 2 + 64

function stampFieldBytes(bits: number): number {
  const bitsField = bits === 0 ? 0 : bits < 128 ? 2 : 3
  return 2 + bitsField + 10
}

/** `bytes` must be the canonical encoding of `p` (as returned by, or accepted by, decodeProposal). */
export function proposalSigningBytesFromEncoding(bytes: Uint8Array, _p: Proposal): Uint8Array {
  return withDomain(DOMAINS.proposal, bytes.subarray(0, bytes.length - SIGNATURE_FIELD_BYTES))
}

export function proposalStampDigestFromEncoding(bytes: Uint8Array, p: Proposal): Bytes {
  const end = bytes.length - SIGNATURE_FIELD_BYTES - stampFieldBytes(p.stamp.bits)
  return sha256(withDomain(DOMAINS.proposalStamp, bytes.subarray(0, end)))
}
