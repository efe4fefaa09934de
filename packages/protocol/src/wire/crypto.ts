/**
 * Ed25519 for the engine. Verification dominates CPU (every node verifies every proposal and endorsement), so
 * public keys are imported once and cached, and the backend is the faster one measured on this machine (see
 * README "Ed25519 backends": node:crypto). Both backends verify strictly per RFC 8032 (noble with zip215 off), so
 * nodes on different backends never disagree on a signature's validity.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@thermotruth/pow'
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js'
import type { EngineCrypto } from '../shared/types.js'
import type { Bytes } from '../messages/types.js'

export type Verify = EngineCrypto['verify']
export type Ed25519Backend = 'node' | 'noble'

export interface Ed25519 extends EngineCrypto {
  publicKey: Bytes
}

const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20])
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00])
/** Bound on cached imported keys: well above any committee; cleared wholesale when full (cheap, deterministic). */
const MAX_CACHED_KEYS = 65536

export function nodePublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(concatBytes(SPKI_PREFIX, raw)), format: 'der', type: 'spki' })
}

/** node:crypto verify with a cache of imported keys; `prepare` imports keys ahead of their first verify. */
function createNodeVerify(): Verify & { prepare(publicKeys: readonly Bytes[]): void } {
  const keys = new Map<string, KeyObject | null>()
  const keyOf = (publicKey: Bytes): KeyObject | null => {
    const id = bytesToHex(publicKey)
    let key = keys.get(id)
    if (key === undefined) {
      if (keys.size >= MAX_CACHED_KEYS) keys.clear()
      try {
        key = nodePublicKey(publicKey)
      } catch {
        key = null // not a curve point: never verifies
      }
      keys.set(id, key)
    }
    return key
  }
  const verify: Verify = (publicKey, message, signature) => {
    if (publicKey.length !== 32 || signature.length !== 64) return false
    const key = keyOf(publicKey)
    if (key === null) return false
    try {
      return nodeVerify(null, message, key, signature)
    } catch {
      return false
    }
  }
  return Object.assign(verify, {
    prepare(publicKeys: readonly Bytes[]): void {
      for (const publicKey of publicKeys) if (publicKey.length === 32) keyOf(publicKey)
    },
  })
}

const nobleVerify: Verify = (publicKey, message, signature) => {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}

export function createVerify(backend: Ed25519Backend = 'node'): Verify {
  return backend === 'node' ? createNodeVerify() : nobleVerify
}

/**
 * Ed25519 signer + verifier. `privateKey` is the 32-byte seed (the simulator derives it from its seed); without one
 * a fresh key comes from the platform CSPRNG (a real node's identity).
 */
export function createEd25519(privateKey?: Uint8Array, backend: Ed25519Backend = 'node'): Ed25519 {
  const seed = privateKey ?? ed25519.utils.randomSecretKey()
  if (seed.length !== 32) throw new TypeError('Ed25519 private key must be 32 bytes')
  const publicKey = ed25519.getPublicKey(seed)
  if (backend === 'noble') {
    return { publicKey, verify: nobleVerify, sign: (message) => ed25519.sign(message, seed) }
  }
  const verify = createNodeVerify()
  const key = createPrivateKey({ key: Buffer.from(concatBytes(PKCS8_PREFIX, seed)), format: 'der', type: 'pkcs8' })
  return { publicKey, verify, prepareKeys: verify.prepare, sign: (message) => new Uint8Array(nodeSign(null, message, key)) }
}

export interface VerifyCache {
  verify: Verify
  stats(): { hits: number; misses: number; size: number }
}

/**
 * Memoises verify results by sha256(publicKey ‖ signature ‖ message). The simulator shares one across all its
 * nodes, so each distinct signature is checked once per run instead of once per node. Bounded: cleared when full.
 */
export function createVerifyCache(verify: Verify, maxEntries = 1 << 20): VerifyCache {
  const results = new Map<string, boolean>()
  let hits = 0
  let misses = 0
  return {
    verify(publicKey, message, signature) {
      const key = bytesToHex(sha256(concatBytes(publicKey, signature, message)))
      const known = results.get(key)
      if (known !== undefined) {
        hits++
        return known
      }
      misses++
      const ok = verify(publicKey, message, signature)
      if (results.size >= maxEntries) results.clear()
      results.set(key, ok)
      return ok
    },
    stats: () => ({ hits, misses, size: results.size }),
  }
}
