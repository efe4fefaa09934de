import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ThermoNode } from '../src/node/thermo-node.js'
import type { EpochSummary } from '../src/store/index.js'
import { tempDir } from './helpers-tmp.js'
import { prepareNetwork, settingsFor, startRecorded, waitFor } from './node-fixtures.js'

const certified = (epochs: EpochSummary[]) => epochs.filter((e) => !e.approximate)

describe('ThermoNodes over TCP on 127.0.0.1', () => {
  test('three nodes with a shared genesis committee certify the same records; a late joiner syncs and verifies them', async () => {
    const t = tempDir('thermo3')
    const nodes: Array<{ node: ThermoNode; epochs: EpochSummary[] }> = []
    try {
      const net = await prepareNetwork(t.dir, 4)
      net.committee = net.authors.slice(0, 3).sort()
      nodes.push(await startRecorded(settingsFor(net, 0, [])))
      const boot = nodes[0].node.network.listenAddresses()
      nodes.push(await startRecorded(settingsFor(net, 1, boot)))
      nodes.push(await startRecorded(settingsFor(net, 2, boot)))
      await waitFor(() => nodes.every((n) => certified(n.epochs).length >= 3), 'three certified epochs on every node', 60_000)

      const byEpoch = new Map<number, Set<string>>()
      for (const { epochs } of nodes) {
        for (const e of certified(epochs)) byEpoch.set(e.epoch, (byEpoch.get(e.epoch) ?? new Set()).add(e.recordDigest))
      }
      const common = [...byEpoch].filter(([epoch]) => nodes.every((n) => certified(n.epochs).some((e) => e.epoch === epoch)))
      assert.ok(common.length >= 1, 'some epoch certified on all three')
      for (const [epoch, digests] of byEpoch) assert.equal(digests.size, 1, `epoch ${epoch}: one record digest across nodes`)

      const [first] = common
      for (const { node } of nodes) {
        await node.flushed()
        const stored = await node.store.getEpoch(first[0])
        assert.equal(stored?.summary.recordDigest, [...first[1]][0])
        assert.ok(stored!.summary.endorsements >= 2)
      }
      const status = nodes[1].node.status()
      assert.ok(status.peers.ticketed >= 2)
      assert.equal(status.sync.state, 'synced')

      // A late joiner (not in the committee) fetches and verifies the history it missed before participating.
      const history = certified(nodes[0].epochs).map((e) => e.epoch)
      const late = await startRecorded(settingsFor(net, 3, boot))
      nodes.push(late)
      assert.equal(late.node.status().sync.state, 'synced')
      assert.ok(late.node.status().sync.fetched >= history.length, JSON.stringify(late.node.status().sync))
      for (const epoch of history) {
        const [mine, theirs] = await Promise.all([late.node.store.getEpoch(epoch), nodes[0].node.store.getEpoch(epoch)])
        assert.deepEqual(mine?.bytes, theirs?.bytes, `epoch ${epoch} synced byte-identical`)
      }
    } finally {
      for (const { node } of nodes.reverse()) await node.stop()
      t.cleanup()
    }
  })
})
