/**
 * Structural checks on decoded protobuf objects (and on objects about to be encoded): lengths of keys, digests,
 * signatures and nonces, finite floats, counters, sorted author lists, and epoch relations inside one message.
 * Cryptographic checks (signatures, tickets, stamps) belong to `validation/`.
 */
import { malformed } from './errors.js'
import {
  checkBits,
  checkCount,
  checkCounter,
  checkDigest,
  checkFeedId,
  checkFinite,
  checkKey,
  checkNetworkId,
  checkNonce,
  checkSignature,
  checkSortedKeys,
  checkUniqueFeeds,
  compareBytes,
  equalBytes,
} from './checks.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { LIMITS } from './limits.js'
import type * as pb from './proto/messages.pb.js'
import { checkValueBytes } from './values.js'

export function checkTicket(t: pb.IdentityTicket, what = 'ticket'): void {
  if (t.version !== 1) throw malformed(`${what}: unsupported version ${t.version}`)
  checkNetworkId(t.networkId, `${what}.networkId`)
  checkKey(t.publicKey, `${what}.publicKey`)
  checkDigest(t.anchor, `${what}.anchor`)
  checkCounter(t.anchorEpoch, `${what}.anchorEpoch`)
  checkBits(t.bits, `${what}.bits`)
  checkNonce(t.nonce, `${what}.nonce`)
}

export function checkStamp(s: pb.ProposalStamp | undefined, what = 'stamp'): void {
  if (s === undefined) throw malformed(`${what}: missing`)
  checkBits(s.bits, `${what}.bits`)
  checkNonce(s.nonce, `${what}.nonce`)
}

function checkFeedValues(f: pb.FeedValues, what: string): void {
  checkFeedId(f.feed, `${what}.feed`)
  checkValueBytes(f.values, `${what}.values`)
}

export function checkReport(r: pb.ClientReport, what = 'report'): void {
  checkFeedId(r.feed, `${what}.feed`)
  checkValueBytes(r.values, `${what}.values`)
  checkKey(r.clientKey, `${what}.clientKey`)
  checkCounter(r.sequence, `${what}.sequence`)
  checkSignature(r.signature, `${what}.signature`)
}

export function checkEndorsement(e: pb.Endorsement, what = 'endorsement'): void {
  checkNetworkId(e.networkId, `${what}.networkId`)
  checkCounter(e.epoch, `${what}.epoch`)
  checkKey(e.author, `${what}.author`)
  checkDigest(e.proposalSetDigest, `${what}.proposalSetDigest`)
  checkDigest(e.recordDigest, `${what}.recordDigest`)
  checkSignature(e.signature, `${what}.signature`)
}

/** (clientKey, sequence) identifies a report: one proposal never carries the same report twice. */
function checkDistinctReports(reports: pb.ClientReport[], what: string): void {
  checkCount(reports.length, LIMITS.reportsPerProposal, what)
  const seen = new Set<string>()
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i]
    checkReport(r, `${what}[${i}]`)
    const key = `${bytesToHex(r.clientKey)}:${r.sequence}`
    if (seen.has(key)) throw malformed(`${what}: duplicate report ${key}`)
    seen.add(key)
  }
}

export function checkProposal(p: pb.Proposal, what = 'proposal'): void {
  checkNetworkId(p.networkId, `${what}.networkId`)
  checkCounter(p.epoch, `${what}.epoch`)
  checkKey(p.author, `${what}.author`)
  if ((p.ticket === undefined) === (p.ticketHash === undefined)) {
    throw malformed(`${what}: exactly one of ticket and ticketHash`)
  }
  if (p.ticket !== undefined) checkTicket(p.ticket, `${what}.ticket`)
  if (p.ticketHash !== undefined) checkDigest(p.ticketHash, `${what}.ticketHash`)
  checkUniqueFeeds(p.observations, `${what}.observations`)
  for (let i = 0; i < p.observations.length; i++) {

    const o = p.observations[i]

    checkFeedValues(o, `${what}.observations[${i}]`)

  }
  checkDistinctReports(p.reports, `${what}.reports`)
  if (p.seen !== undefined) {
    if (p.seen.epoch + 1 !== p.epoch) throw malformed(`${what}.seen: epoch must be ${p.epoch - 1}`)
    checkCount(p.seen.committeeBitmap.length, Math.ceil(LIMITS.committee / 8), `${what}.seen.committeeBitmap`)
    checkDigest(p.seen.proposalSetDigest, `${what}.seen.proposalSetDigest`)
  }
  const prev = p.previousEndorsement
  if (prev !== undefined) {
    checkEndorsement(prev, `${what}.previousEndorsement`)
    if (prev.epoch + 1 !== p.epoch) throw malformed(`${what}.previousEndorsement: epoch must be ${p.epoch - 1}`)
    if (prev.networkId !== p.networkId) throw malformed(`${what}.previousEndorsement: network differs`)
    if (!equalBytes(prev.author, p.author)) throw malformed(`${what}.previousEndorsement: author differs`)
  }
  checkStamp(p.stamp, `${what}.stamp`)
  checkSignature(p.signature, `${what}.signature`)
}

