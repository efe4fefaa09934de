import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { FLASH_QUIET_EPOCHS } from '../src/attacks/flash.js'
import { createStrategy } from '../src/attacks/index.js'
import { assertAgreement, attackRun, byzantineSeats, meanOf, quietRun, SPAM_WITHOUT_CPU } from './adversary-fixtures.js'

// n = 31, f = 0.33: 10 attackers against 21 honest nodes, all through the real engine in the simulator.
const quiet = quietRun(FLASH_QUIET_EPOCHS + 6)
const quietError = (from: number, to: number) => meanOf(quiet.epochs.slice(from, to).map((e) => e.errorSigma))

describe('spam: many stamped messages per epoch', () => {
  const spam = attackRun('spam', 8, SPAM_WITHOUT_CPU)
  test('agreement holds and every epoch is certified', () => {
    assertAgreement(spam, assert)
    assert.equal(spam.summary.certifiedEpochs, 8)
  })
  test('the flood buys nothing: relays drop the repeats (seen bytes, evicted authors), the error stays at the quiet level', () => {
    // Gossip forwards only what the engine accepts: repeated bytes are duplicates and an evicted author's later
    // proposals are ignored, so they die at the first hop instead of flooding the mesh.
    // Linear epochs: the flood goes to the leader, which takes one proposal per author; the only gossip is the
    // evidence, both faces of each spammer once (each node forwards a message to at most its mesh degree, 8).
    const gossipPerNode = (spam.summary.messagesPerNodePerEpoch - spam.summary.directMessagesPerNodePerEpoch) * 8
    assert.ok(gossipPerNode <= 2 * spam.summary.byzantineNodes * 8, `${gossipPerNode} gossip messages per node over the run`)
    assert.ok(spam.summary.directMessagesPerNodePerEpoch < 1.5 * quiet.summary.directMessagesPerNodePerEpoch, `${spam.summary.directMessagesPerNodePerEpoch} vs ${quiet.summary.directMessagesPerNodePerEpoch}`)
    assert.ok(spam.summary.errorSigma <= quietError(0, 8) + 0.05, `spam ${spam.summary.errorSigma}σ vs quiet ${quietError(0, 8)}σ`)
  })
  test('it costs the sender: each spammer is caught equivocating and holds no seat from epoch 1 on', () => {
    assert.equal(spam.summary.equivocationsDetected, spam.summary.byzantineNodes)
    assert.deepEqual(byzantineSeats(spam).slice(1), new Array(7).fill(0))
  })
  test('the plan floods the collection window with duplicates and a second face', () => {
    const plan = createStrategy('spam', { magnitude: 8 }).releases!({ epoch: 0, startMs: 0, deadlineMs: 900, random: () => 0 })
    assert.equal(plan.length, 8)
    assert.ok(plan.every((r) => r.delayMs < 900))
    assert.deepEqual(new Set(plan.map((r) => r.variant)), new Set([0, 1]))
  })
})

describe('flash: earn standing, then strike together', () => {
  const epochs = FLASH_QUIET_EPOCHS + 6
  const flash = attackRun('flash', epochs)
  test('identical to the quiet run before the strike', () => {
    for (let e = 0; e < FLASH_QUIET_EPOCHS; e++) assert.equal(flash.epochs[e].errorSigma, quiet.epochs[e].errorSigma)
  })
  test('after the strike: agreement holds, error within 0.05σ of the quiet run; T heats, then cools within 3 epochs', () => {
    assertAgreement(flash, assert)
    const struck = meanOf(flash.epochs.slice(FLASH_QUIET_EPOCHS).map((e) => e.errorSigma))
    assert.ok(struck <= quietError(FLASH_QUIET_EPOCHS, epochs) + 0.05, `flash ${struck}σ vs quiet ${quietError(FLASH_QUIET_EPOCHS, epochs)}σ`)
    assert.equal(flash.summary.attackStart, FLASH_QUIET_EPOCHS)
    assert.equal(flash.epochs.slice(0, FLASH_QUIET_EPOCHS).filter((e) => e.temperature! > flash.summary.temperatureThreshold!).length, 0, 'cool while quiet')
    assert.ok(flash.epochs[FLASH_QUIET_EPOCHS].temperature! > flash.summary.temperatureThreshold!, 'the strike heats T')
    assert.ok(flash.summary.recoveryEpochs! <= 3, `recovered after ${flash.summary.recoveryEpochs}`)
  })
  test('earned reputation buys no extra time: the strikers lose their seats 3 epochs into the strike, as fresh attackers do', () => {
    // Three far-outlier strikes in a row evict whatever the earned reputation (reputation/ strikes).
    const seats = byzantineSeats(flash)
    assert.equal(seats[FLASH_QUIET_EPOCHS - 1], flash.summary.byzantineNodes, 'they held seats while quiet')
    assert.equal(seats[FLASH_QUIET_EPOCHS + 2], flash.summary.byzantineNodes, `seats per epoch ${seats.join(' ')}`)
    assert.equal(seats[FLASH_QUIET_EPOCHS + 3], 0, `seats per epoch ${seats.join(' ')}`)
  })
})

describe('censor: one honest node\'s proposals are not forwarded', () => {
  const censor = attackRun('censor', 8)
  test('mesh redundancy still carries the victim: its proposal is in every certified record', () => {
    assertAgreement(censor, assert)
    assert.equal(censor.summary.certifiedEpochs, 8)
    assert.equal(censor.summary.censoredInclusion, 1)
  })
  test('censors drop only the target, only on the proposals topic, only while active', () => {
    const s = createStrategy('censor', { target: 'aa', fromEpoch: 2 })
    assert.equal(s.relays!({ author: 'aa', topic: '/thermotruth/x/proposals/1', epoch: 2 }), false)
    assert.equal(s.relays!({ author: 'aa', topic: '/thermotruth/x/proposals/1', epoch: 1 }), true)
    assert.equal(s.relays!({ author: 'aa', topic: '/thermotruth/x/endorsements/1', epoch: 2 }), true)
    assert.equal(s.relays!({ author: 'bb', topic: '/thermotruth/x/proposals/1', epoch: 2 }), true)
  })
})
