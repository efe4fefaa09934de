import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, describe, test } from 'node:test'
import type { GossipsubMessage } from '@libp2p/gossipsub'
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { GOSSIP_SCORE_THRESHOLDS } from '../src/libp2p/gossip-params.js'
import type { Libp2pNetwork, NodeLibp2p } from '../src/index.js'
import type { Gossipsub } from '../src/network/gossip-router.js'
import { startPlainLibp2p, startTestNetwork, waitFor } from './network-fixtures.js'

const NET = 'stranger-test'
const TOPIC = '/thermotruth/stranger-test/topic'
const MESSAGES = 30

/**
 * A stock js-libp2p + gossipsub peer with no ticket relays *valid* messages, and gets its copy of each one to the
 * honest receiver before the honest author's copy does (it publishes the same bytes first: message ids are content
 * hashes). Before strangers were ignored, the receiver rejected the stranger's copy, marked the id invalid, and then
 * charged the honest author P4 for its own message: honest pairs fell below the gossip threshold.
 */
describe('a stranger without a ticket cannot hurt honest peers', () => {
  const stoppers: Array<() => Promise<void>> = []
  after(async () => {
    for (const stop of stoppers.reverse()) await stop()
  })

  test('relaying valid gossip ahead of the author: no message lost, no honest score below the gossip threshold, no mesh slot', async () => {
    // A long grace period keeps the stranger connected through the whole run (it is dropped after it, as always).
    const opts = { ticketGraceMs: 60_000 }
    const author = await startTestNetwork(NET, opts)
    stoppers.push(() => author.stop())
    const receiver = await startTestNetwork(NET, { ...opts, bootstrap: author.listenAddresses() })
    stoppers.push(() => receiver.stop())
    const received = new Set<string>()
    const accept = (_from: string, data: Uint8Array) => (new TextDecoder().decode(data).startsWith('valid:') ? ('accept' as const) : ('reject' as const))
    author.subscribe(TOPIC, accept, () => {})
    receiver.subscribe(TOPIC, accept, (_from, data) => received.add(new TextDecoder().decode(data)))

    const stranger: NodeLibp2p = await startPlainLibp2p(NET, { gossip: { heartbeatIntervalMs: 200 } })
    stoppers.push(async () => {
      await stranger.stop()
    })
    const strangerPubsub = stranger.services.pubsub as Gossipsub
    // A relay: it accepts (so forwards) everything it hears.
    strangerPubsub.addEventListener('gossipsub:message', (evt: CustomEvent<GossipsubMessage>) => {
      strangerPubsub.reportMessageValidationResult(evt.detail.msgId, evt.detail.propagationSource.toString(), TopicValidatorResult.Accept)
    })
    strangerPubsub.subscribe(TOPIC)
    await stranger.dial(receiver.libp2p.getMultiaddrs())
    await stranger.dial(author.libp2p.getMultiaddrs())
    const receiverMesh = (): string[] => (receiver.libp2p.services.pubsub as Gossipsub).getMeshPeers(TOPIC)
    await waitFor(() => receiverMesh().includes(author.peerId), 'author in the receiver mesh', 20_000)
    await waitFor(() => strangerPubsub.getSubscribers(TOPIC).some((p) => p.equals(receiver.libp2p.peerId)), 'the stranger sees the receiver subscribed', 20_000)

    const sent: string[] = []
    for (let i = 0; i < MESSAGES; i++) {
      const text = `valid:${i}:${randomBytes(8).toString('hex')}`
      const bytes = new TextEncoder().encode(text)
      sent.push(text)
      await strangerPubsub.publish(TOPIC, bytes).catch(() => {}) // the stranger's copy goes first
      await new Promise((resolve) => setTimeout(resolve, 20))
      await author.publish(TOPIC, bytes)
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    await waitFor(() => sent.every((m) => received.has(m)), `all ${MESSAGES} messages at the receiver`, 20_000).catch((err) => {
      throw new Error(`${err.message}: got ${received.size}; counters ${JSON.stringify(receiver.gossip.counters)}`)
    })
    const receiverScores = (peerId: string): number => (receiver.libp2p.services.pubsub as Gossipsub).getScore(peerId)
    assert.ok(receiver.gossip.counters.ignoredUnticketed > 0, 'the stranger did deliver copies (ignored), so the race was exercised')
    assert.equal(receiver.gossip.counters.rejected, 0, 'nothing rejected: no id marked invalid')
    assert.ok(receiverScores(author.peerId) > GOSSIP_SCORE_THRESHOLDS.gossipThreshold, `author score ${receiverScores(author.peerId)}`)
    assert.ok((author.libp2p.services.pubsub as Gossipsub).getScore(receiver.peerId) > GOSSIP_SCORE_THRESHOLDS.gossipThreshold)
    assert.ok(!receiverMesh().includes(stranger.peerId.toString()), 'the stranger holds no mesh slot at the receiver')
    assert.ok(!(author.libp2p.services.pubsub as Gossipsub).getMeshPeers(TOPIC).includes(stranger.peerId.toString()), 'nor at the author')
  })
})

export type { Libp2pNetwork }
