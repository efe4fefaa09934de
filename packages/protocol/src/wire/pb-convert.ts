/**
 * Mapping between the message model (messages/types.ts) and the generated protobuf shapes. Pure field mapping:
 * checks live in pb-checks.ts and run on the protobuf form, both before encoding and after decoding.
 */
import type { IdentityTicket, ProposalStamp } from '@thermotruth/pow'
import type {
  AgreementEstimate,
  ClientReport,
  Endorsement,
  EpochRecord,
  FeedObservation,
  FeedResult,
  FinalityCertificate,
  Proposal,
  ProtocolRequest,
  ProtocolResponse,
} from '../messages/types.js'
import type * as pb from './proto/messages.pb.js'
import { bytesToValues, valuesToBytes } from './values.js'

type Buf = Uint8Array<ArrayBuffer>
/** protons types bytes as Uint8Array<ArrayBuffer>; it only reads them, so any Uint8Array view is fine. */
const buf = (b: Uint8Array): Buf => b as Buf
const bufs = (list: Uint8Array[]): Buf[] => list.map(buf)

export const ticketToPb = (t: IdentityTicket): pb.IdentityTicket => ({
  version: t.version,
  networkId: t.networkId,
  publicKey: buf(t.publicKey),
  anchor: buf(t.anchor),
  anchorEpoch: t.anchorEpoch,
  bits: t.bits,
  nonce: buf(t.nonce),
})

export const ticketFromPb = (t: pb.IdentityTicket): IdentityTicket => ({
  version: 1,
  networkId: t.networkId,
  publicKey: t.publicKey,
  anchor: t.anchor,
  anchorEpoch: t.anchorEpoch,
  bits: t.bits,
  nonce: t.nonce,
})

const stampToPb = (s: ProposalStamp): pb.ProposalStamp => ({ bits: s.bits, nonce: buf(s.nonce) })
const stampFromPb = (s: pb.ProposalStamp): ProposalStamp => ({ bits: s.bits, nonce: s.nonce })

const feedToPb = (f: FeedObservation): pb.FeedValues => ({ feed: f.feed, values: buf(valuesToBytes(f.values)) })
const feedFromPb = (f: pb.FeedValues): FeedObservation => ({ feed: f.feed, values: bytesToValues(f.values) })

export const reportToPb = (r: ClientReport): pb.ClientReport => ({
  feed: r.feed,
  values: buf(valuesToBytes(r.values)),
  clientKey: buf(r.clientKey),
  sequence: r.sequence,
  signature: buf(r.signature),
})

export const reportFromPb = (r: pb.ClientReport): ClientReport => ({
  feed: r.feed,
  values: bytesToValues(r.values),
  clientKey: r.clientKey,
  sequence: r.sequence,
  signature: r.signature,
})

export const endorsementToPb = (e: Endorsement): pb.Endorsement => ({
  networkId: e.networkId,
  epoch: e.epoch,
  author: buf(e.author),
  proposalSetDigest: buf(e.proposalSetDigest),
  recordDigest: buf(e.recordDigest),
  signature: buf(e.signature),
})

export const endorsementFromPb = (e: pb.Endorsement): Endorsement => ({ ...e })

export function proposalToPb(p: Proposal): pb.Proposal {
  return {
    networkId: p.networkId,
    epoch: p.epoch,
    author: buf(p.author),
    ticket: p.ticket === undefined ? undefined : ticketToPb(p.ticket),
    ticketHash: p.ticketHash === undefined ? undefined : buf(p.ticketHash),
    observations: p.observations.map(feedToPb),
    reports: p.reports.map(reportToPb),
    seen:
      p.seen === undefined
        ? undefined
        : {
            epoch: p.seen.epoch,
            committeeBitmap: buf(p.seen.committeeBitmap),
            proposalSetDigest: buf(p.seen.proposalSetDigest),
          },
    previousEndorsement: p.previousEndorsement === undefined ? undefined : endorsementToPb(p.previousEndorsement),
    stamp: p.stamp === undefined ? undefined : stampToPb(p.stamp),
    signature: buf(p.signature),
  }
}

export function proposalFromPb(p: pb.Proposal): Proposal {
  const out: Proposal = {
    networkId: p.networkId,
    epoch: p.epoch,
    author: p.author,
    observations: p.observations.map(feedFromPb),
    reports: p.reports.map(reportFromPb),
    stamp: stampFromPb(p.stamp!),
    signature: p.signature,
  }
  if (p.ticket !== undefined) out.ticket = ticketFromPb(p.ticket)
  if (p.ticketHash !== undefined) out.ticketHash = p.ticketHash
  if (p.seen !== undefined) out.seen = { ...p.seen }
  if (p.previousEndorsement !== undefined) out.previousEndorsement = endorsementFromPb(p.previousEndorsement)
  return out
}

