/**
 * Public codec: encodeX / decodeX for every wire message. Decoders accept only the canonical encoding (they
 * re-encode and compare, so unknown fields, reordered or repeated fields, explicit defaults and padded varints are
 * all `malformed`): one message has exactly one byte string, which makes content-addressed gossip ids and
 * signatures over re-encodings sound. Decoders throw `WireError` and nothing else.
 */
import type { IdentityTicket } from '@thermotruth/pow'
import { type Codec, type DecodeOptions, decodeMessage, encodeMessage, MaxLengthError } from 'protons-runtime'
import type {
  AgreementEstimate,
  ClientReport,
  Endorsement,
  EpochRecord,
  FinalityCertificate,
  Proposal,
  ProtocolRequest,
  ProtocolResponse,
} from '../messages/types.js'
import { equalBytes } from './checks.js'
import { malformed, oversize, WireError } from './errors.js'
import { LIMITS } from './limits.js'
import * as check from './pb-checks.js'
import * as conv from './pb-convert.js'
import * as pb from './proto/messages.pb.js'

export type Limits<P> = NonNullable<DecodeOptions<P>['limits']>

export interface Kind<T, P> {
  what: string
  maxBytes: number
  codec: () => Codec<P>
  limits: Limits<P>
  check: (msg: P) => void
  toPb: (value: T) => P
  fromPb: (msg: P) => T
}

const rethrow = (what: string, err: unknown): never => {
  if (err instanceof WireError) throw err
  if (err instanceof MaxLengthError) throw oversize(`${what}: ${err.message}`)
  throw malformed(`${what}: ${err instanceof Error ? err.message : String(err)}`)
}

/** Unchecked encoding (signing bytes and digests of partial messages use it). */
export function encodePb<P>(codec: () => Codec<P>, msg: P): Uint8Array {
  return encodeMessage(msg, codec())
}

export function encodeKind<T, P>(kind: Kind<T, P>, value: T): Uint8Array {
  try {
    const msg = kind.toPb(value)
    kind.check(msg)
    const bytes = encodeMessage(msg, kind.codec())
    if (bytes.length > kind.maxBytes) throw oversize(`${kind.what}: ${bytes.length} > ${kind.maxBytes} bytes`)
    return bytes
  } catch (err) {
    return rethrow(kind.what, err)
  }
}

export function decodeKind<T, P>(kind: Kind<T, P>, bytes: Uint8Array): T {
  try {
    if (!(bytes instanceof Uint8Array)) throw malformed(`${kind.what}: not bytes`)
    if (bytes.length > kind.maxBytes) throw oversize(`${kind.what}: ${bytes.length} > ${kind.maxBytes} bytes`)
    const msg = decodeMessage(bytes, kind.codec(), { limits: kind.limits })
    if (!equalBytes(encodeMessage(msg, kind.codec()), bytes)) throw malformed(`${kind.what}: non-canonical encoding`)
    kind.check(msg)
    return kind.fromPb(msg)
  } catch (err) {
    return rethrow(kind.what, err)
  }
}

const proposalLimits: Limits<pb.Proposal> = {
  observations: LIMITS.feeds,
  reports: LIMITS.reportsPerProposal,
}
const recordLimits: Limits<pb.EpochRecord> = { feeds: LIMITS.feeds, includedAuthors: LIMITS.committee }
const certificateLimits: Limits<pb.FinalityCertificate> = {
  record: recordLimits,
  endorsements: LIMITS.committee,
  committee: LIMITS.committee,
}

