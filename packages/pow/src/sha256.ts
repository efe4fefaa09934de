import { hash } from 'node:crypto'

/**
 * SHA-256 for every hot path of pow and protocol (stamps, tickets, proposal ids, stamp digests, the leader draw):
 * node:crypto's one-shot `hash` (OpenSSL), 1.7 us for a 250 B proposal on this machine against 5.3 us for
 * @noble/hashes. In a profiled n=30 swarm noble's SHA-256 was 1.6 s of 13.6 s busy per host process (a follower
 * checks every entry of the leader's batch: id, stamp and ticket hashes). test/sha256-identity.test.ts pins the
 * digests to @noble/hashes' byte for byte. Returns a plain Uint8Array over the digest's own 32-byte buffer (not a
 * Buffer, whose prototype would make deep equality with other digests fail).
 */
export function sha256(data: Uint8Array): Uint8Array {
  const digest = hash('sha256', data, 'buffer')
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength)
}
