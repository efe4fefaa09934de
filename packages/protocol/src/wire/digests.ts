/**
 * Content digests (sha256, @noble/hashes). A proposal's id is the hash of its full canonical encoding, which is
 * exactly the gossip message id of its bytes (`messageId`), so gossip dedupe and the engine agree on identity.
 */
import { sha256 } from '@thermotruth/pow'
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js'
import type { AuthorId, Bytes, ClientReport, EpochRecord, Proposal } from '../messages/types.js'
import { compareBytes } from './checks.js'
import { encodePb } from './codec.js'
import { proposalToPb, recordToPb } from './pb-convert.js'
import * as pb from './proto/messages.pb.js'
import { DOMAINS, reportSigningBytes, type Unsigned, withDomain } from './signing.js'

export const ZERO_DIGEST: Bytes = new Uint8Array(32)

/** Digests a driver already computed for exact byte arrays (see `rememberMessageId`); weak, so never a leak. */
const knownMessageIds = new WeakMap<Uint8Array, Bytes>()

/**
 * For drivers that already hashed these very bytes (the node's gossipsub message id is sha256(data), computed
 * with node:crypto before validation): hand the digest over so one message is hashed once, not twice. The caller
 * vouches that `id` is sha256(bytes) and that `bytes` is not modified afterwards.
 */
export function rememberMessageId(bytes: Uint8Array, id: Bytes): void {
  knownMessageIds.set(bytes, id)
}

/** sha256 of raw message bytes: the content-addressed gossip message id. */
export const messageId = (bytes: Uint8Array): Bytes => knownMessageIds.get(bytes) ?? sha256(bytes)

export const proposalId = (p: Proposal): Bytes => sha256(encodePb(pb.Proposal.codec, proposalToPb(p)))

/** What the proposal's PoW stamp commits to: the encoding without stamp and signature. */
export function proposalStampDigest(p: Omit<Unsigned<Proposal>, 'stamp'> & { stamp?: Proposal['stamp'] }): Bytes {
  const bare = proposalToPb({ ...p, stamp: undefined as unknown as Proposal['stamp'], signature: new Uint8Array(0) })
  return sha256(withDomain(DOMAINS.proposalStamp, encodePb(pb.Proposal.codec, bare)))
}

export const recordDigest = (r: EpochRecord): Bytes =>
  sha256(withDomain(DOMAINS.record, encodePb(pb.EpochRecord.codec, recordToPb(r))))

/** Digest of a set of proposal ids: order-independent (sorted copy), so equal sets give equal digests. */
export function proposalSetDigest(ids: Uint8Array[]): Bytes {
  const sorted = [...ids].sort(compareBytes)
  return sha256(withDomain(DOMAINS.proposalSet, concatBytes(...sorted)))
}

/** A report's id covers its content without the signature: re-signing the same report cannot mint a second id. */
export const reportId = (r: Unsigned<ClientReport>): string => bytesToHex(sha256(reportSigningBytes(r)))

/**
 * Merkle tree over the sorted report ids (hex). Leaves and inner nodes use distinct domains (no second-preimage
 * splicing); an odd node is promoted unchanged. The empty set has the root sha256(leaf-domain ‖ 0x00).
 */
function reportLevels(ids: string[]): Bytes[][] {
  let level: Bytes[] = [...ids].sort().map((id) => sha256(withDomain(DOMAINS.reportsLeaf, hexToBytes(id))))
  const levels = [level]
  while (level.length > 1) {
    const next: Bytes[] = []
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? hashPair(level[i], level[i + 1]) : level[i])
    }
    level = next
    levels.push(level)
  }
  return levels
}

const hashPair = (left: Bytes, right: Bytes): Bytes => sha256(withDomain(DOMAINS.reportsNode, concatBytes(left, right)))

export function reportsRoot(ids: string[]): Bytes {
  if (ids.length === 0) return sha256(withDomain(DOMAINS.reportsLeaf, new Uint8Array(0)))
  const levels = reportLevels(ids)
  return levels[levels.length - 1][0]
}

/** One step of an inclusion proof: the sibling hash and on which side it sits. */
export interface ProofStep {
  sibling: Bytes
  left: boolean
}

/** Inclusion proof of report `id` under reportsRoot(ids), or undefined if `id` is not among them. */
export function reportInclusionProof(ids: string[], id: string): ProofStep[] | undefined {
  const sorted = [...ids].sort()
  let index = sorted.indexOf(id)
  if (index < 0) return undefined
  const proof: ProofStep[] = []
  for (const level of reportLevels(sorted).slice(0, -1)) {
    const sibling = index ^ 1
    if (sibling < level.length) proof.push({ sibling: level[sibling], left: sibling < index })
    index >>= 1
  }
  return proof
}

/** Checks that `id` is a leaf of the tree with root `root` (lets a client confirm its report was finalized). */
export function verifyReportInclusion(root: Uint8Array, id: string, proof: ProofStep[]): boolean {
  let node: Bytes
  try {
    node = sha256(withDomain(DOMAINS.reportsLeaf, hexToBytes(id)))
  } catch {
    return false
  }
  for (const step of proof) node = step.left ? hashPair(step.sibling, node) : hashPair(node, step.sibling)
  return node.length === root.length && node.every((b, i) => b === root[i])
}

export const authorId = (publicKey: Uint8Array): AuthorId => bytesToHex(publicKey)
export const authorKey = (id: AuthorId): Bytes => hexToBytes(id)
