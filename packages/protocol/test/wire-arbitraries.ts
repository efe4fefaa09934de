/** fast-check arbitraries of structurally valid wire messages (signatures are random bytes of the right length). */
import fc from 'fast-check'
import type { IdentityTicket } from '@thermotruth/pow'
import type {
  AgreementEstimate,
  ClientReport,
  Endorsement,
  EpochRecord,
  FeedObservation,
  FinalityCertificate,
  Proposal,
  ProtocolRequest,
  ProtocolResponse,
} from '../src/index.js'
import { compareBytes, encodeBatch, encodeProposal, encodeReceipt } from '../src/index.js'

/** fast-check records default to null prototypes; decoded messages are plain objects. */
const rec = <T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(shape, { noNullPrototype: true })
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })
export const key = bytes(32)
export const digest = bytes(32)
export const sig = bytes(64)
export const nonce = bytes(8)
export const epoch = fc.integer({ min: 1, max: 2 ** 40 })
export const networkId = fc.stringMatching(/^[a-z0-9._:-]{1,16}$/)
export const feedId = fc.stringMatching(/^[a-z0-9._:-]{1,12}$/)
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)) // -0 scalars decode as 0
export const values = fc.array(finite, { minLength: 1, maxLength: 4 }).map((v) => Float64Array.from(v))

const sortedKeys = (max: number) =>
  fc.uniqueArray(key, { maxLength: max, selector: (k) => Buffer.from(k).toString('hex') }).map((ks) =>
    [...ks].sort(compareBytes),
  )

const feeds = <T extends { feed: string }>(item: fc.Arbitrary<T>) =>
  fc.uniqueArray(item, { maxLength: 4, selector: (f) => f.feed })

export const observation: fc.Arbitrary<FeedObservation> = rec({ feed: feedId, values })

export const ticket: fc.Arbitrary<IdentityTicket> = rec({
  version: fc.constant(1 as const),
  networkId,
  publicKey: key,
  anchor: digest,
  anchorEpoch: fc.nat(),
  bits: fc.integer({ min: 0, max: 64 }),
  nonce,
})

export const report: fc.Arbitrary<ClientReport> = rec({
  feed: feedId,
  values,
  clientKey: key,
  sequence: fc.nat(),
  signature: sig,
})

export const endorsement: fc.Arbitrary<Endorsement> = rec({
  networkId,
  epoch: fc.nat(),
  author: key,
  proposalSetDigest: digest,
  recordDigest: digest,
  signature: sig,
})

export const proposal: fc.Arbitrary<Proposal> = fc
  .record({
    networkId,
    epoch,
    author: key,
    useTicket: fc.boolean(),
    ticket,
    ticketHash: digest,
    observations: feeds(observation),
    reports: fc.uniqueArray(report, { maxLength: 3, selector: (r) => `${Buffer.from(r.clientKey).toString('hex')}:${r.sequence}` }),
    seen: fc.option(rec({ committeeBitmap: fc.uint8Array({ maxLength: 8 }), proposalSetDigest: digest }), {
      nil: undefined,
    }),
    previous: fc.option(endorsement, { nil: undefined }),
    stamp: rec({ bits: fc.integer({ min: 0, max: 256 }), nonce }),
    signature: sig,
  })
  .map(({ useTicket, ticket, ticketHash, seen, previous, ...p }) => {
    const out: Proposal = { ...p }
    if (useTicket) out.ticket = { ...ticket, publicKey: p.author }
    else out.ticketHash = ticketHash
    if (seen) out.seen = { ...seen, epoch: p.epoch - 1 }
    if (previous) out.previousEndorsement = { ...previous, networkId: p.networkId, epoch: p.epoch - 1, author: p.author }
    return out
  })

