import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { EpochRecord, FinalityCertificate } from '../src/index.js'
import * as wire from '../src/index.js'
import { GENESIS, NETWORK, signer } from './validation-fixtures.js'

const members = Array.from({ length: 7 }, (_, i) => signer(i + 10)).sort((x, y) => wire.compareBytes(x.publicKey, y.publicKey))
const committee = members.map((m) => m.publicKey)
const record: EpochRecord = {
  networkId: NETWORK,
  epoch: 9,
  feeds: [{ feed: 'btc', values: Float64Array.of(101.5), temperature: 0.05, entropyBits: 1.2, freeEnergy: -3, logPartition: 2, nEff: 6.5 }],
  includedAuthors: committee,
  reportsRoot: wire.reportsRoot([]),
  reportCount: 0,
  nextDifficulty: 8,
  approximate: false,
  previousRecordDigest: GENESIS,
}
const digest = wire.recordDigest(record)
const endorse = (m: wire.Ed25519, recordDigest = digest) =>
  wire.signEndorsement({ networkId: NETWORK, epoch: 9, author: m.publicKey, proposalSetDigest: GENESIS, recordDigest }, m.sign)

function cert(endorsers: wire.Ed25519[], over: Partial<FinalityCertificate> = {}): FinalityCertificate {
  return { record, committee, endorsements: endorsers.map((m) => endorse(m)), ...over }
}
const ctx = { committee: [...committee].reverse(), networkId: NETWORK, crypto: signer(99), previousRecordDigest: GENESIS }

describe('verifyCertificate', () => {
  test('quorum(7) = 5 endorsements certify; 4 do not', () => {
    assert.equal(wire.quorum(7), 5)
    const ok = wire.verifyCertificate(cert(members.slice(0, 5)), ctx)
    assert.deepEqual(ok, { ok: true, digest })
    const short = wire.verifyCertificate(cert(members.slice(0, 4)), ctx)
    assert.equal(short.ok, false)
    assert.equal(!short.ok && short.reason, 'no-quorum')
  })

  test('round-trips through the wire and still verifies', () => {
    const bytes = wire.encodeFinalityCertificate(cert(members))
    assert.equal(wire.verifyCertificate(wire.decodeFinalityCertificate(bytes), ctx).ok, true)
  })

  const reasonOf = (c: FinalityCertificate, c2 = ctx) => {
    const v = wire.verifyCertificate(c, c2)
    return v.ok ? 'ok' : v.reason
  }

  test('each defect has its reason', () => {
    const outsider = signer(60)
    const withOutsider = [...members.slice(0, 4), outsider].sort((x, y) => wire.compareBytes(x.publicKey, y.publicKey))
    assert.equal(reasonOf(cert(withOutsider)), 'not-committee')
    const other = wire.recordDigest({ ...record, nextDifficulty: 9 })
    const wrongRecord = cert(members.slice(0, 5))
    wrongRecord.endorsements[2] = endorse(members[2], other)
    assert.equal(reasonOf(wrongRecord), 'wrong-record')
    const forged = cert(members.slice(0, 5))
    forged.endorsements[1] = { ...forged.endorsements[1], signature: members[0].sign(Uint8Array.of(1)) }
    assert.equal(reasonOf(forged), 'bad-signature')
    assert.equal(reasonOf(cert(members), { ...ctx, networkId: 'other' }), 'wrong-network')
    assert.equal(reasonOf(cert(members), { ...ctx, committee: committee.slice(1) }), 'wrong-committee')
    assert.equal(reasonOf(cert(members), { ...ctx, previousRecordDigest: new Uint8Array(32) }), 'wrong-chain')
    const dup = cert(members.slice(0, 5))
    dup.endorsements[1] = dup.endorsements[0]
    assert.equal(reasonOf(dup), 'malformed', 'duplicate endorsers break strict ordering')
    const shrunk = cert(members.slice(0, 5), { committee: committee.slice(0, 4) })
    assert.equal(reasonOf(shrunk), 'malformed', 'more endorsements than committee members')
  })
})
