import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ticketHash } from '@thermotruth/pow'
import type { Proposal, Verdict } from '../src/index.js'
import * as wire from '../src/index.js'
import { context, draft, finish, GENESIS, NETWORK, signedReport, signer, ticketFor, VALID_FOR } from './validation-fixtures.js'

const alice = signer(1)
const bob = signer(2)
const client = signer(50)

function verdictOf(p: Proposal, ctx = context(5)): Verdict {
  return wire.validateProposalBytes(wire.encodeProposal(p), ctx).verdict
}

const expect = (v: Verdict, action: Verdict['action'], reason?: Verdict['reason']) => {
  assert.equal(v.action, action, JSON.stringify(v))
  assert.equal(v.reason, reason, JSON.stringify(v))
}

describe('validateProposalBytes', () => {
  test('accepts a valid proposal and returns id and verified ticket', () => {
    const p = finish(draft(alice, 5, { reports: [signedReport(client, 1), signedReport(client, 2)] }), alice)
    const bytes = wire.encodeProposal(p)
    const r = wire.validateProposalBytes(bytes, context(5))
    expect(r.verdict, 'accept')
    assert.deepEqual(r.id, wire.proposalId(p))
    assert.deepEqual(r.ticket?.hash, ticketHash(p.ticket!))
    assert.deepStrictEqual(r.proposal, p)
  })

  test('epoch window: current-1..current+1 accepted, older ignored, further ahead rejected', () => {
    for (const e of [4, 5, 6]) expect(verdictOf(finish(draft(alice, e), alice)), 'accept')
    expect(verdictOf(finish(draft(alice, 3), alice)), 'ignore', 'wrong-epoch')
    expect(verdictOf(finish(draft(alice, 7), alice)), 'reject', 'wrong-epoch')
  })

  test('epoch window of a node behind its clock: ahead of its progress ignored, ahead of its clock rejected', () => {
    const behind = context(5, { clockEpoch: 8 })
    for (const e of [7, 8, 9]) expect(verdictOf(finish(draft(alice, e), alice), behind), 'ignore', 'wrong-epoch')
    expect(verdictOf(finish(draft(alice, 10), alice), behind), 'reject', 'wrong-epoch')
    expect(verdictOf(finish(draft(alice, 6), alice), behind), 'accept')
    // Before it has seen the time at all, a node cannot call anything ahead.
    expect(verdictOf(finish(draft(alice, 50), alice), context(5, { clockEpoch: Number.POSITIVE_INFINITY })), 'ignore', 'wrong-epoch')
  })

  test('wire failures: malformed and oversize bytes', () => {
    const bytes = wire.encodeProposal(finish(draft(alice, 5), alice))
    expect(wire.validateProposalBytes(bytes.subarray(0, bytes.length - 1), context(5)).verdict, 'reject', 'malformed')
    const big = new Uint8Array(wire.LIMITS.bytes.proposal + 1)
    expect(wire.validateProposalBytes(big, context(5)).verdict, 'reject', 'oversize')
  })

  test('wrong network', () => {
    expect(verdictOf(finish(draft(alice, 5, { networkId: 'othernet' }), alice)), 'reject', 'wrong-network')
  })

  test('tickets: bound to the author, enough work, not expired, known anchor', () => {
    expect(verdictOf(finish(draft(alice, 5, { ticket: ticketFor(bob.publicKey) }), alice)), 'reject', 'bad-ticket')
    // Claims 40 bits with an unmined nonce: the hash has 40 leading zero bits with probability 2^-40.
    const lazy = ticketFor(alice.publicKey, { bits: 40 })
    expect(verdictOf(finish(draft(alice, 5, { ticket: lazy }), alice)), 'reject', 'bad-ticket')
    expect(verdictOf(finish(draft(alice, VALID_FOR, {}), alice), context(VALID_FOR)), 'reject', 'expired-ticket')
    const unknownAnchor = ticketFor(alice.publicKey, { anchorEpoch: 3, anchor: new Uint8Array(32).fill(9) })
    expect(verdictOf(finish(draft(alice, 5, { ticket: unknownAnchor }), alice)), 'ignore', 'unknown-ticket')
    const otherNet = ticketFor(alice.publicKey, { networkId: 'othernet' })
    expect(verdictOf(finish(draft(alice, 5, { ticket: otherNet }), alice)), 'reject', 'wrong-network')
  })

  test('ticket hash only: must match a known ticket, which must still be valid', () => {
    const full = ticketFor(alice.publicKey)
    const hash = ticketHash(full)
    const d = draft(alice, 5, { ticket: undefined, ticketHash: hash })
    delete d.ticket
    const p = finish(d, alice)
    expect(verdictOf(p), 'ignore', 'unknown-ticket')
    const knows = context(5, { knownTicket: (id) => (id === wire.authorId(alice.publicKey) ? { hash, anchorEpoch: 0 } : undefined) })
    expect(verdictOf(p, knows), 'accept')
    const stale = { hash: new Uint8Array(32), anchorEpoch: 0 }
    expect(verdictOf(p, context(5, { knownTicket: () => stale })), 'ignore', 'unknown-ticket')
    const late = finish({ ...d, epoch: VALID_FOR }, alice)
    expect(verdictOf(late, { ...knows, currentEpoch: VALID_FOR }), 'reject', 'expired-ticket')
  })

  test('stamps: too few bits for this node (ignore: the requirement is its own chain state), or a claim the hash does not carry (reject)', () => {
    const p = finish(draft(alice, 5), alice)
    expect(verdictOf(p, context(5, { requiredStampBits: () => 5 })), 'ignore', 'bad-stamp')
    // Re-stamp with a nonce found for another digest: with 16 bits a stray nonce passes with probability 2^-16.
    const d = draft(alice, 5)
    const other = finish(draft(alice, 6), alice, 16).stamp
    const forged = wire.signProposal({ ...d, stamp: other }, alice.sign)
    expect(verdictOf(forged, context(5, { requiredStampBits: () => 16 })), 'reject', 'bad-stamp')
  })

  test('signatures: proposal, piggybacked endorsement and every client report', () => {
    const p = finish(draft(alice, 5), alice)
    expect(verdictOf({ ...p, signature: bob.sign(wire.proposalSigningBytes(p)) }), 'reject', 'bad-signature')
    const prev = wire.signEndorsement(
      { networkId: NETWORK, epoch: 4, author: alice.publicKey, proposalSetDigest: GENESIS, recordDigest: GENESIS },
      alice.sign,
    )
    expect(verdictOf(finish(draft(alice, 5, { previousEndorsement: prev }), alice)), 'accept')
    const badPrev = { ...prev, signature: bob.sign(wire.endorsementSigningBytes(prev)) }
    expect(verdictOf(finish(draft(alice, 5, { previousEndorsement: badPrev }), alice)), 'reject', 'bad-signature')
    const forgedReport = { ...signedReport(client, 3), values: Float64Array.of(1e9) }
    const withBad = finish(draft(alice, 5, { reports: [signedReport(client, 1), forgedReport] }), alice)
    const v = verdictOf(withBad)
    expect(v, 'reject', 'bad-signature')
    assert.match(v.detail ?? '', /report 1/)
  })

  test('tampering with any signed field after signing is caught', () => {
    const p = finish(draft(alice, 5, { reports: [signedReport(client, 1)] }), alice)
    const tampered: Proposal[] = [
      { ...p, observations: [{ feed: 'btc', values: Float64Array.of(1) }] },
      { ...p, observations: [...p.observations, { feed: 'eth', values: Float64Array.of(2) }] },
      { ...p, reports: [] },
      { ...p, seen: { epoch: 4, committeeBitmap: Uint8Array.of(1), proposalSetDigest: GENESIS } },
    ]
    for (const t of tampered) {
      const v = verdictOf(t)
      assert.equal(v.action, 'reject')
      assert.ok(v.reason === 'bad-stamp' || v.reason === 'bad-signature', JSON.stringify(v))
    }
  })
})

