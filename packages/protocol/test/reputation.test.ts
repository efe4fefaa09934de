import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import * as wire from '../src/index.js'

const honest = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']
const attacker = 'z9'
const members = [...honest, attacker]

/** Annealing's weights for one epoch: honest share the mass, the attacker gets `w` of it. */
function weights(w: number): Map<string, number> {
  const m = new Map<string, number>(honest.map((a) => [a, (1 - w) / honest.length]))
  m.set(attacker, w)
  return m
}

describe('reputation', () => {
  test('an ignored identity is evicted after 4 epochs with the defaults; honest identities stay', () => {
    const rep = new wire.Reputation()
    const evictedAt: number[] = []
    for (let epoch = 1; epoch <= 6; epoch++) {
      const ev = rep.update(epoch, members, weights(0))
      for (const e of ev) {
        assert.equal(e.author, attacker)
        assert.equal(e.reason, 'low-reputation')
        assert.equal(e.untilEpoch, epoch + rep.config.coolDownEpochs)
        evictedAt.push(epoch)
      }
    }
    assert.deepEqual(evictedAt, [4])
    for (const a of honest) assert.equal(rep.reputation(a), 1)
    assert.ok(rep.isEvicted(attacker, 5) && rep.isEvicted(attacker, 14) && !rep.isEvicted(attacker, 15))
  })

  test('after the cool-down the identity returns at the rejoin level and re-offending evicts it sooner', () => {
    const rep = new wire.Reputation()
    let epoch = 0
    while (rep.update(++epoch, members, weights(0)).length === 0);
    const until = epoch + rep.config.coolDownEpochs
    for (epoch++; epoch < until; epoch++) assert.deepEqual(rep.update(epoch, members, weights(0)), [])
    let again = 0
    for (; rep.update(epoch, members, weights(0)).length === 0; epoch++) again++
    assert.ok(again < 3, `re-evicted after ${again + 1} epochs`)
  })

  test('an average contributor keeps reputation 1; a partially down-weighted one decays to its relative weight', () => {
    const rep = new wire.Reputation()
    for (let e = 1; e <= 40; e++) rep.update(e, members, weights(0.5 / members.length))
    assert.ok(Math.abs(rep.reputation(attacker) - 0.5) < 1e-4)
    assert.equal(rep.reputation('a1'), 1)
  })

  test('absent committee members score 0 (withholding costs reputation)', () => {
    const rep = new wire.Reputation()
    rep.update(1, members, weights(0.1))
    const w = weights(0.1)
    w.delete('a6')
    rep.update(2, members, w)
    assert.ok(rep.reputation('a6') < rep.reputation('a1'))
  })

  test('equivocation evicts at once and for good, with the lowest gossip score', () => {
    const rep = new wire.Reputation()
    const ev = rep.penalizeEquivocation(attacker)
    assert.equal(ev.reason, 'equivocation')
    assert.ok(rep.isEvicted(attacker, 1e9))
    assert.equal(rep.gossipScore(attacker, 1), wire.GOSSIP_SCORE.equivocator)
    assert.deepEqual(rep.update(1, members, weights(1 / members.length)), [])
    assert.ok(rep.isEvicted(attacker, 2))
  })

  test('gossip score: max for full reputation, 0 at the floor, fixed penalty while evicted', () => {
    const rep = new wire.Reputation()
    assert.equal(rep.gossipScore('a1', 1), wire.GOSSIP_SCORE.max)
    let epoch = 0
    while (rep.update(++epoch, members, weights(0)).length === 0) assert.ok(rep.gossipScore(attacker, epoch) > 0)
    assert.equal(rep.gossipScore(attacker, epoch + 1), wire.GOSSIP_SCORE.evicted)
  })

  test('property: deterministic, bounded in [0, 1], independent of map insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 }), { maxLength: 20 }), (epochs) => {
        const run = (reverse: boolean) => {
          const rep = new wire.Reputation()
          const log = epochs.map((ws, i) => {
            const entries = members.map((a, j) => [a, ws[j] / 7] as [string, number])
            return rep.update(i + 1, members, new Map(reverse ? entries.reverse() : entries))
          })
          return { log, scores: members.map((a) => rep.reputation(a)) }
        }
        const a = run(false)
        assert.deepStrictEqual(run(true), a)
        for (const s of a.scores) assert.ok(s >= 0 && s <= 1)
      }),
      { numRuns: 100 },
    )
  })
})
