/**
 * Fuzz targets shared by the CI fuzz test (bounded) and bench/fuzz.ts (--count for long runs): every decoder and
 * validator fed random bytes and mutated valid encodings (bit flips, truncation, splices, duplicated segments,
 * concatenations). The property: decoders return or throw WireError, never anything else; whatever decodes is
 * canonical (re-encodes to the input); validators never throw.
 */
import fc from 'fast-check'
import type { Verdict } from '../src/index.js'
import * as wire from '../src/index.js'
import * as arb from './wire-arbitraries.js'
import { context } from './validation-fixtures.js'

export interface FuzzTarget {
  name: string
  valid: fc.Arbitrary<Uint8Array>
  /** Decoders return the re-encoded bytes (or throw); validators return their verdict's wire outcome. */
  run: (bytes: Uint8Array) => Uint8Array | FuzzOutcome
}

function decoder<T>(name: string, a: fc.Arbitrary<T>, encode: (x: T) => Uint8Array, decode: (b: Uint8Array) => T) {
  return { name, valid: a.map(encode), run: (b: Uint8Array) => encode(decode(b)) }
}

const validatorCtx = context(5)
const outcomeOf = ({ verdict }: { verdict: Verdict }): FuzzOutcome =>
  verdict.reason === 'malformed' || verdict.reason === 'oversize' ? verdict.reason : 'decoded'
const signedCtx = { networkId: 'testnet', currentEpoch: 5, crypto: validatorCtx.crypto }

export const targets: FuzzTarget[] = [
  decoder('IdentityTicket', arb.ticket, wire.encodeIdentityTicket, wire.decodeIdentityTicket),
  decoder('ClientReport', arb.report, wire.encodeClientReport, wire.decodeClientReport),
  decoder('Proposal', arb.proposal, wire.encodeProposal, wire.decodeProposal),
  decoder('Endorsement', arb.endorsement, wire.encodeEndorsement, wire.decodeEndorsement),
  decoder('EpochRecord', arb.record, wire.encodeEpochRecord, wire.decodeEpochRecord),
  decoder('FinalityCertificate', arb.certificate, wire.encodeFinalityCertificate, wire.decodeFinalityCertificate),
  decoder('AgreementEstimate', arb.estimate, wire.encodeAgreementEstimate, wire.decodeAgreementEstimate),
  decoder('ProtocolRequest', arb.request, wire.encodeProtocolRequest, wire.decodeProtocolRequest),
  decoder('ProtocolResponse', arb.response, wire.encodeProtocolResponse, wire.decodeProtocolResponse),
  decoder('Receipt', arb.receipt, wire.encodeReceipt, wire.decodeReceipt),
  decoder('Batch', arb.batch, wire.encodeBatch, wire.decodeBatch),
  decoder('ViewChange', arb.viewChange, wire.encodeViewChange, wire.decodeViewChange),
  decoder('LeaderEvidence', arb.leaderEvidence, wire.encodeLeaderEvidence, wire.decodeLeaderEvidence),
  {
    // Direct frames: a kind byte and an inner message; the split must never throw anything but WireError.
    name: 'decodeDirect',
    valid: fc.oneof(arb.batch.map((b) => wire.encodeDirect({ kind: 'batch', bytes: wire.encodeBatch(b) })), arb.receipt.map((r) => wire.encodeDirect({ kind: 'receipt', bytes: wire.encodeReceipt(r) }))),
    run: (b) => {
      const m = wire.decodeDirect(b)
      return wire.encodeDirect(m)
    },
  },
  {
    name: 'validateProposalBytes',
    valid: arb.proposal.map(wire.encodeProposal),
    run: (b) => outcomeOf(wire.validateProposalBytes(b, validatorCtx)),
  },
  {
    name: 'validateEndorsementBytes',
    valid: arb.endorsement.map(wire.encodeEndorsement),
    run: (b) => outcomeOf(wire.validateEndorsementBytes(b, signedCtx)),
  },
  {
    name: 'validateEstimateBytes',
    valid: arb.estimate.map(wire.encodeAgreementEstimate),
    run: (b) => outcomeOf(wire.validateEstimateBytes(b, signedCtx)),
  },
]

type Mutation = (b: Uint8Array) => Uint8Array

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([at, bit]) => (b: Uint8Array) => {
    if (b.length === 0) return b
    const out = b.slice()
    out[at % b.length] ^= 1 << bit
    return out
  }),
  fc.nat().map((n) => (b: Uint8Array) => b.subarray(0, b.length === 0 ? 0 : n % b.length)),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, ins]) => (b: Uint8Array) => {
    const i = b.length === 0 ? 0 : at % (b.length + 1)
    return new Uint8Array([...b.subarray(0, i), ...ins, ...b.subarray(i)])
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 32 })).map(([at, len]) => (b: Uint8Array) => {
    const i = b.length === 0 ? 0 : at % b.length
    return new Uint8Array([...b.subarray(0, i + len), ...b.subarray(i)])
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, v]) => (b: Uint8Array) => {
    if (b.length === 0) return b
    const out = b.slice()
    out[at % b.length] = v
    return out
  }),
)

/** Mutated valid encodings, random bytes, or a valid encoding followed by another. */
export function inputs(t: FuzzTarget): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(t.valid, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([b, ms]) => ms.reduce((x, m) => m(x), b)) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 512 }) },
    { weight: 1, arbitrary: fc.tuple(t.valid, t.valid).map(([a, b]) => new Uint8Array([...a, ...b])) },
  )
}

export type FuzzOutcome = 'decoded' | 'malformed' | 'oversize'

/** Runs one input; throws (failing the property) on any error that is not a WireError or on a non-canonical decode. */
export function fuzzOne(t: FuzzTarget, bytes: Uint8Array): FuzzOutcome {
  let again: Uint8Array | FuzzOutcome
  try {
    again = t.run(bytes)
  } catch (err) {
    if (err instanceof wire.WireError) return err.reason
    throw new Error(`${t.name} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`)
  }
  if (typeof again === 'string') return again
  if (!wire.equalBytes(again, bytes)) throw new Error(`${t.name} accepted a non-canonical encoding`)
  return 'decoded'
}