function checkFeedResult(f: pb.FeedResult, what: string): void {
  checkFeedId(f.feed, `${what}.feed`)
  checkValueBytes(f.values, `${what}.values`)
  checkFinite(f.temperature, `${what}.temperature`)
  checkFinite(f.entropyBits, `${what}.entropyBits`)
  checkFinite(f.freeEnergy, `${what}.freeEnergy`)
  checkFinite(f.logPartition, `${what}.logPartition`)
  checkFinite(f.nEff, `${what}.nEff`)
  checkFinite(f.approximateSpread, `${what}.approximateSpread`)
  if (f.approximateSpread !== undefined && f.approximateSpread < 0) throw malformed(`${what}: negative spread`)
}

export function checkRecord(r: pb.EpochRecord | undefined, what = 'record'): void {
  if (r === undefined) throw malformed(`${what}: missing`)
  checkNetworkId(r.networkId, `${what}.networkId`)
  checkCounter(r.epoch, `${what}.epoch`)
  checkUniqueFeeds(r.feeds, `${what}.feeds`)
  for (let i = 0; i < r.feeds.length; i++) {

    const f = r.feeds[i]

    checkFeedResult(f, `${what}.feeds[${i}]`)

  }
  checkSortedKeys(r.includedAuthors, `${what}.includedAuthors`)
  checkDigest(r.reportsRoot, `${what}.reportsRoot`)
  checkFinite(r.nextDifficulty, `${what}.nextDifficulty`)
  if (r.nextDifficulty < 0) throw malformed(`${what}.nextDifficulty: negative`)
  checkDigest(r.previousRecordDigest, `${what}.previousRecordDigest`)
}

export function checkCertificate(c: pb.FinalityCertificate, what = 'certificate'): void {
  checkRecord(c.record, `${what}.record`)
  const record = c.record!
  checkSortedKeys(c.committee, `${what}.committee`)
  checkCount(c.endorsements.length, c.committee.length, `${what}.endorsements`)
  c.endorsements.forEach((e, i) => {
    const at = `${what}.endorsements[${i}]`
    checkEndorsement(e, at)
    if (e.networkId !== record.networkId || e.epoch !== record.epoch) throw malformed(`${at}: not for this record`)
    if (i > 0 && compareBytes(c.endorsements[i - 1].author, e.author) >= 0) {
      throw malformed(`${what}.endorsements: not strictly sorted by author`)
    }
  })
}

export function checkEstimate(a: pb.AgreementEstimate, what = 'estimate'): void {
  checkNetworkId(a.networkId, `${what}.networkId`)
  checkCounter(a.epoch, `${what}.epoch`)
  if (a.round > LIMITS.agreementRounds) throw malformed(`${what}.round: > ${LIMITS.agreementRounds}`)
  checkKey(a.author, `${what}.author`)
  checkUniqueFeeds(a.feeds, `${what}.feeds`)
  for (let i = 0; i < a.feeds.length; i++) {

    const f = a.feeds[i]

    checkFeedValues(f, `${what}.feeds[${i}]`)

  }
  checkSignature(a.signature, `${what}.signature`)
}

export function checkRequest(r: pb.ProtocolRequest, what = 'request'): void {
  if ((r.fetchProposals === undefined) === (r.getCertificates === undefined)) {
    throw malformed(`${what}: exactly one kind`)
  }
  if (r.fetchProposals !== undefined) {
    checkCounter(r.fetchProposals.epoch, `${what}.epoch`)
    checkCount(r.fetchProposals.authors.length, LIMITS.proposalsPerResponse, `${what}.authors`)
    for (let i = 0; i < r.fetchProposals.authors.length; i++) {

      const a = r.fetchProposals.authors[i]

      checkKey(a, `${what}.authors[${i}]`)

    }
  }
  if (r.getCertificates !== undefined) {
    checkCounter(r.getCertificates.fromEpoch, `${what}.fromEpoch`)
    const { limit } = r.getCertificates
    if (limit < 1) throw malformed(`${what}.limit: must be >= 1`)
    checkCount(limit, LIMITS.certificatesPerResponse, `${what}.limit`)
  }
}

export function checkResponse(r: pb.ProtocolResponse, what = 'response'): void {
  const kinds = [r.proposals, r.certificates, r.error].filter((x) => x !== undefined).length
  if (kinds !== 1) throw malformed(`${what}: exactly one kind`)
  if (r.proposals !== undefined) {
    checkCount(r.proposals.proposals.length, LIMITS.proposalsPerResponse, `${what}.proposals`)
    for (let i = 0; i < r.proposals.proposals.length; i++) {

      const p = r.proposals.proposals[i]

      checkProposal(p, `${what}.proposals[${i}]`)

    }
  }
  if (r.certificates !== undefined) {
    checkCount(r.certificates.certificates.length, LIMITS.certificatesPerResponse, `${what}.certificates`)
    for (let i = 0; i < r.certificates.certificates.length; i++) {

      const c = r.certificates.certificates[i]

      checkCertificate(c, `${what}.certificates[${i}]`)

    }
  }
  if (r.error !== undefined) checkCount(new TextEncoder().encode(r.error).length, LIMITS.errorBytes, `${what}.error`)
}
