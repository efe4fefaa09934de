/**
 * Wire format of the linear epoch's messages: receipts, batches, view changes, censorship evidence, and the direct
 * frame that carries them (and proposals, endorsements and certificates) point to point. Same rules as codec.ts:
 * canonical protobuf only, every field checked, hard byte budgets, and signatures over a domain-separated encoding
 * with the signature field empty.
 */
import type { Batch, DirectMessage, LeaderEvidence, Receipt, ViewChange } from '../messages/types.js'
import { checkCount, checkCounter, checkDigest, checkKey, checkNetworkId, checkSignature, compareBytes } from './checks.js'
import { decodeKind, encodeKind, encodePb, type Kind } from './codec.js'
import { malformed, oversize } from './errors.js'
import { LIMITS } from './limits.js'
import { checkEndorsement } from './pb-checks.js'
import { endorsementFromPb, endorsementToPb } from './pb-convert.js'
import * as pb from './proto/messages.pb.js'
import { type Signer, type Unsigned, withDomain } from './signing.js'

export const LINEAR_DOMAINS = {
  receipt: 'thermotruth/receipt/v1',
  batch: 'thermotruth/batch/v1',
  viewChange: 'thermotruth/view-change/v1',
  /** Never sent: a follower signs a batch's signature under this domain to seed its private audit sample. */
  batchAudit: 'thermotruth/batch-audit/v1',
} as const

/** Views per epoch before the epoch falls back to the gossip path (the leader, then the backup). */
export const MAX_VIEWS = 8

export const LINEAR_LIMITS = {
  /** A batch holds at most one proposal per committee member and candidate. */
  proposalsPerBatch: LIMITS.committee,
  bytes: {
    receipt: 256,
    /** A batch of 16k 64 KiB proposals would be 1 GiB: the byte budget binds long before the count. */
    batch: 8 * 1024 * 1024,
    viewChange: LIMITS.bytes.endorsement + 8 * 1024 * 1024 + 256,
    evidence: 256 + 2 * 8 * 1024 * 1024 + 32,
    /** One direct frame: the largest inner message plus its kind byte. */
    direct: 8 * 1024 * 1024 + 1024,
  },
} as const

const EMPTY = new Uint8Array(0)

function checkView(view: number, what: string): void {
  if (!Number.isInteger(view) || view < 0 || view >= MAX_VIEWS) throw malformed(`${what}: view out of range`)
}

function checkReceipt(r: pb.Receipt, what = 'receipt'): void {
  checkNetworkId(r.networkId, `${what}.networkId`)
  checkCounter(r.epoch, `${what}.epoch`)
  checkView(r.view, `${what}.view`)
  checkKey(r.leader, `${what}.leader`)
  checkDigest(r.proposalId, `${what}.proposalId`)
  checkSignature(r.signature, `${what}.signature`)
}

function checkBatch(b: pb.Batch, what = 'batch'): void {
  checkNetworkId(b.networkId, `${what}.networkId`)
  checkCounter(b.epoch, `${what}.epoch`)
  checkView(b.view, `${what}.view`)
  checkKey(b.leader, `${what}.leader`)
  checkCount(b.proposals.length, LINEAR_LIMITS.proposalsPerBatch, `${what}.proposals`)
  for (let i = 0; i < b.proposals.length; i++) {
    const p = b.proposals[i]
    if (p.length === 0 || p.length > LIMITS.bytes.proposal) throw malformed(`${what}.proposals[${i}]: bad length ${p.length}`)
  }
  checkSignature(b.signature, `${what}.signature`)
}

function checkViewChange(v: pb.ViewChange, what = 'view change'): void {
  checkNetworkId(v.networkId, `${what}.networkId`)
  checkCounter(v.epoch, `${what}.epoch`)
  checkView(v.view, `${what}.view`)
  if (v.view === 0) throw malformed(`${what}.view: a view change moves to view 1 or later`)
  checkKey(v.author, `${what}.author`)
  if (v.endorsement !== undefined) {
    checkEndorsement(v.endorsement, `${what}.endorsement`)
    if (v.endorsement.epoch !== v.epoch || compareBytes(v.endorsement.author, v.author) !== 0) throw malformed(`${what}.endorsement: not the author's for this epoch`)
  }
  if ((v.endorsedBatch === undefined) !== (v.endorsement === undefined)) throw malformed(`${what}: endorsement and endorsed batch go together`)
  if (v.endorsedBatch !== undefined && v.endorsedBatch.length > LINEAR_LIMITS.bytes.batch) throw oversize(`${what}.endorsedBatch: too large`)
  checkSignature(v.signature, `${what}.signature`)
}

