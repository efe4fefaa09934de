import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import type { GossipsubMessage } from '@libp2p/gossipsub'
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { createEngine, type EngineDeps } from '@thermotruth/protocol'
import type { NodeLibp2p } from '../src/index.js'
import { GOSSIP_SCORE_THRESHOLDS } from '../src/libp2p/gossip-params.js'
import type { Gossipsub } from '../src/network/gossip-router.js'
import type { ThermoNode } from '../src/node/thermo-node.js'
import type { EpochSummary } from '../src/store/index.js'
import { tempDir } from './helpers-tmp.js'
import { startPlainLibp2p } from './network-fixtures.js'
import { prepareNetwork, settingsFor, startRecorded, waitFor } from './node-fixtures.js'

/**
 * Three honest ThermoNodes and a stock js-libp2p + gossipsub peer with no ticket that subscribes to every protocol
 * topic and relays (accepts and forwards) everything it hears. Kept connected for the whole run (long grace period).
 * Every epoch while it relays certifies on every node, and no honest node scores another under the gossip threshold.
 * In this fully connected 3-node topology the stranger's copy rarely arrives first, so this run also passed once
 * against the old (rejecting) router; the race itself is forced in network-stranger.test.ts, where the stranger
 * publishes each message ahead of its author.
 *
 * The nodes run the gossip epoch (the linear epoch's fallback): in a linear epoch proposals and endorsements travel
 * on direct streams that only ticketed peers may open, so the only gossip a stranger could relay is the fallback's.
 */
const gossipEpochs = (deps: EngineDeps) => createEngine({ ...deps, config: { ...deps.config, tuning: { ...deps.config.tuning, epochMode: 'gossip' } } })
describe('a ticketless relay among running nodes', () => {
  const t = tempDir('node-stranger')
  const nodes: Array<{ node: ThermoNode; epochs: EpochSummary[] }> = []
  let stranger: NodeLibp2p | undefined
  after(async () => {
    await stranger?.stop()
    for (const { node } of nodes) await node.stop().catch(() => {})
    t.cleanup()
  })

  test('honest scores stay above the gossip threshold and every epoch certifies', async () => {
    const net = await prepareNetwork(t.dir, 3, 1500)
    const network = { ticketGraceMs: 120_000 }
    // Penalty lines name the peer charged and why: printed with any failure below.
    const penalties: string[] = []
    const log = (line: string) => {
      if (line.startsWith('penalty')) penalties.push(line)
    }
    nodes.push(await startRecorded(settingsFor(net, 0, []), { network, log, createEngine: gossipEpochs }))
    const boot = nodes[0].node.network.listenAddresses()
    nodes.push(await startRecorded(settingsFor(net, 1, boot), { network, log, createEngine: gossipEpochs }))
    nodes.push(await startRecorded(settingsFor(net, 2, boot), { network, log, createEngine: gossipEpochs }))
    const certified = (epochs: EpochSummary[]) => epochs.filter((e) => !e.approximate)
    await waitFor(() => nodes.every((n) => certified(n.epochs).length >= 2), 'the honest network certifies', 60_000)

    stranger = await startPlainLibp2p('local')
    const pubsub = stranger.services.pubsub as Gossipsub
    let relayed = 0
    pubsub.addEventListener('gossipsub:message', (evt: CustomEvent<GossipsubMessage>) => {
      relayed++
      pubsub.reportMessageValidationResult(evt.detail.msgId, evt.detail.propagationSource.toString(), TopicValidatorResult.Accept)
    })
    for (const topic of Object.values(nodes[0].node.engine.topics)) pubsub.subscribe(topic)
    for (const { node } of nodes) await stranger.dial(node.network.libp2p.getMultiaddrs())
    const strangerId = stranger.peerId.toString()
    const joinedAt = Math.max(...nodes.map((n) => n.epochs.at(-1)?.epoch ?? 0)) + 1
    const window = 6
    await waitFor(() => nodes.every((n) => n.epochs.some((e) => e.epoch >= joinedAt + window)), `${window} epochs with the stranger relaying`, (window + 8) * 1500)

    assert.ok(relayed > 0, 'the stranger did receive and relay gossip')
    for (const { node, epochs } of nodes) {
      const during = epochs.filter((e) => e.epoch >= joinedAt && e.epoch < joinedAt + window)
      assert.ok(during.length >= window - 1 && during.every((e) => !e.approximate), `every epoch certified: ${during.map((e) => `${e.epoch}${e.approximate ? 'a' : ''}`).join(' ')}`)
      const peers = node.network.peers()
      for (const peer of peers.filter((p) => p.peerId !== strangerId)) {
        const stats = () => JSON.stringify((node.network.libp2p.services.pubsub as Gossipsub).dumpPeerScoreStats()[peer.peerId])
        assert.ok(peer.gossipScore > GOSSIP_SCORE_THRESHOLDS.gossipThreshold, `honest peer scored ${peer.gossipScore}: ${stats()}; ${penalties.join('; ')}`)
      }
      const seen = peers.find((p) => p.peerId === strangerId)
      assert.ok(seen === undefined || (!seen.ticketed && !seen.inMesh), 'the stranger is neither ticketed nor in a mesh')
      assert.equal(node.network.gossip.counters.rejected, 0, `nothing rejected: ${penalties.join('; ')}`)
    }
  })
})
