import { ed25519 } from '@noble/curves/ed25519.js'
import { PowParamError } from './errors.js'

/** An Ed25519 identity: the 32-byte secret seed and the 32-byte public key a ticket binds. */
export interface IdentityKey {
  secretKey: Uint8Array
  publicKey: Uint8Array
}

/** A fresh Ed25519 key from the platform CSPRNG (via @noble/curves, the audited pure implementation). */
export function generateIdentityKey(): IdentityKey {
  const { secretKey, publicKey } = ed25519.keygen()
  return { secretKey, publicKey }
}

/** Re-derives the public key of a 32-byte Ed25519 secret seed. */
export function identityKeyFromSecret(secretKey: Uint8Array): IdentityKey {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new PowParamError('Ed25519 secret key must be 32 bytes')
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) }
}