export const KINDS = {
  ticket: {
    what: 'ticket',
    maxBytes: LIMITS.bytes.ticket,
    codec: pb.IdentityTicket.codec,
    limits: {},
    check: (m) => check.checkTicket(m),
    toPb: conv.ticketToPb,
    fromPb: conv.ticketFromPb,
  } satisfies Kind<IdentityTicket, pb.IdentityTicket>,
  report: {
    what: 'report',
    maxBytes: LIMITS.bytes.report,
    codec: pb.ClientReport.codec,
    limits: {},
    check: (m) => check.checkReport(m),
    toPb: conv.reportToPb,
    fromPb: conv.reportFromPb,
  } satisfies Kind<ClientReport, pb.ClientReport>,
  proposal: {
    what: 'proposal',
    maxBytes: LIMITS.bytes.proposal,
    codec: pb.Proposal.codec,
    limits: proposalLimits,
    check: (m) => check.checkProposal(m),
    toPb: conv.proposalToPb,
    fromPb: conv.proposalFromPb,
  } satisfies Kind<Proposal, pb.Proposal>,
  endorsement: {
    what: 'endorsement',
    maxBytes: LIMITS.bytes.endorsement,
    codec: pb.Endorsement.codec,
    limits: {},
    check: (m) => check.checkEndorsement(m),
    toPb: conv.endorsementToPb,
    fromPb: conv.endorsementFromPb,
  } satisfies Kind<Endorsement, pb.Endorsement>,
  record: {
    what: 'record',
    maxBytes: LIMITS.bytes.record,
    codec: pb.EpochRecord.codec,
    limits: recordLimits,
    check: (m) => check.checkRecord(m),
    toPb: conv.recordToPb,
    fromPb: conv.recordFromPb,
  } satisfies Kind<EpochRecord, pb.EpochRecord>,
  certificate: {
    what: 'certificate',
    maxBytes: LIMITS.bytes.certificate,
    codec: pb.FinalityCertificate.codec,
    limits: certificateLimits,
    check: (m) => check.checkCertificate(m),
    toPb: conv.certificateToPb,
    fromPb: conv.certificateFromPb,
  } satisfies Kind<FinalityCertificate, pb.FinalityCertificate>,
  estimate: {
    what: 'estimate',
    maxBytes: LIMITS.bytes.estimate,
    codec: pb.AgreementEstimate.codec,
    limits: { feeds: LIMITS.feeds },
    check: (m) => check.checkEstimate(m),
    toPb: conv.estimateToPb,
    fromPb: conv.estimateFromPb,
  } satisfies Kind<AgreementEstimate, pb.AgreementEstimate>,
  request: {
    what: 'request',
    maxBytes: LIMITS.bytes.request,
    codec: pb.ProtocolRequest.codec,
    limits: { fetchProposals: { authors: LIMITS.proposalsPerResponse } },
    check: (m) => check.checkRequest(m),
    toPb: conv.requestToPb,
    fromPb: conv.requestFromPb,
  } satisfies Kind<ProtocolRequest, pb.ProtocolRequest>,
  response: {
    what: 'response',
    maxBytes: LIMITS.bytes.response,
    codec: pb.ProtocolResponse.codec,
    limits: {
      proposals: { proposals: LIMITS.proposalsPerResponse, proposals$: proposalLimits },
      certificates: { certificates: LIMITS.certificatesPerResponse, certificates$: certificateLimits },
    },
    check: (m) => check.checkResponse(m),
    toPb: conv.responseToPb,
    fromPb: conv.responseFromPb,
  } satisfies Kind<ProtocolResponse, pb.ProtocolResponse>,
}

export const encodeIdentityTicket = (t: IdentityTicket) => encodeKind(KINDS.ticket, t)
export const decodeIdentityTicket = (b: Uint8Array) => decodeKind(KINDS.ticket, b)
export const encodeClientReport = (r: ClientReport) => encodeKind(KINDS.report, r)
export const decodeClientReport = (b: Uint8Array) => decodeKind(KINDS.report, b)
export const encodeProposal = (p: Proposal) => encodeKind(KINDS.proposal, p)
export const decodeProposal = (b: Uint8Array) => decodeKind(KINDS.proposal, b)
export const encodeEndorsement = (e: Endorsement) => encodeKind(KINDS.endorsement, e)
export const decodeEndorsement = (b: Uint8Array) => decodeKind(KINDS.endorsement, b)
export const encodeEpochRecord = (r: EpochRecord) => encodeKind(KINDS.record, r)
export const decodeEpochRecord = (b: Uint8Array) => decodeKind(KINDS.record, b)
export const encodeFinalityCertificate = (c: FinalityCertificate) => encodeKind(KINDS.certificate, c)
export const decodeFinalityCertificate = (b: Uint8Array) => decodeKind(KINDS.certificate, b)
export const encodeAgreementEstimate = (a: AgreementEstimate) => encodeKind(KINDS.estimate, a)
export const decodeAgreementEstimate = (b: Uint8Array) => decodeKind(KINDS.estimate, b)
export const encodeProtocolRequest = (r: ProtocolRequest) => encodeKind(KINDS.request, r)
export const decodeProtocolRequest = (b: Uint8Array) => decodeKind(KINDS.request, b)
export const encodeProtocolResponse = (r: ProtocolResponse) => encodeKind(KINDS.response, r)
export const decodeProtocolResponse = (b: Uint8Array) => decodeKind(KINDS.response, b)
