import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { FLASH_QUIET_EPOCHS } from '../src/attacks/flash.js'
import { DEFAULT_TEMPERATURE_THRESHOLD } from '../src/sim/index.js'
import { assertAgreement, attackRun, byzantineSeats, meanOf, quietRun, SPAM_WITHOUT_CPU } from './adversary-fixtures.js'

// Every strategy at n = 31, f = 0.33 (10 attackers, 21 honest), through the real engine in the simulator, against
// its quiet twin (same world, attackers never switching on). flash behaves for FLASH_QUIET_EPOCHS, then strikes.
const EPOCHS = 8
const ALL = ['bias', 'noise', 'alie', 'equivocate', 'late', 'withhold', 'spam', 'flash', 'censor', 'sybil'] as const
const epochsOf = (attack: string) => (attack === 'flash' ? FLASH_QUIET_EPOCHS + EPOCHS : EPOCHS)
const quiet = quietRun(FLASH_QUIET_EPOCHS + EPOCHS)
const quietError = (epochs: number) => meanOf(quiet.epochs.slice(0, epochs).map((e) => e.errorSigma))
const runs = Object.fromEntries(ALL.map((a) => [a, attackRun(a, epochsOf(a), a === 'spam' ? SPAM_WITHOUT_CPU : {})]))

describe('property 1 (agreement) for every strategy', () => {
  for (const attack of ALL) {
    test(`${attack}: no conflicting certificates, every epoch certified by every honest node`, () => {
      assertAgreement(runs[attack], assert)
      assert.equal(runs[attack].summary.certifiedEpochs, epochsOf(attack), `${attack}: ${runs[attack].summary.certifiedEpochs} of ${epochsOf(attack)} certified`)
    })
  }
})

describe('property 2 (accuracy), measured against the quiet twin', () => {
  test('outlier and value-neutral attacks: mean error within 0.05σ of the quiet run', () => {
    for (const attack of ALL.filter((a) => a !== 'alie' && a !== 'equivocate')) {
      const { errorSigma } = runs[attack].summary
      assert.ok(errorSigma <= quietError(epochsOf(attack)) + 0.05, `${attack}: ${errorSigma}σ vs quiet ${quietError(epochsOf(attack))}σ`)
    }
  })
  test('equivocate: after its first epoch the two-faced third has no effect; in that epoch it is a 3σ shift', () => {
    // Linear epochs: a two-faced author sends one face to the leader and the other to the backup, so the leader's
    // batch holds one face in the attack's first epoch (a third of the nodes shifted by 3σ, bounded like any
    // shift); the backup then holds both faces, gossips them as evidence, and the author is evicted from the next
    // epoch on (README, "Known limits of the engine").
    const epochs = runs.equivocate.epochs
    const after = meanOf(epochs.slice(1).map((e) => e.errorSigma))
    const quietAfter = meanOf(quiet.epochs.slice(1, EPOCHS).map((e) => e.errorSigma))
    assert.ok(after <= quietAfter + 0.05, `equivocate after epoch 0: ${after}σ vs quiet ${quietAfter}σ`)
    assert.ok(epochs[0].errorSigma <= 1, `equivocate epoch 0: ${epochs[0].errorSigma}σ`)
  })
  test('alie (published z_max): at the robust-statistics floor, and measurably above quiet', () => {
    // A third of the nodes at μ̂ − z_max·σ̂ moves any estimator by about the median's bias Φ⁻¹(3/4) ≈ 0.67σ; with 21
    // honest draws one epoch's honest quantile wanders by ≈ 0.25σ around it (issue 10).
    assert.ok(runs.alie.summary.errorSigma <= 0.8, `alie mean ${runs.alie.summary.errorSigma}σ`)
    assert.ok(runs.alie.summary.errorSigmaMax <= 1.1, `alie worst ${runs.alie.summary.errorSigmaMax}σ`)
    assert.ok(runs.alie.summary.errorSigma > quietError(EPOCHS) + 0.1)
  })
})

