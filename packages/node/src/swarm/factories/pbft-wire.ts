/**
 * The PBFT baseline's messages, signed with the protocol's own Ed25519 code so each costs what a ThermoTruth
 * message costs to sign and check. A frame is kind (1 B) ‖ epoch (u32) ‖ body:
 *  - Proposal: a protocol Proposal, encoded and checked exactly as ThermoTruth's (ticket, stamp, signature, every
 *    client report's signature: `validateProposalBytes`);
 *  - PrePrepare: the leader's proposal set (u16 author indices, ascending) ‖ its Ed25519 signature over
 *    domain ‖ epoch ‖ set;
 *  - Prepare and Commit: protocol Endorsements (decoded, re-encoded and verified by `validateEndorsementBytes`, as
 *    ThermoTruth's endorsements). A Prepare endorses (set digest, aggregate digest); a Commit endorses the aggregate
 *    digest with COMMIT_SET_DIGEST in the set-digest field, so a signed Prepare can never count as a Commit.
 */
import { type Ed25519, encodeEndorsement, signEndorsement, withDomain } from '@thermotruth/protocol'

export enum Kind {
  Proposal = 0,
  PrePrepare = 1,
  Prepare = 2,
  Commit = 3,
}

export const HEADER_BYTES = 5
const SIGNATURE_BYTES = 64
const PRE_PREPARE_DOMAIN = 'thermotruth-bench/pbft-pre-prepare/v1'
/** Marks an endorsement as a COMMIT vote (no real set digest is all 0xff). */
export const COMMIT_SET_DIGEST = new Uint8Array(32).fill(0xff)

export function frame(kind: Kind, epoch: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + body.length)
  out[0] = kind
  new DataView(out.buffer).setUint32(1, epoch)
  out.set(body, HEADER_BYTES)
  return out
}

export function readFrame(bytes: Uint8Array): { kind: Kind; epoch: number; body: Uint8Array } | undefined {
  if (bytes.length < HEADER_BYTES) return undefined
  return { kind: bytes[0] as Kind, epoch: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1), body: bytes.subarray(HEADER_BYTES) }
}

export function encodeSet(authors: number[]): Uint8Array {
  const out = new Uint8Array(authors.length * 2)
  const view = new DataView(out.buffer)
  for (let i = 0; i < authors.length; i++) view.setUint16(i * 2, authors[i])
  return out
}

export function decodeSet(body: Uint8Array, n: number): number[] | undefined {
  if (body.length % 2 !== 0) return undefined
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const set: number[] = []
  for (let i = 0; i < body.length; i += 2) set.push(view.getUint16(i))
  const sorted = set.every((a, i) => a < n && (i === 0 || a > set[i - 1]))
  return sorted ? set : undefined
}

function prePrepareSigningBytes(epoch: number, set: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(4 + set.length)
  new DataView(bytes.buffer).setUint32(0, epoch)
  bytes.set(set, 4)
  return withDomain(PRE_PREPARE_DOMAIN, bytes)
}

export function signPrePrepare(epoch: number, authors: number[], sign: Ed25519['sign']): Uint8Array {
  const set = encodeSet(authors)
  const out = new Uint8Array(set.length + SIGNATURE_BYTES)
  out.set(set)
  out.set(sign(prePrepareSigningBytes(epoch, set)), set.length)
  return out
}

/** The leader's set, when the body is well formed and signed by `leaderKey`. */
export function openPrePrepare(epoch: number, body: Uint8Array, n: number, leaderKey: Uint8Array, verify: Ed25519['verify']): number[] | undefined {
  if (body.length < SIGNATURE_BYTES) return undefined
  const set = body.subarray(0, body.length - SIGNATURE_BYTES)
  const authors = decodeSet(set, n)
  if (authors === undefined) return undefined
  return verify(leaderKey, prePrepareSigningBytes(epoch, set), body.subarray(body.length - SIGNATURE_BYTES)) ? authors : undefined
}

export function signVote(kind: Kind.Prepare | Kind.Commit, init: { networkId: string; epoch: number; setDigest: Uint8Array; digest: Uint8Array }, crypto: Pick<Ed25519, 'publicKey' | 'sign'>): Uint8Array {
  const endorsement = signEndorsement(
    {
      networkId: init.networkId,
      epoch: init.epoch,
      author: crypto.publicKey,
      proposalSetDigest: kind === Kind.Commit ? COMMIT_SET_DIGEST : init.setDigest,
      recordDigest: init.digest,
    },
    crypto.sign,
  )
  return encodeEndorsement(endorsement)
}
