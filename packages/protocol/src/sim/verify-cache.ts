/**
 * The simulator's shared signature-check cache: every simulated node verifies the same signatures, so each
 * (public key, message, signature) is checked by Ed25519 once. Looked up by the signature's first bytes and
 * confirmed by comparing signature, key and message byte for byte, so a hit is exact (a signature copied onto another message is a
 * miss) without hashing every message: the wire layer's content-hashed `createVerifyCache` spent more on SHA-256
 * (noble, over every re-encoded batch and certificate on every receiver) than the verifies it saved.
 */
import type { EngineCrypto } from '../engine/types.js'

interface Checked {
  key: Uint8Array
  message: Uint8Array
  signature: Uint8Array
  ok: boolean
}

export function createSimVerifier(verify: EngineCrypto['verify'], maxEntries = 1 << 18): EngineCrypto['verify'] {
  const bySignature = new Map<number, Checked[]>()
  return (publicKey, message, signature) => {
    const id = signatureKey(signature)
    let list = bySignature.get(id)
    if (list) for (const c of list) if (sameBytes(c.signature, signature) && sameBytes(c.key, publicKey) && sameBytes(c.message, message)) return c.ok
    const ok = verify(publicKey, message, signature)
    if (!list) {
      if (bySignature.size >= maxEntries) bySignature.clear()
      list = []
      bySignature.set(id, list)
    }
    // Copies: the cache outlives the call, and a caller may reuse its arrays.
    list.push({ key: Uint8Array.from(publicKey), message: Uint8Array.from(message), signature: Uint8Array.from(signature), ok })
    return ok
  }
}

/** The first 6 bytes of R (a uniformly random point encoding) as a number: a bucket, confirmed byte for byte. */
function signatureKey(signature: Uint8Array): number {
  let key = 0
  for (let k = 0; k < 6 && k < signature.length; k++) key = key * 256 + signature[k]
  return key
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false
  return true
}