describe('property 3 (self-healing)', () => {
  test('the threshold means something: the quiet run never trips it, far outliers do at once', () => {
    assert.equal(quiet.summary.hotEpochs, 0, `quiet T max ${quiet.summary.temperatureMax}`)
    for (const attack of ['bias', 'flash', 'sybil']) {
      const s = runs[attack].summary
      const start = s.attackStart!
      assert.ok(runs[attack].epochs[start]!.temperature! > DEFAULT_TEMPERATURE_THRESHOLD, `${attack}: T ${runs[attack].epochs[start]?.temperature} at the attack's start`)
    }
  })
  test('every attack: T is back under its threshold within 3 epochs (no longer hot streak)', () => {
    for (const attack of ALL) assert.ok(runs[attack].summary.longestHotStreak! <= 3, `${attack}: ${runs[attack].summary.longestHotStreak} hot epochs in a row`)
    for (const attack of ['bias', 'flash', 'sybil']) assert.ok(runs[attack].summary.recoveryEpochs! <= 3, `${attack}: recovered after ${runs[attack].summary.recoveryEpochs}`)
  })
  test('far outliers (bias, flash, sybil) lose every seat within 3 epochs of their start', () => {
    for (const attack of ['bias', 'flash', 'sybil']) {
      const { seatLossEpochs, attackStart } = runs[attack].summary
      assert.ok(seatLossEpochs !== null && seatLossEpochs! <= 3, `${attack}: seats ${byzantineSeats(runs[attack]).join(' ')}`)
      assert.ok(byzantineSeats(runs[attack]).slice(attackStart! + seatLossEpochs!).every((x) => x === 0))
    }
  })
  test('equivocators and spammers are caught in their first epoch and never hold a seat after it', () => {
    for (const attack of ['equivocate', 'spam']) {
      assert.equal(runs[attack].summary.equivocationsDetected, runs[attack].summary.byzantineNodes)
      assert.deepEqual(byzantineSeats(runs[attack]).slice(1), new Array(EPOCHS - 1).fill(0))
    }
  })
  test('alie, late, withhold and censor keep their seats: nothing deterministic marks them (a known limit)', () => {
    for (const attack of ['alie', 'late', 'withhold', 'censor']) assert.equal(byzantineSeats(runs[attack])[EPOCHS - 1], runs[attack].summary.byzantineNodes)
  })
  test('no attack gets an honest node evicted', () => {
    for (const attack of ALL) {
      const honest = new Set(runs[attack].outcomes.filter((o) => o.honest).map((o) => o.id))
      const observer = runs[attack].outcomes.find((o) => o.honest)!
      const wrong = observer.events.filter(({ event }) => event.type === 'eviction' && honest.has(event.author))
      assert.equal(wrong.length, 0, `${attack}: ${wrong.length} honest evictions`)
    }
  })
})

describe('leader attacks (linear epochs), f = 0.33', () => {
  const LEADER_ATTACKS = ['leader-censor', 'leader-silent', 'leader-equivocate'] as const
  const leaderRuns = Object.fromEntries(LEADER_ATTACKS.map((a) => [a, attackRun(a, EPOCHS)]))
  for (const attack of ['leader-censor', 'leader-silent'] as const) {
    test(`${attack}: honest nodes never disagree, at least 90% of epochs certify, the error stays within the outlier bound`, () => {
      const run = leaderRuns[attack]
      assertAgreement(run, assert)
      assert.ok(run.summary.certifiedEpochs >= Math.ceil(0.9 * EPOCHS), `${attack}: ${run.summary.certifiedEpochs} of ${EPOCHS} certified`)
      assert.ok(run.summary.errorSigma <= quietError(EPOCHS) + 0.05, `${attack}: ${run.summary.errorSigma}σ vs quiet ${quietError(EPOCHS)}σ`)
    })
  }
  test('leader-equivocate: honest nodes never disagree (safety); liveness is a known limit', () => {
    // Two batches split the honest endorsements, and an honest node endorses one record per epoch, so an epoch led
    // by an equivocator cannot certify, and the epochs after it stall behind it (measured at n = 31, seed 5: 3 of 8
    // certified, 2 approximate, 3 unresolved at the end of the run). Re-voting in a later view needs a justification
    // (a quorum of view changes none of which carries the other record): protocol README, "Known limits".
    const run = leaderRuns['leader-equivocate']
    // No epoch holds two different certified records among honest nodes (some epochs hold none: see above).
    for (const e of run.epochs) assert.ok(e.certifiedDigests <= 1, `epoch ${e.epoch}: ${e.certifiedDigests} different certified records`)
  })
})
