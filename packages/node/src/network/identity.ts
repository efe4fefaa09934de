/**
 * A node's libp2p key is its Ed25519 protocol identity, so a peer id and a protocol author are two spellings
 * of the same 32-byte public key: the peer id string (base58 identity multihash) and lowercase hex.
 */
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import type { PeerId } from '@libp2p/interface'
import { peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import { NetworkError } from './errors.js'

const HEX_KEY = /^[0-9a-f]{64}$/

/** The raw 32-byte Ed25519 public key of a peer id, or undefined for any other key type. */
export function ed25519KeyOf(peerId: PeerId): Uint8Array | undefined {
  if (peerId.type !== 'Ed25519') return undefined
  return peerId.publicKey.raw
}

export function parsePeerId(peerId: string): PeerId {
  try {
    return peerIdFromString(peerId)
  } catch (err) {
    throw new NetworkError('INVALID_PEER_ID', `not a peer id: ${JSON.stringify(peerId.slice(0, 80))}`, { cause: err })
  }
}

/** Hex author id (the protocol's name for a node) of a libp2p peer id string. */
export function authorOf(peerId: string): string {
  const key = ed25519KeyOf(parsePeerId(peerId))
  if (key === undefined) throw new NetworkError('INVALID_PEER_ID', `peer ${peerId} is not an Ed25519 identity`)
  return Buffer.from(key).toString('hex')
}

/** libp2p peer id string of a hex author id. */
export function peerIdOf(author: string): string {
  if (!HEX_KEY.test(author)) {
    throw new NetworkError('INVALID_AUTHOR', `author must be 64 lowercase hex chars (Ed25519 key), got ${JSON.stringify(author.slice(0, 80))}`)
  }
  try {
    return peerIdFromPublicKey(publicKeyFromRaw(Buffer.from(author, 'hex'))).toString()
  } catch (err) {
    throw new NetworkError('INVALID_AUTHOR', `not an Ed25519 public key: ${author}`, { cause: err })
  }
}