export const record: fc.Arbitrary<EpochRecord> = rec({
  networkId,
  epoch: fc.nat(),
  feeds: feeds(
    fc.record(
      {
        feed: feedId,
        values,
        temperature: finite,
        entropyBits: finite,
        freeEnergy: finite,
        logPartition: finite,
        nEff: finite,
        approximateSpread: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      },
      { noNullPrototype: true, requiredKeys: ['feed', 'values', 'temperature', 'entropyBits', 'freeEnergy', 'logPartition', 'nEff'] },
    ),
  ),
  includedAuthors: sortedKeys(6),
  reportsRoot: digest,
  reportCount: fc.nat({ max: 2 ** 32 - 1 }),
  nextDifficulty: fc.double({ min: 0, max: 64, noNaN: true }),
  approximate: fc.boolean(),
  previousRecordDigest: digest,
})

export const certificate: fc.Arbitrary<FinalityCertificate> = fc
  .record({ record, committee: sortedKeys(6), take: fc.nat(), endorsement })
  .map(({ record, committee, take, endorsement }) => ({
    record,
    committee,
    endorsements: committee.slice(0, take % (committee.length + 1)).map((author) => ({
      ...endorsement,
      networkId: record.networkId,
      epoch: record.epoch,
      author,
    })),
  }))

export const estimate: fc.Arbitrary<AgreementEstimate> = rec({
  networkId,
  epoch: fc.nat(),
  round: fc.integer({ min: 0, max: 64 }),
  author: key,
  feeds: feeds(observation),
  signature: sig,
})

export const request: fc.Arbitrary<ProtocolRequest> = fc.oneof(
  rec({ kind: fc.constant('fetch-proposals' as const), epoch: fc.nat(), authors: fc.array(key, { maxLength: 4 }) }),
  rec({ kind: fc.constant('get-certificates' as const), fromEpoch: fc.nat(), limit: fc.integer({ min: 1, max: 256 }) }),
)

export const response: fc.Arbitrary<ProtocolResponse> = fc.oneof(
  rec({ kind: fc.constant('proposals' as const), proposals: fc.array(proposal, { maxLength: 2 }) }),
  rec({ kind: fc.constant('certificates' as const), certificates: fc.array(certificate, { maxLength: 2 }) }),
  rec({ kind: fc.constant('error' as const), reason: fc.string({ maxLength: 40 }) }),
)

// ---------------------------------------------------------------- linear epochs

const view = fc.integer({ min: 0, max: 7 })

export const receipt: fc.Arbitrary<import('../src/index.js').Receipt> = rec({ networkId, epoch, view, leader: key, proposalId: digest, signature: sig })

export const batch: fc.Arbitrary<import('../src/index.js').Batch> = rec({
  networkId,
  epoch,
  view,
  leader: key,
  proposals: fc.array(proposal.map((p) => encodeProposal(p)), { maxLength: 3 }),
  signature: sig,
})

export const viewChange: fc.Arbitrary<import('../src/index.js').ViewChange> = fc
  .tuple(networkId, epoch, fc.integer({ min: 1, max: 7 }), key, sig, fc.option(fc.tuple(endorsement, batch), { nil: undefined }))
  .map(([networkId, epoch, view, author, signature, endorsed]) => {
    const v: import('../src/index.js').ViewChange = { networkId, epoch, view, author, signature }
    if (endorsed) {
      v.endorsement = { ...endorsed[0], epoch, author }
      v.endorsedBatch = encodeBatch(endorsed[1])
    }
    return v
  })

export const leaderEvidence: fc.Arbitrary<import('../src/index.js').LeaderEvidence> = fc
  .tuple(batch, fc.constantFrom('censorship', 'equivocation', 'forgery'), receipt, batch, fc.nat({ max: 999 }))
  .map(([b, kind, r, second, index]) =>
    kind === 'censorship'
      ? { batch: encodeBatch(b), receipt: encodeReceipt(r) }
      : kind === 'equivocation'
        ? { batch: encodeBatch(b), secondBatch: encodeBatch(second) }
        : { batch: encodeBatch(b), forgedIndex: index },
  )
