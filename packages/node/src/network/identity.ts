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

/**
 * Both spellings of one key, remembered: every direct frame and gossip message names its peer, and re-deriving the
 * other spelling (base58 multihash decode, or key import and encode) each time was ~5 % of a swarm host's CPU.
 * Bounded; cleared wholesale when full (the mapping is a pure function, so a miss only costs the derivation).
 */
const SPELLINGS_MAX = 8192
const authorByPeerId = new Map<string, string>()
const peerIdByAuthor = new Map<string, string>()

function remember(peerId: string, author: string): void {
  if (authorByPeerId.size >= SPELLINGS_MAX) {
    authorByPeerId.clear()
    peerIdByAuthor.clear()
  }
  authorByPeerId.set(peerId, author)
  peerIdByAuthor.set(author, peerId)
}

/** Hex author id (the protocol's name for a node) of a libp2p peer id string. */
export function authorOf(peerId: string): string {
  const known = authorByPeerId.get(peerId)
  if (known !== undefined) return known
  const key = ed25519KeyOf(parsePeerId(peerId))
  if (key === undefined) throw new NetworkError('INVALID_PEER_ID', `peer ${peerId} is not an Ed25519 identity`)
  const author = Buffer.from(key).toString('hex')
  remember(peerId, author)
  return author
}

/** libp2p peer id string of a hex author id. */
export function peerIdOf(author: string): string {
  if (!HEX_KEY.test(author)) {
    throw new NetworkError('INVALID_AUTHOR', `author must be 64 lowercase hex chars (Ed25519 key), got ${JSON.stringify(author.slice(0, 80))}`)
  }
  const known = peerIdByAuthor.get(author)
  if (known !== undefined) return known
  try {
    const peerId = peerIdFromPublicKey(publicKeyFromRaw(Buffer.from(author, 'hex'))).toString()
    remember(peerId, author)
    return peerId
  } catch (err) {
    throw new NetworkError('INVALID_AUTHOR', `not an Ed25519 public key: ${author}`, { cause: err })
  }
}
