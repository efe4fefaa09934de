import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DEFAULT_REPUTATION } from '@thermotruth/protocol'
import type { Libp2pNetwork } from '../src/index.js'
import { APP_TOPICS, EVICTED_APP_SCORE, GOSSIP_SCORE_THRESHOLDS, maxPositiveTopicScore } from '../src/libp2p/gossip-params.js'
import { AppScores } from '../src/node/app-scores.js'
import { startTestNetwork, waitFor } from './network-fixtures.js'

const GRAYLIST = GOSSIP_SCORE_THRESHOLDS.graylistThreshold

describe('application scores (P5)', () => {
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
    for (const peer of ['a', 'b']) {
      assert.equal(scores.score(peer), 0)
      assert.equal(applied.get(peer), 0, 'a recovered peer is reset in gossipsub too')
    }
    assert.ok(scores.score('c') <= EVICTED_APP_SCORE, 'an equivocator stays under the graylist for good')
  })

  test('an evicted identity is pinned under the graylist for the cool-down whatever it earns, then recovers', () => {
    assert.ok(EVICTED_APP_SCORE + APP_TOPICS * maxPositiveTopicScore() < GRAYLIST, 'even a peer with every positive topic score stays graylisted')
    const scores = new AppScores(() => {})
    scores.penalize('e', 'low-reputation')
    assert.ok(scores.score('e') <= EVICTED_APP_SCORE)
    for (let epoch = 1; epoch < DEFAULT_REPUTATION.coolDownEpochs; epoch++) {
      scores.decay()
      assert.ok(scores.score('e') + APP_TOPICS * maxPositiveTopicScore() < GRAYLIST, `still graylisted ${epoch} epochs into the cool-down`)
    }
    for (let i = 0; i < 100; i++) scores.decay()
    assert.equal(scores.score('e'), 0, 'back to neutral once the cool-down is over and the penalty decayed')
  })
})

// Small n with real gossipsub: two nodes on 127.0.0.1, the observer wires AppScores into its network exactly as
// ThermoNode does (author -> peer id -> setApplicationScore), and the engine's eviction penalty arrives.
describe('an evicted identity over real gossipsub', () => {
  const NET = 'app-score-test'
  const TOPIC = '/thermotruth/app-score-test/proposals/1'
  let observer: Libp2pNetwork
  let evicted: Libp2pNetwork

  before(async () => {
    observer = await startTestNetwork(NET)
    evicted = await startTestNetwork(NET, { bootstrap: observer.listenAddresses() })
    for (const n of [observer, evicted]) n.subscribe(TOPIC, () => 'accept', () => {})
  })

  after(async () => {
    await Promise.all([observer?.stop(), evicted?.stop()])
  })

  test("its gossip score at an honest node falls below the graylist threshold and stays there", async () => {
    const scoreAtObserver = () => observer.peers().find((p) => p.peerId === evicted.peerId)?.gossipScore
    await waitFor(() => scoreAtObserver() !== undefined, 'the evicted node is a peer of the observer')
    assert.ok(scoreAtObserver()! > GRAYLIST, `not graylisted before: ${scoreAtObserver()}`)
    const scores = new AppScores((author, score) => observer.setApplicationScore(observer.peerIdOf(author), score))
    const author = Buffer.from(evicted.publicKey).toString('hex')
    scores.penalize(author, 'low-reputation') // what the engine emits with its 'eviction' event
    await waitFor(() => (scoreAtObserver() ?? 0) < GRAYLIST, `gossip score under ${GRAYLIST}`)
    scores.decay() // an epoch later it is still pinned
    await waitFor(() => (scoreAtObserver() ?? 0) < GRAYLIST, `gossip score still under ${GRAYLIST}`)
  })
})
