import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { expectedHashes, isValidBits, leadingZeroBits } from './bits.js'
import { isBytesOfLength, NONCE_BYTES, nonceFromCounter } from './bytes.js'
import { PowParamError, StampMiningError } from './errors.js'
import type { ProposalStamp } from './types.js'
import { sha256 } from './sha256.js'

/** Domain separation from tickets: a ticket nonce can never double as a stamp, nor the reverse. */
export const STAMP_DOMAIN = 'thermotruth/stamp/v1'
/** The synchronous stamp miner blocks its caller, so it refuses difficulties meant for the worker miner. */
export const MAX_SYNC_STAMP_BITS = 24
/** Default budget: 64x the expected count. A geometric search overruns it with probability e^-64. */
const BUDGET_FACTOR = 64

const domainBytes = utf8ToBytes(STAMP_DOMAIN)

function stampPrefix(digest: Uint8Array): Uint8Array {
  if (!(digest instanceof Uint8Array) || digest.length === 0 || digest.length > 0xffff) {
    throw new PowParamError('stamp digest must be 1..65535 bytes')
  }
  return concatBytes(domainBytes, Uint8Array.of(digest.length >>> 8, digest.length & 0xff), digest)
}

/** sha256(domain ‖ u16 len(digest) ‖ digest ‖ nonce(8)). */
export function stampHash(digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  if (!isBytesOfLength(nonce, NONCE_BYTES)) throw new PowParamError(`stamp nonce must be ${NONCE_BYTES} bytes`)
  return sha256(concatBytes(stampPrefix(digest), nonce))
}

/** Like `mineStamp`, and also reports how many hashes it took (for energy accounting). */
export function mineStampCounted(digest: Uint8Array, bits: number, maxHashes?: number): { stamp: ProposalStamp; hashes: number } {
  if (!isValidBits(bits) || bits > MAX_SYNC_STAMP_BITS) {
    throw new PowParamError(`stamp bits must be an integer in [0, ${MAX_SYNC_STAMP_BITS}], got ${bits}`)
  }
  const budget = maxHashes ?? BUDGET_FACTOR * expectedHashes(bits)
  if (!(budget >= 1)) throw new PowParamError(`maxHashes must be >= 1, got ${maxHashes}`)
  const preimage = concatBytes(stampPrefix(digest), new Uint8Array(NONCE_BYTES))
  const nonceAt = preimage.length - NONCE_BYTES
  for (let counter = 0; counter < budget; counter++) {
    const nonce = nonceFromCounter(counter)
    preimage.set(nonce, nonceAt)
    if (leadingZeroBits(sha256(preimage)) >= bits) return { stamp: { bits, nonce }, hashes: counter + 1 }
  }
  throw new StampMiningError(`no ${bits}-bit stamp within ${budget} hashes`)
}

/** Finds a stamp with `bits` leading zero bits over `digest`, synchronously (stamps are small). */
export function mineStamp(digest: Uint8Array, bits: number, maxHashes?: number): ProposalStamp {
  return mineStampCounted(digest, bits, maxHashes).stamp
}

export type StampVerdict = { ok: true } | { ok: false; reason: 'insufficient-work' | 'bits-below-required' | 'malformed'; detail: string }

/** One hash: the stamp must claim at least `requiredBits` and its hash over `digest` must carry the claim. */
export function verifyStamp(digest: Uint8Array, stamp: ProposalStamp, requiredBits: number): StampVerdict {
  if (typeof stamp !== 'object' || stamp === null) return { ok: false, reason: 'malformed', detail: 'stamp is not an object' }
  if (!isValidBits(stamp.bits)) return { ok: false, reason: 'malformed', detail: 'stamp bits must be an integer in [0, 256]' }
  if (!isBytesOfLength(stamp.nonce, NONCE_BYTES)) return { ok: false, reason: 'malformed', detail: `stamp nonce must be ${NONCE_BYTES} bytes` }
  if (!(digest instanceof Uint8Array) || digest.length === 0 || digest.length > 0xffff) {
    return { ok: false, reason: 'malformed', detail: 'digest must be 1..65535 bytes' }
  }
  if (stamp.bits < requiredBits) {
    return { ok: false, reason: 'bits-below-required', detail: `stamp claims ${stamp.bits} bits, ${requiredBits} required` }
  }
  const zeros = leadingZeroBits(stampHash(digest, stamp.nonce))
  if (zeros < stamp.bits) return { ok: false, reason: 'insufficient-work', detail: `stamp hash has ${zeros} leading zero bits, claims ${stamp.bits}` }
  return { ok: true }
}
