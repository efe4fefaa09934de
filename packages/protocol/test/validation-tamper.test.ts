import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import * as wire from '../src/index.js'
import { context, draft, finish, GENESIS, NETWORK, signedReport, signer } from './validation-fixtures.js'

const alice = signer(1)
const client = signer(50)
const proposal = finish(draft(alice, 5, { reports: [signedReport(client, 1), signedReport(client, 2, 7)] }), alice)
const bytes = wire.encodeProposal(proposal)
const endorsement = wire.encodeEndorsement(
  wire.signEndorsement(
    { networkId: NETWORK, epoch: 5, author: alice.publicKey, proposalSetDigest: GENESIS, recordDigest: GENESIS },
    alice.sign,
  ),
)

/** Every reason a tampered message may legitimately get; `accept` is never one of them. */
const TAMPER_REASONS = new Set(['malformed', 'oversize', 'wrong-network', 'wrong-epoch', 'bad-ticket', 'expired-ticket', 'unknown-ticket', 'bad-stamp', 'bad-signature'])

function tamper(b: Uint8Array, at: number, xor: number): Uint8Array {
  const out = b.slice()
  out[at % out.length] ^= xor
  return out
}

describe('no tampered byte is accepted', () => {
  test('the untampered messages are accepted', () => {
    assert.equal(wire.validateProposalBytes(bytes, context(5)).verdict.action, 'accept')
    assert.equal(wire.validateEndorsementBytes(endorsement, context(5)).verdict.action, 'accept')
  })

  test('proposal: any single-byte change is rejected or ignored with a tamper reason', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const { verdict } = wire.validateProposalBytes(tamper(bytes, at, xor), context(5))
        assert.notEqual(verdict.action, 'accept', `byte ${at % bytes.length}`)
        assert.ok(TAMPER_REASONS.has(verdict.reason!), verdict.reason)
      }),
      { numRuns: 300 },
    )
  })

  test('every byte position of an endorsement is covered', () => {
    for (let at = 0; at < endorsement.length; at++) {
      const { verdict } = wire.validateEndorsementBytes(tamper(endorsement, at, 0x01), context(5))
      assert.notEqual(verdict.action, 'accept', `byte ${at}`)
    }
  })
})
