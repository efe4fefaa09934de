import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { runSimulation } from '../src/sim/index.js'
import { SYBIL_CAP_PER_HONEST, sybilPlan } from '../src/sim/sybil.js'
import { assertAgreement } from './adversary-fixtures.js'

// Property 4 (the paper's claim 5): 22 machines, 2 of them the attacker's, i.e. 10% of the honest hash power.
const base = { nodes: 22, epochs: 8, seed: 5, byzantine: 0.09, attack: 'sybil' } as const
const gated = runSimulation(base)
const open = runSimulation({ ...base, powGate: false })

describe('sybil flood with a fixed CPU budget', () => {
  test('the budget buys one identity per machine with the gate, a capped flood without it', () => {
    assert.deepEqual(sybilPlan(22, 0.09, true), { honest: 20, sybils: 2 })
    assert.deepEqual(sybilPlan(22, 0.09, false), { honest: 20, sybils: SYBIL_CAP_PER_HONEST * 20 })
    assert.equal(gated.summary.byzantineNodes, 2)
    assert.equal(open.summary.byzantineNodes, 60)
    assert.equal(gated.summary.powGate, true)
    assert.equal(open.summary.powGate, false)
  })

  test('gate on: seat share about the hash-power share (at most 10%), error within the outlier goal', () => {
    assertAgreement(gated, assert)
    assert.ok(gated.summary.byzantineSeatShare! <= 0.1, `seat share ${gated.summary.byzantineSeatShare}`)
    assert.ok(gated.summary.errorSigma <= 0.15, `error ${gated.summary.errorSigma}σ`)
  })

  test('gate off: the same attacker takes a majority of seats and the error explodes (ratio off/on >= 60)', () => {
    assert.ok(open.summary.byzantineSeatShare! > 0.5, `seat share ${open.summary.byzantineSeatShare}`)
    const ratio = open.summary.errorSigma / gated.summary.errorSigma
    assert.ok(ratio >= 60, `error ratio ${ratio}`)
  })
})
