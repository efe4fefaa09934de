import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertAgreement, attackRun, byzantineSeats, meanOf, quietRun } from './adversary-fixtures.js'

// The six original strategies at n = 31, f = 0.33 (10 attackers, 21 honest), 8 epochs, against their quiet twin.
const EPOCHS = 8
const quiet = quietRun(EPOCHS)
const quietError = meanOf(quiet.epochs.map((e) => e.errorSigma))
const runs = Object.fromEntries(['bias', 'noise', 'alie', 'equivocate', 'late', 'withhold'].map((a) => [a, attackRun(a, EPOCHS)]))

describe('property 1 (agreement) for every original strategy', () => {
  for (const [attack, report] of Object.entries(runs)) {
    test(attack, () => assertAgreement(report, assert))
  }
  test('equivocation costs one epoch its certificate at this n (it ends approximate, in agreement)', () => {
    assert.equal(runs.equivocate.summary.certifiedEpochs + runs.equivocate.summary.approximateEpochs, EPOCHS)
  })
})

describe('property 2 (accuracy), measured against the quiet twin', () => {
  test('outliers (bias) and value-neutral attacks (late, withhold, equivocate): within 0.05σ of quiet', () => {
    for (const attack of ['bias', 'late', 'withhold', 'equivocate']) {
      assert.ok(runs[attack].summary.errorSigma <= quietError + 0.05, `${attack}: ${runs[attack].summary.errorSigma}σ vs quiet ${quietError}σ`)
    }
  })
  test('noise: the share inside the filter costs more than 0.05σ until eviction, but stays under 0.15σ mean', () => {
    assert.ok(runs.noise.summary.errorSigma <= 0.15, `noise ${runs.noise.summary.errorSigma}σ`)
  })
  test('alie: every epoch under the 0.7σ robust-statistics floor, and measurably above quiet', () => {
    assert.ok(runs.alie.summary.errorSigmaMax <= 0.7, `alie worst ${runs.alie.summary.errorSigmaMax}σ`)
    assert.ok(runs.alie.summary.errorSigma > quietError + 0.1)
  })
})

describe('property 3 (self-healing)', () => {
  test('T stays under its threshold (0.1) in every epoch of every attack', () => {
    for (const [attack, report] of Object.entries(runs)) assert.ok(report.summary.temperatureMax < 0.1, `${attack}: T ${report.summary.temperatureMax}`)
  })
  test('equivocators are caught in epoch 0 and never hold a seat', () => {
    assert.equal(runs.equivocate.summary.equivocationsDetected, runs.equivocate.summary.byzantineNodes)
    assert.deepEqual(byzantineSeats(runs.equivocate), new Array(EPOCHS).fill(0))
  })
  test('persistent outliers (bias) lose every seat after 5 epochs; noise starts losing them', () => {
    const bias = byzantineSeats(runs.bias)
    assert.ok(bias[4] > 0 && bias.slice(5).every((x) => x === 0), `bias seats ${bias.join(' ')}`)
    const noise = byzantineSeats(runs.noise)
    assert.ok(noise[EPOCHS - 1] < noise[0], `noise seats ${noise.join(' ')}`)
  })
  test('alie, late and withhold keep their seats: nothing in their values marks them (a known limit)', () => {
    for (const attack of ['alie', 'late', 'withhold']) assert.equal(byzantineSeats(runs[attack])[EPOCHS - 1], runs[attack].summary.byzantineNodes)
  })
})
