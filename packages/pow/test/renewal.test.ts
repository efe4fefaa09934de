import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { lastValidEpoch, PowParamError, renewalEpoch, sybilRate, verifyTicket } from '../src/index.js'
import { anchorFor, mineDeterministic, policy } from './fixtures.js'

describe('ticket renewal arithmetic', () => {
  test('lastValidEpoch is exactly the last epoch verifyTicket accepts', async () => {
    const ticket = await mineDeterministic(8, 5)
    const V = 10
    const last = lastValidEpoch(ticket, V)
    assert.equal(last, 14)
    assert.equal(verifyTicket(ticket, policy({ currentEpoch: last, validForEpochs: V, anchorFor })).ok, true)
    const after = verifyTicket(ticket, policy({ currentEpoch: last + 1, validForEpochs: V, anchorFor }))
    assert.equal(after.ok, false)
    assert.equal(!after.ok && after.reason, 'expired')
  })

  test('renewal starts a quarter of the lifetime (at least 2 epochs) before expiry, never before the anchor', () => {
    assert.equal(renewalEpoch({ anchorEpoch: 100 }, 7200), 100 + 7199 - 1800)
    assert.equal(renewalEpoch({ anchorEpoch: 100 }, 4), 100 + 3 - 2)
    assert.equal(renewalEpoch({ anchorEpoch: 100 }, 1), 100)
    assert.equal(renewalEpoch({ anchorEpoch: 0 }, 100, 10), 89)
  })

  test('Sybil cost is a rate: 2^bits hashes per identity per ticket lifetime', () => {
    // testnet-1: 20 bits, 7200 epochs of 12 s = 24 h: one ticket, 2^20 hashes per identity per day.
    const testnet = sybilRate({ bits: 20, validForEpochs: 7200, epochPeriodMs: 12_000 })
    assert.equal(testnet.ticketLifetimeMs, 86_400_000)
    assert.equal(testnet.ticketsPerDay, 1)
    assert.equal(testnet.hashesPerIdentityPerDay, 2 ** 20)
    // Renewing a quarter early makes each ticket last 3/4 of its life: 4/3 tickets a day.
    const early = sybilRate({ bits: 20, validForEpochs: 7200, epochPeriodMs: 12_000, leadEpochs: 1800 })
    assert.ok(Math.abs(early.hashesPerIdentityPerDay - (2 ** 20 * 4) / 3) < 1e-6)
    assert.throws(() => sybilRate({ bits: 20, validForEpochs: 0, epochPeriodMs: 1 }), PowParamError)
  })
})
