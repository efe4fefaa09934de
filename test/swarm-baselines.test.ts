/**
 * The baselines the benches compare against, on the real swarm: real libp2p nodes over TCP on 127.0.0.1 in
 * child processes. Asserts behaviour (every node gets everything, identical commits), never timings.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Swarm } from '@thermotruth/node/swarm'
import { tinySwarm, waitGone } from './swarm-helpers.js'

describe('gossip floor', { timeout: 120_000 }, () => {
  test('4 gossip-floor nodes: every node receives every proposal, byte counters and /proc CPU move', async () => {
    const swarm = new Swarm(tinySwarm({ epochs: 3 }))
    try {
      const summary = await swarm.run()
      assert.equal(summary.certifiedEpochs, 3, JSON.stringify(summary))
      assert.equal(summary.allHonestAgreed, true)
      assert.equal(summary.naiveBytesPerNodePerEpoch, 3 * 200)
      assert.ok(summary.finalityMs.p50 <= summary.finalityMs.p99)
    } finally {
      await swarm.shutdown()
    }
  })
})

describe('PBFT-style baseline', { timeout: 120_000 }, () => {
  test('n=4 commits every epoch with one identical aggregate on every node', async () => {
    const swarm = new Swarm(tinySwarm({ factory: 'pbft', epochs: 3 }))
    let pids: number[] = []
    try {
      const summary = await swarm.run()
      pids = swarm.pids
      assert.equal(summary.certifiedEpochs, 3, JSON.stringify(summary))
      // allHonestAgreed for PBFT means every node committed the same digest (aggregate + proposal set) each epoch.
      assert.equal(summary.allHonestAgreed, true)
      assert.equal(summary.honestSpreadMax, 0, 'the committed aggregate values are identical')
      // proposal, prepare and commit to each of the 3 others, plus the leader's pre-prepare (one node of 4 per epoch)
      assert.equal(summary.messagesPerNodePerEpoch, 3 * 3 + 3 / 4)
      assert.ok((summary.bytesByProtocolPerNodePerEpoch['/thermotruth-bench/pbft/1.0.0'] ?? 0) > 0, 'direct streams carried the rounds')
    } finally {
      await swarm.shutdown()
    }
    assert.deepEqual(await waitGone(pids, 5000), [])
  })
})