function checkEvidence(e: pb.LeaderEvidence): void {
  if (e.batch.length === 0 || e.batch.length > LINEAR_LIMITS.bytes.batch) throw malformed('evidence.batch: bad length')
  const parts = Number(e.receipt !== undefined) + Number(e.secondBatch !== undefined) + Number(e.forgedIndex !== undefined)
  if (parts !== 1) throw malformed('evidence: exactly one of receipt, second batch and forged index')
  if (e.forgedIndex !== undefined && e.forgedIndex >= LINEAR_LIMITS.proposalsPerBatch) throw malformed('evidence.forgedIndex: past the largest batch')
  if (e.receipt !== undefined && (e.receipt.length === 0 || e.receipt.length > LINEAR_LIMITS.bytes.receipt)) throw malformed('evidence.receipt: bad length')
  if (e.secondBatch !== undefined && (e.secondBatch.length === 0 || e.secondBatch.length > LINEAR_LIMITS.bytes.batch)) throw malformed('evidence.secondBatch: bad length')
}

export const LINEAR_KINDS = {
  receipt: {
    what: 'receipt',
    maxBytes: LINEAR_LIMITS.bytes.receipt,
    codec: pb.Receipt.codec,
    limits: {},
    check: (m) => checkReceipt(m),
    toPb: (r) => ({ ...r }) as pb.Receipt,
    fromPb: (m) => ({ ...m }),
  } satisfies Kind<Receipt, pb.Receipt>,
  batch: {
    what: 'batch',
    maxBytes: LINEAR_LIMITS.bytes.batch,
    codec: pb.Batch.codec,
    limits: { proposals: LINEAR_LIMITS.proposalsPerBatch },
    check: (m) => checkBatch(m),
    toPb: (b) => ({ ...b }) as pb.Batch,
    fromPb: (m) => ({ ...m }),
  } satisfies Kind<Batch, pb.Batch>,
  viewChange: {
    what: 'view change',
    maxBytes: LINEAR_LIMITS.bytes.viewChange,
    codec: pb.ViewChange.codec,
    limits: {},
    check: (m) => checkViewChange(m),
    toPb: (v) => ({
      networkId: v.networkId,
      epoch: v.epoch,
      view: v.view,
      author: v.author as Uint8Array<ArrayBuffer>,
      endorsement: v.endorsement === undefined ? undefined : endorsementToPb(v.endorsement),
      endorsedBatch: v.endorsedBatch as Uint8Array<ArrayBuffer> | undefined,
      signature: v.signature as Uint8Array<ArrayBuffer>,
    }),
    fromPb: (m) => {
      const out: ViewChange = { networkId: m.networkId, epoch: m.epoch, view: m.view, author: m.author, signature: m.signature }
      if (m.endorsement !== undefined) out.endorsement = endorsementFromPb(m.endorsement)
      if (m.endorsedBatch !== undefined) out.endorsedBatch = m.endorsedBatch
      return out
    },
  } satisfies Kind<ViewChange, pb.ViewChange>,
  evidence: {
    what: 'evidence',
    maxBytes: LINEAR_LIMITS.bytes.evidence,
    codec: pb.LeaderEvidence.codec,
    limits: {},
    check: (m) => checkEvidence(m),
    toPb: (e) => ({ ...e }) as pb.LeaderEvidence,
    fromPb: (m) => {
      const out: LeaderEvidence = { batch: m.batch }
      if (m.receipt !== undefined) out.receipt = m.receipt
      if (m.secondBatch !== undefined) out.secondBatch = m.secondBatch
      if (m.forgedIndex !== undefined) out.forgedIndex = m.forgedIndex
      return out
    },
  } satisfies Kind<LeaderEvidence, pb.LeaderEvidence>,
}

export const encodeReceipt = (r: Receipt) => encodeKind(LINEAR_KINDS.receipt, r)
export const decodeReceipt = (b: Uint8Array) => decodeKind(LINEAR_KINDS.receipt, b)
export const encodeBatch = (b: Batch) => encodeKind(LINEAR_KINDS.batch, b)
export const decodeBatch = (b: Uint8Array) => decodeKind(LINEAR_KINDS.batch, b)
export const encodeViewChange = (v: ViewChange) => encodeKind(LINEAR_KINDS.viewChange, v)
export const decodeViewChange = (b: Uint8Array) => decodeKind(LINEAR_KINDS.viewChange, b)
export const encodeLeaderEvidence = (e: LeaderEvidence) => encodeKind(LINEAR_KINDS.evidence, e)
export const decodeLeaderEvidence = (b: Uint8Array) => decodeKind(LINEAR_KINDS.evidence, b)