describe('endorsements, estimates and reports', () => {
  const endorsement = wire.signEndorsement(
    { networkId: NETWORK, epoch: 5, author: alice.publicKey, proposalSetDigest: GENESIS, recordDigest: GENESIS },
    alice.sign,
  )
  const ctx = { networkId: NETWORK, currentEpoch: 5, crypto: signer(99) }

  test('endorsement: accept, bad signature, network, window, committee', () => {
    expect(wire.validateEndorsementBytes(wire.encodeEndorsement(endorsement), ctx).verdict, 'accept')
    const forged = { ...endorsement, author: bob.publicKey }
    expect(wire.validateEndorsementBytes(wire.encodeEndorsement(forged), ctx).verdict, 'reject', 'bad-signature')
    expect(wire.validateEndorsementBytes(wire.encodeEndorsement(endorsement), { ...ctx, networkId: 'x' }).verdict, 'reject', 'wrong-network')
    expect(wire.validateEndorsementBytes(wire.encodeEndorsement(endorsement), { ...ctx, currentEpoch: 7 }).verdict, 'ignore', 'wrong-epoch')
    expect(wire.validateEndorsementBytes(wire.encodeEndorsement(endorsement), { ...ctx, currentEpoch: 3 }).verdict, 'reject', 'wrong-epoch')
    expect(wire.validateEndorsementBytes(wire.encodeEndorsement(endorsement), { ...ctx, currentEpoch: 3, clockEpoch: 4 }).verdict, 'ignore', 'wrong-epoch')
    const outsider = { ...ctx, isCommitteeMember: () => false }
    expect(wire.validateEndorsementBytes(wire.encodeEndorsement(endorsement), outsider).verdict, 'ignore', 'not-committee')
    expect(wire.validateEndorsementBytes(Uint8Array.of(1, 2, 3), ctx).verdict, 'reject', 'malformed')
  })

  test('estimate: accept and reject a changed round', () => {
    const a = wire.signEstimate(
      { networkId: NETWORK, epoch: 5, round: 1, author: alice.publicKey, feeds: [{ feed: 'btc', values: Float64Array.of(3) }] },
      alice.sign,
    )
    expect(wire.validateEstimateBytes(wire.encodeAgreementEstimate(a), ctx).verdict, 'accept')
    const moved = wire.encodeAgreementEstimate({ ...a, round: 2 })
    expect(wire.validateEstimateBytes(moved, ctx).verdict, 'reject', 'bad-signature')
  })

  test('client report: signature and structure', () => {
    const r = signedReport(client, 1)
    expect(wire.validateReport(r, ctx.crypto), 'accept')
    expect(wire.validateReport({ ...r, sequence: 2 }, ctx.crypto), 'reject', 'bad-signature')
    expect(wire.validateReport({ ...r, values: Float64Array.of(Number.NaN) }, ctx.crypto), 'reject', 'malformed')
  })
})

