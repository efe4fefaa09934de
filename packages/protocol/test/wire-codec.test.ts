import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import * as wire from '../src/index.js'
import * as arb from './wire-arbitraries.js'

interface Case<T> {
  name: string
  arb: fc.Arbitrary<T>
  encode: (x: T) => Uint8Array
  decode: (b: Uint8Array) => T
}

const cases: Case<never>[] = [
  { name: 'IdentityTicket', arb: arb.ticket, encode: wire.encodeIdentityTicket, decode: wire.decodeIdentityTicket },
  { name: 'ClientReport', arb: arb.report, encode: wire.encodeClientReport, decode: wire.decodeClientReport },
  { name: 'Proposal', arb: arb.proposal, encode: wire.encodeProposal, decode: wire.decodeProposal },
  { name: 'Endorsement', arb: arb.endorsement, encode: wire.encodeEndorsement, decode: wire.decodeEndorsement },
  { name: 'EpochRecord', arb: arb.record, encode: wire.encodeEpochRecord, decode: wire.decodeEpochRecord },
  {
    name: 'FinalityCertificate',
    arb: arb.certificate,
    encode: wire.encodeFinalityCertificate,
    decode: wire.decodeFinalityCertificate,
  },
  {
    name: 'AgreementEstimate',
    arb: arb.estimate,
    encode: wire.encodeAgreementEstimate,
    decode: wire.decodeAgreementEstimate,
  },
  { name: 'ProtocolRequest', arb: arb.request, encode: wire.encodeProtocolRequest, decode: wire.decodeProtocolRequest },
  {
    name: 'ProtocolResponse',
    arb: arb.response,
    encode: wire.encodeProtocolResponse,
    decode: wire.decodeProtocolResponse,
  },
] as unknown as Case<never>[]

describe('wire codec round trips', () => {
  for (const c of cases) {
    test(`${c.name}: decode(encode(x)) equals x and re-encodes byte-identical`, () => {
      fc.assert(
        fc.property(c.arb, (x) => {
          const bytes = c.encode(x)
          assert.deepEqual(c.encode(x), bytes, 'same object, same bytes')
          const back = c.decode(bytes)
          assert.deepStrictEqual(back, x)
          assert.deepEqual(c.encode(back), bytes)
        }),
        { numRuns: 150 },
      )
    })

    test(`${c.name}: appending an unknown field is rejected as non-canonical`, () => {
      fc.assert(
        fc.property(c.arb, (x) => {
          const bytes = c.encode(x)
          const extended = new Uint8Array([...bytes, 0xf8, 0x07, 0x01]) // field 127, varint 1
          assert.throws(() => c.decode(extended), (e) => e instanceof wire.WireError && e.reason === 'malformed')
        }),
        { numRuns: 30 },
      )
    })
  }
})

