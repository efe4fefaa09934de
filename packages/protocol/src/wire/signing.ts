/**
 * What each signature covers: a domain string, a zero byte, then the message's canonical encoding with the
 * `signature` field empty. Distinct domains mean a signature made for one message kind never verifies as another.
 * Order of construction for a proposal: build -> stamp (over `proposalStampDigest`) -> sign (covers the stamp).
 */
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import type {
  AgreementEstimate,
  Bytes,
  ClientReport,
  Endorsement,
  Proposal,
} from '../messages/types.js'
import { encodePb } from './codec.js'
import { endorsementToPb, estimateToPb, proposalToPb, reportToPb } from './pb-convert.js'
import * as pb from './proto/messages.pb.js'

export const DOMAINS = {
  proposal: 'thermotruth/proposal/v1',
  endorsement: 'thermotruth/endorsement/v1',
  estimate: 'thermotruth/estimate/v1',
  report: 'thermotruth/report/v1',
  proposalStamp: 'thermotruth/proposal-stamp/v1',
  record: 'thermotruth/record/v1',
  proposalSet: 'thermotruth/proposal-set/v1',
  reportsLeaf: 'thermotruth/reports-leaf/v1',
  reportsNode: 'thermotruth/reports-node/v1',
} as const

const EMPTY = new Uint8Array(0)
const domainPrefix = new Map<string, Uint8Array>()

/** domain ‖ 0x00 ‖ bytes */
export function withDomain(domain: string, bytes: Uint8Array): Uint8Array {
  let prefix = domainPrefix.get(domain)
  if (prefix === undefined) {
    prefix = concatBytes(utf8ToBytes(domain), new Uint8Array(1))
    domainPrefix.set(domain, prefix)
  }
  return concatBytes(prefix, bytes)
}

export type Unsigned<T extends { signature: Bytes }> = Omit<T, 'signature'> & { signature?: Bytes }
export type Signer = (message: Uint8Array) => Bytes

export function proposalSigningBytes(p: Unsigned<Proposal>): Uint8Array {
  return withDomain(DOMAINS.proposal, encodePb(pb.Proposal.codec, proposalToPb({ ...p, signature: EMPTY })))
}

export function endorsementSigningBytes(e: Unsigned<Endorsement>): Uint8Array {
  return withDomain(DOMAINS.endorsement, encodePb(pb.Endorsement.codec, endorsementToPb({ ...e, signature: EMPTY })))
}

export function estimateSigningBytes(a: Unsigned<AgreementEstimate>): Uint8Array {
  return withDomain(DOMAINS.estimate, encodePb(pb.AgreementEstimate.codec, estimateToPb({ ...a, signature: EMPTY })))
}

export function reportSigningBytes(r: Unsigned<ClientReport>): Uint8Array {
  return withDomain(DOMAINS.report, encodePb(pb.ClientReport.codec, reportToPb({ ...r, signature: EMPTY })))
}

export const signProposal = (p: Unsigned<Proposal>, sign: Signer): Proposal => ({
  ...p,
  signature: sign(proposalSigningBytes(p)),
})

export const signEndorsement = (e: Unsigned<Endorsement>, sign: Signer): Endorsement => ({
  ...e,
  signature: sign(endorsementSigningBytes(e)),
})

export const signEstimate = (a: Unsigned<AgreementEstimate>, sign: Signer): AgreementEstimate => ({
  ...a,
  signature: sign(estimateSigningBytes(a)),
})

export const signReport = (r: Unsigned<ClientReport>, sign: Signer): ClientReport => ({
  ...r,
  signature: sign(reportSigningBytes(r)),
})