export function receiptSigningBytes(r: Unsigned<Receipt>): Uint8Array {
  return withDomain(LINEAR_DOMAINS.receipt, encodePb(pb.Receipt.codec, { ...r, signature: EMPTY } as pb.Receipt))
}

/** The batch's signing bytes: the encoding with an empty signature. Relays check this one signature before anything else. */
export function batchSigningBytes(b: Unsigned<Batch>): Uint8Array {
  return withDomain(LINEAR_DOMAINS.batch, encodePb(pb.Batch.codec, { ...b, signature: EMPTY } as pb.Batch))
}

export function viewChangeSigningBytes(v: Unsigned<ViewChange>): Uint8Array {
  return withDomain(LINEAR_DOMAINS.viewChange, encodePb(pb.ViewChange.codec, LINEAR_KINDS.viewChange.toPb({ ...v, signature: EMPTY })))
}

/** What a follower signs to seed its audit of a batch (engine/batch-audit.ts): the batch's own signature. */
export function batchAuditSeedBytes(batchSignature: Uint8Array): Uint8Array {
  return withDomain(LINEAR_DOMAINS.batchAudit, batchSignature)
}

export const signReceipt = (r: Unsigned<Receipt>, sign: Signer): Receipt => ({ ...r, signature: sign(receiptSigningBytes(r)) })
export const signBatch = (b: Unsigned<Batch>, sign: Signer): Batch => ({ ...b, signature: sign(batchSigningBytes(b)) })
export const signViewChange = (v: Unsigned<ViewChange>, sign: Signer): ViewChange => ({ ...v, signature: sign(viewChangeSigningBytes(v)) })

// ---------------------------------------------------------------- direct frames

const DIRECT_TAGS = ['proposal', 'receipt', 'batch', 'endorsement', 'certificate', 'view-change'] as const
type DirectKind = DirectMessage['kind']

/** A direct frame: one kind byte (1-based index into DIRECT_TAGS), then the inner message's canonical bytes. */
export function encodeDirect(message: DirectMessage): Uint8Array {
  const tag = DIRECT_TAGS.indexOf(message.kind) + 1
  if (message.bytes.length + 1 > LINEAR_LIMITS.bytes.direct) throw oversize(`direct ${message.kind}: ${message.bytes.length} bytes`)
  const out = new Uint8Array(message.bytes.length + 1)
  out[0] = tag
  out.set(message.bytes, 1)
  return out
}

/** Splits a direct frame without copying; the inner bytes are decoded (and checked) by the kind's own decoder. */
export function decodeDirect(frame: Uint8Array): DirectMessage {
  if (!(frame instanceof Uint8Array) || frame.length < 2) throw malformed('direct: empty frame')
  if (frame.length > LINEAR_LIMITS.bytes.direct) throw oversize(`direct: ${frame.length} > ${LINEAR_LIMITS.bytes.direct} bytes`)
  const kind: DirectKind | undefined = DIRECT_TAGS[frame[0] - 1]
  if (kind === undefined) throw malformed(`direct: unknown kind ${frame[0]}`)
  return { kind, bytes: frame.subarray(1) }
}

/**
 * What a receiver checks in one direct frame, without verifying anything: a CPU model's input (the simulator
 * charges each frame by it). Counts from the outer encoding only; a malformed frame counts nothing.
 * - `signatures`: the Ed25519 signatures it verifies. A batch costs its leader's signature plus the entries a
 *   follower audits (`auditedEntries`, engine/batch-audit.ts: its sample, its own entry, and the signature that
 *   seeds the sample), never more than every entry plus two; a certificate its endorsements; anything else one.
 * - `entries`: the batch entries it checks beyond their signatures (encoding, id, ticket and stamp hashes): all.
 */
export function directFrameChecks(frame: Uint8Array, auditedEntries = Number.POSITIVE_INFINITY): { signatures: number; entries: number } {
  try {
    const m = decodeDirect(frame)
    switch (m.kind) {
      case 'batch': {
        const entries = pb.Batch.decode(m.bytes).proposals.length
        return { signatures: 1 + Math.min(entries + 1, auditedEntries), entries }
      }
      case 'certificate':
        return { signatures: pb.FinalityCertificate.decode(m.bytes).endorsements.length, entries: 0 }
      default:
        return { signatures: 1, entries: 0 }
    }
  } catch {
    return { signatures: 0, entries: 0 }
  }
}