describe('wire limits', () => {
  const base = (): wire.Proposal => ({
    networkId: 'net',
    epoch: 3,
    author: new Uint8Array(32).fill(1),
    ticketHash: new Uint8Array(32).fill(2),
    observations: [{ feed: 'btc', values: Float64Array.of(1.5) }],
    reports: [],
    stamp: { bits: 8, nonce: new Uint8Array(8) },
    signature: new Uint8Array(64).fill(3),
  })
  const rejects = (p: wire.Proposal, reason: wire.WireErrorReason, pattern?: RegExp) =>
    assert.throws(
      () => wire.encodeProposal(p),
      (e) => e instanceof wire.WireError && e.reason === reason && (pattern === undefined || pattern.test(e.message)),
    )

  test('a valid proposal encodes', () => {
    assert.ok(wire.decodeProposal(wire.encodeProposal(base())))
  })

  test('field lengths: keys 32, signatures 64, nonces 8, digests 32', () => {
    rejects({ ...base(), author: new Uint8Array(31) }, 'malformed', /author/)
    rejects({ ...base(), signature: new Uint8Array(63) }, 'malformed', /signature/)
    rejects({ ...base(), stamp: { bits: 8, nonce: new Uint8Array(7) } }, 'malformed', /nonce/)
    rejects({ ...base(), ticketHash: new Uint8Array(33) }, 'malformed', /ticketHash/)
  })

  test('exactly one of ticket and ticket hash', () => {
    const { ticketHash: _, ...noTicket } = base()
    rejects(noTicket as wire.Proposal, 'malformed', /exactly one/)
  })

  test('values must be finite and within the dimension limit', () => {
    rejects({ ...base(), observations: [{ feed: 'btc', values: Float64Array.of(Number.NaN) }] }, 'malformed')
    rejects({ ...base(), observations: [{ feed: 'btc', values: Float64Array.of(Infinity) }] }, 'malformed')
    rejects({ ...base(), observations: [{ feed: 'btc', values: new Float64Array(wire.LIMITS.dims + 1) }] }, 'malformed')
    rejects({ ...base(), observations: [{ feed: 'btc', values: new Float64Array(0) }] }, 'malformed')
  })

  test('feed ids: charset, length, uniqueness, count', () => {
    rejects({ ...base(), observations: [{ feed: 'BTC/USD', values: Float64Array.of(1) }] }, 'malformed', /feed id/)
    rejects({ ...base(), observations: [{ feed: 'a'.repeat(65), values: Float64Array.of(1) }] }, 'malformed')
    const o = { feed: 'x', values: Float64Array.of(1) }
    rejects({ ...base(), observations: [o, o] }, 'malformed', /duplicate/)
    const many = Array.from({ length: wire.LIMITS.feeds + 1 }, (_, i) => ({ feed: `f${i}`, values: Float64Array.of(i) }))
    rejects({ ...base(), observations: many }, 'oversize')
  })

  test('epoch relations: seen-set and piggybacked endorsement are for epoch - 1', () => {
    const seen = { epoch: 3, committeeBitmap: new Uint8Array(1), proposalSetDigest: new Uint8Array(32) }
    rejects({ ...base(), seen }, 'malformed', /seen/)
    const prev: wire.Endorsement = {
      networkId: 'net',
      epoch: 2,
      author: base().author,
      proposalSetDigest: new Uint8Array(32),
      recordDigest: new Uint8Array(32),
      signature: new Uint8Array(64),
    }
    assert.ok(wire.encodeProposal({ ...base(), previousEndorsement: prev }))
    rejects({ ...base(), previousEndorsement: { ...prev, epoch: 1 } }, 'malformed', /previousEndorsement/)
    rejects({ ...base(), previousEndorsement: { ...prev, author: new Uint8Array(32) } }, 'malformed', /author/)
    rejects({ ...base(), epoch: 2 ** 53 }, 'malformed', /epoch/)
  })

  test('byte budget: a proposal over 64 KiB is oversize on encode and decode', () => {
    const reports = Array.from({ length: 600 }, (_, i) => ({
      feed: 'btc',
      values: Float64Array.of(i),
      clientKey: new Uint8Array(32).fill(i % 251),
      sequence: i,
      signature: new Uint8Array(64),
    }))
    rejects({ ...base(), reports }, 'oversize')
    const big = new Uint8Array(wire.LIMITS.bytes.proposal + 1)
    assert.throws(() => wire.decodeProposal(big), (e) => e instanceof wire.WireError && e.reason === 'oversize')
  })

  test('protons repeated-field limit surfaces as oversize', () => {
    // 33 empty observation entries (tag 6, length 0): the decoder stops at the 33rd before any field check.
    const bytes = new Uint8Array(Array.from({ length: wire.LIMITS.feeds + 1 }, () => [0x32, 0x00]).flat())
    assert.throws(() => wire.decodeProposal(bytes), (e) => e instanceof wire.WireError && e.reason === 'oversize')
  })

  test('certificate: endorsements sorted, for the record, no more than the committee', () => {
    fc.assert(
      fc.property(arb.certificate, (c) => {
        fc.pre(c.endorsements.length >= 2)
        const swapped = { ...c, endorsements: [...c.endorsements].reverse() }
        assert.throws(() => wire.encodeFinalityCertificate(swapped), /sorted/)
        const wrongEpoch = { ...c, endorsements: c.endorsements.map((e) => ({ ...e, epoch: e.epoch + 1 })) }
        assert.throws(() => wire.encodeFinalityCertificate(wrongEpoch), /not for this record/)
      }),
      { numRuns: 20 },
    )
  })
})