describe('equivocation evidence', () => {
  const ctx = { networkId: NETWORK, crypto: signer(99) }
  const a = wire.encodeProposal(finish(draft(alice, 5), alice))
  const b = wire.encodeProposal(finish(draft(alice, 5, { observations: [{ feed: 'btc', values: Float64Array.of(-1) }] }), alice))

  test('two different signed proposals of one author and epoch form verifiable evidence', () => {
    const e = wire.equivocationEvidence(a, b, ctx)
    assert.ok(e)
    assert.equal(e.author, wire.authorId(alice.publicKey))
    assert.equal(e.epoch, 5)
    assert.deepEqual(wire.equivocationEvidence(b, a, ctx), e, 'order-independent')
    assert.ok(wire.verifyEquivocationEvidence(e, ctx))
  })

  test('no evidence from identical bytes, other epochs, other authors or forged signatures', () => {
    assert.equal(wire.equivocationEvidence(a, a, ctx), undefined)
    const otherEpoch = wire.encodeProposal(finish(draft(alice, 6), alice))
    assert.equal(wire.equivocationEvidence(a, otherEpoch, ctx), undefined)
    const otherAuthor = wire.encodeProposal(finish(draft(bob, 5), bob))
    assert.equal(wire.equivocationEvidence(a, otherAuthor, ctx), undefined)
    const p = finish(draft(alice, 5, { observations: [] }), alice)
    const forged = wire.encodeProposal({ ...p, signature: bob.sign(wire.proposalSigningBytes(p)) })
    assert.equal(wire.equivocationEvidence(a, forged, ctx), undefined)
    assert.equal(wire.verifyEquivocationEvidence({ author: wire.authorId(alice.publicKey), epoch: 5, proposals: [a, forged] }, ctx), false)
  })
})