const resultToPb = (f: FeedResult): pb.FeedResult => ({
  feed: f.feed,
  values: buf(valuesToBytes(f.values)),
  temperature: f.temperature,
  entropyBits: f.entropyBits,
  freeEnergy: f.freeEnergy,
  logPartition: f.logPartition,
  nEff: f.nEff,
  approximateSpread: f.approximateSpread,
})

function resultFromPb(f: pb.FeedResult): FeedResult {
  const out: FeedResult = {
    feed: f.feed,
    values: bytesToValues(f.values),
    temperature: f.temperature,
    entropyBits: f.entropyBits,
    freeEnergy: f.freeEnergy,
    logPartition: f.logPartition,
    nEff: f.nEff,
  }
  if (f.approximateSpread !== undefined) out.approximateSpread = f.approximateSpread
  return out
}

export const recordToPb = (r: EpochRecord): pb.EpochRecord => ({
  networkId: r.networkId,
  epoch: r.epoch,
  feeds: r.feeds.map(resultToPb),
  includedAuthors: bufs(r.includedAuthors),
  reportsRoot: buf(r.reportsRoot),
  reportCount: r.reportCount,
  nextDifficulty: r.nextDifficulty,
  approximate: r.approximate,
  previousRecordDigest: buf(r.previousRecordDigest),
})

export const recordFromPb = (r: pb.EpochRecord): EpochRecord => ({
  networkId: r.networkId,
  epoch: r.epoch,
  feeds: r.feeds.map(resultFromPb),
  includedAuthors: r.includedAuthors,
  reportsRoot: r.reportsRoot,
  reportCount: r.reportCount,
  nextDifficulty: r.nextDifficulty,
  approximate: r.approximate,
  previousRecordDigest: r.previousRecordDigest,
})

export const certificateToPb = (c: FinalityCertificate): pb.FinalityCertificate => ({
  record: recordToPb(c.record),
  endorsements: c.endorsements.map(endorsementToPb),
  committee: bufs(c.committee),
})

export const certificateFromPb = (c: pb.FinalityCertificate): FinalityCertificate => ({
  record: recordFromPb(c.record!),
  endorsements: c.endorsements.map(endorsementFromPb),
  committee: c.committee,
})

export const estimateToPb = (a: AgreementEstimate): pb.AgreementEstimate => ({
  networkId: a.networkId,
  epoch: a.epoch,
  round: a.round,
  author: buf(a.author),
  feeds: a.feeds.map(feedToPb),
  signature: buf(a.signature),
})

export const estimateFromPb = (a: pb.AgreementEstimate): AgreementEstimate => ({
  networkId: a.networkId,
  epoch: a.epoch,
  round: a.round,
  author: a.author,
  feeds: a.feeds.map(feedFromPb),
  signature: a.signature,
})

export function requestToPb(r: ProtocolRequest): pb.ProtocolRequest {
  switch (r.kind) {
    case 'fetch-proposals':
      return { fetchProposals: { epoch: r.epoch, authors: bufs(r.authors) } }
    case 'get-certificates':
      return { getCertificates: { fromEpoch: r.fromEpoch, limit: r.limit } }
  }
}

export function requestFromPb(r: pb.ProtocolRequest): ProtocolRequest {
  if (r.fetchProposals !== undefined) {
    return { kind: 'fetch-proposals', epoch: r.fetchProposals.epoch, authors: r.fetchProposals.authors }
  }
  const { fromEpoch, limit } = r.getCertificates!
  return { kind: 'get-certificates', fromEpoch, limit }
}

export function responseToPb(r: ProtocolResponse): pb.ProtocolResponse {
  switch (r.kind) {
    case 'proposals':
      return { proposals: { proposals: r.proposals.map(proposalToPb) } }
    case 'certificates':
      return { certificates: { certificates: r.certificates.map(certificateToPb) } }
    case 'error':
      return { error: r.reason }
  }
}

export function responseFromPb(r: pb.ProtocolResponse): ProtocolResponse {
  if (r.proposals !== undefined) return { kind: 'proposals', proposals: r.proposals.proposals.map(proposalFromPb) }
  if (r.certificates !== undefined) {
    return { kind: 'certificates', certificates: r.certificates.certificates.map(certificateFromPb) }
  }
  return { kind: 'error', reason: r.error! }
}
