import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AppScores } from '../src/node/app-scores.js'

test('engine penalties lower a peer application score, equivocation most, and scores decay back to 0', () => {
  const applied = new Map<string, number>()
  const scores = new AppScores((peer, score) => applied.set(peer, score))
  scores.penalize('a', 'bad-signature')
  scores.penalize('b', 'duplicate')
  scores.equivocated('c')
  assert.ok(scores.score('a') < scores.score('b'), 'a bad signature costs more than a duplicate')
  assert.ok(scores.score('c') < scores.score('a'), 'equivocation costs the most')
  assert.ok(scores.score('b') < 0)
  assert.equal(applied.get('c'), scores.score('c'), 'every change reaches gossipsub')
  for (let i = 0; i < 20; i++) scores.equivocated('c')
  assert.equal(scores.score('c'), -1000, 'floored')
  const before = scores.score('a')
  scores.decay()
  assert.ok(scores.score('a') > before && scores.score('a') < 0, 'decay moves toward 0')
  for (let i = 0; i < 200; i++) scores.decay()
  for (const peer of ['a', 'b', 'c']) {
    assert.equal(scores.score(peer), 0)
    assert.equal(applied.get(peer), 0, 'a recovered peer is reset in gossipsub too')
  }
})
