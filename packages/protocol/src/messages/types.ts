/**
 * The protocol's message model: what travels on the wire, as plain typed objects.
 * `wire/` encodes these with protons (deterministic protobuf); `validation/` checks them; the engine consumes them.
 *
 * Conventions:
 * - Keys, hashes and signatures are raw bytes. An author is identified by its 32-byte Ed25519 public key; where a
 *   string id is needed (maps, anneal contributions) it is the lowercase hex of that key (`authorId`).
 * - Epochs are non-negative integers (< 2^53). Feed ids are short ASCII strings ([a-z0-9._:-], <= 64 bytes).
 * - Values are IEEE-754 float64; every value must be finite.
 * - Every signature covers the message's canonical encoding with the `signature` field empty, prefixed by a
 *   domain string (see wire/signing), so a signature for one message kind can never verify as another.
 */
import type { IdentityTicket, ProposalStamp } from '@thermotruth/pow'

export type Bytes = Uint8Array

/** Hex of an Ed25519 public key: the author id used in maps, committees and anneal contributions. */
export type AuthorId = string

export interface FeedObservation {
  feed: string
  /** The author's observation (a vector of dimension >= 1; a scalar feed has length 1). */
  values: Float64Array
}

/** A client's signed report (a "transaction"): rides in the next proposal of the node that received it. */
export interface ClientReport {
  feed: string
  values: Float64Array
  /** Ed25519 public key of the client. */
  clientKey: Bytes
  /** Per-client strictly increasing sequence number; (clientKey, sequence) dedupes. */
  sequence: number
  signature: Bytes
}

/**
 * The author's view of epoch e-1, as a compact vector clock: a bitmap over the epoch e-1 committee in its canonical
 * order (sorted by author id), bit i set when the author had committee member i's proposal before it finalized,
 * plus the digest of the exact proposal set it aggregated. Peers missing proposals use this to know whom to ask.
 */
export interface SeenSet {
  epoch: number
  committeeBitmap: Bytes
  proposalSetDigest: Bytes
}

export interface Proposal {
  networkId: string
  epoch: number
  author: Bytes
  /** The full ticket, or only its hash once the author believes peers already hold the ticket. */
  ticket?: IdentityTicket
  ticketHash?: Bytes
  observations: FeedObservation[]
  reports: ClientReport[]
  seen?: SeenSet
  /** The author's endorsement of epoch e-1, piggybacked to save one message per node per epoch. */
  previousEndorsement?: Endorsement
  stamp: ProposalStamp
  signature: Bytes
}

export interface Endorsement {
  networkId: string
  epoch: number
  author: Bytes
  /** Digest of the exact set of proposals the endorser aggregated (sorted proposal ids). */
  proposalSetDigest: Bytes
  /** Digest of the canonical encoding of the epoch record the endorser computed. */
  recordDigest: Bytes
  signature: Bytes
}

export interface FeedResult {
  feed: string
  values: Float64Array
  temperature: number
  entropyBits: number
  freeEnergy: number
  logPartition: number
  nEff: number
  /** Present when the epoch closed by approximate agreement: the spread of honest estimates (max - min, per dim max). */
  approximateSpread?: number
}

export interface EpochRecord {
  networkId: string
  epoch: number
  feeds: FeedResult[]
  /** Authors whose proposals were aggregated, sorted. */
  includedAuthors: Bytes[]
  /** Merkle root (or digest) of the ids of client reports finalized in this epoch. */
  reportsRoot: Bytes
  reportCount: number
  /** Stamp difficulty (real-valued controller state) that applies to epoch + 1. */
  nextDifficulty: number
  /** True when finalized by the approximate-agreement fallback rather than identical views. */
  approximate: boolean
  /** Digest of the previous record (0x00..00 at genesis): records form a hash chain. */
  previousRecordDigest: Bytes
}

export interface FinalityCertificate {
  record: EpochRecord
  /** Endorsements of digest(record) from more than 2/3 of the epoch's committee, sorted by author. */
  endorsements: Endorsement[]
  /** The committee the threshold was computed over (sorted author keys). */
  committee: Bytes[]
}

/** Direct request/response between two nodes (anneal exchange fetches, sync). */
export type ProtocolRequest =
  | { kind: 'fetch-proposals'; epoch: number; authors: Bytes[] }
  | { kind: 'get-certificates'; fromEpoch: number; limit: number }

export type ProtocolResponse =
  | { kind: 'proposals'; proposals: Proposal[] }
  | { kind: 'certificates'; certificates: FinalityCertificate[] }
  | { kind: 'error'; reason: string }

/**
 * One round of the approximate-agreement fallback: the author's current estimate per feed. Used only when
 * endorsements still disagree after missing proposals were fetched.
 */
export interface AgreementEstimate {
  networkId: string
  epoch: number
  round: number
  author: Bytes
  feeds: Array<{ feed: string; values: Float64Array }>
  signature: Bytes
}

// ---------------------------------------------------------------- linear epochs (one leader-built batch per view)

/** The leader of (epoch, view) acknowledges one proposal; it must then include that proposal in its batch. */
export interface Receipt {
  networkId: string
  epoch: number
  view: number
  leader: Bytes
  /** Id (sha256 of the canonical bytes) of the receipted proposal. */
  proposalId: Bytes
  signature: Bytes
}

/** The leader's batch for (epoch, view): the canonical bytes of every proposal it took in, sorted by proposal id. */
export interface Batch {
  networkId: string
  epoch: number
  view: number
  leader: Bytes
  proposals: Uint8Array[]
  signature: Bytes
}

/**
 * An author moves to `view` of an epoch. It carries the author's endorsement of the epoch, if it made one, and the
 * batch bytes it endorsed, so the view's leader can re-propose that set rather than split the vote.
 */
export interface ViewChange {
  networkId: string
  epoch: number
  view: number
  author: Bytes
  endorsement?: Endorsement
  endorsedBatch?: Uint8Array
  signature: Bytes
}

/**
 * Proof that a leader broke the linear epoch's rules, checkable by anyone from the leader's own signatures: exactly
 * one of the three optional parts is present.
 */
export interface LeaderEvidence {
  batch: Uint8Array
  /** Censorship: the leader's receipt for a proposal `batch` omits. */
  receipt?: Uint8Array
  /** Equivocation: a second, different batch of the same leader and view. */
  secondBatch?: Uint8Array
  /** Forgery: the index of a proposal in `batch` that fails its own signature or encoding. */
  forgedIndex?: number
}

/** One direct (point-to-point) message of the linear epoch; on the wire a kind byte, then the inner encoding. */
export type DirectMessage =
  | { kind: 'proposal'; bytes: Uint8Array }
  | { kind: 'receipt'; bytes: Uint8Array }
  | { kind: 'batch'; bytes: Uint8Array }
  | { kind: 'endorsement'; bytes: Uint8Array }
  | { kind: 'certificate'; bytes: Uint8Array }
  | { kind: 'view-change'; bytes: Uint8Array }
