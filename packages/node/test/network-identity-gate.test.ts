import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { Registry } from 'prom-client'
import { type Libp2pNetwork, createNodeLibp2p, type NodeLibp2p } from '../src/index.js'
import { mineTestTicket, record, startTestNetwork, testPolicy, waitFor } from './network-fixtures.js'

const NET = 'gate-test'
const TOPIC = '/thermotruth/gate-test/topic'
const GRACE_MS = 5000

describe('identity gate', () => {
  let honest: Libp2pNetwork
  const appSaw: string[] = []
  let rejected: Array<{ peerId: string; reason: string }> = []
  let disconnected: Array<{ peerId: string }> = []
  const stoppers: Array<() => Promise<void>> = []

  before(async () => {
    honest = await startTestNetwork(NET, { ticketGraceMs: GRACE_MS, banCooldownMs: 60_000 })
    stoppers.push(() => honest.stop())
    rejected = record(honest, 'peer:rejected')
    disconnected = record(honest, 'peer:disconnected')
    honest.subscribe(
      TOPIC,
      (from) => {
        appSaw.push(from)
        return 'accept'
      },
      () => {},
    )
  })

  after(async () => {
    for (const stop of stoppers.reverse()) await stop()
  })

  test('a node presenting a ticket mined for another key is disconnected, banned, and refused on redial', async () => {
    const otherKey = await generateKeyPair('Ed25519')
    const stolen = await mineTestTicket(NET, otherKey.publicKey.raw)
    const thief = await startTestNetwork(NET, { ticket: stolen, bootstrap: honest.listenAddresses() })
    stoppers.push(() => thief.stop())

    await waitFor(() => rejected.some((r) => r.peerId === thief.peerId), 'peer:rejected for the thief')
    assert.match(rejected.find((r) => r.peerId === thief.peerId)!.reason, /^key-mismatch/)
    await waitFor(() => disconnected.some((d) => d.peerId === thief.peerId), 'peer:disconnected for the thief')
    await waitFor(() => !honest.peers().some((p) => p.peerId === thief.peerId), 'thief gone from peers()')
    assert.equal(honest.banList.isBanned(thief.peerId), true)
    const banned = await honest.metrics.getSingleMetric('thermotruth_net_banned_peers')?.get()
    assert.ok((banned?.values[0]?.value ?? 0) >= 1, 'banned peers exported as a metric')

    await assert.rejects(honest.libp2p.dial(thief.libp2p.peerId), 'honest refuses to dial the banned peer')
    // The thief's own redial: the honest side drops it right after the handshake, so no ticket round starts.
    await thief.libp2p.dial(honest.libp2p.getMultiaddrs()).catch(() => {})
    await waitFor(() => honest.libp2p.getConnections(thief.libp2p.peerId).length === 0, 'no connection to the thief')
    assert.equal(rejected.filter((r) => r.peerId === thief.peerId).length, 1, 'refused by the gater, not re-examined')
    assert.deepEqual(appSaw, [], 'the application validator never ran for the thief')
  })

  test('a ticket that expires while its holder stays connected fails the gate at the next re-check', async () => {
    let epoch = 0
    const policy = () => ({ ...testPolicy(NET), currentEpoch: epoch })
    const judge = await startTestNetwork(NET, { policy, ticketRecheckIntervalMs: 100 })
    stoppers.push(() => judge.stop())
    const judgeRejected = record<{ peerId: string; reason: string }>(judge, 'peer:rejected')
    const holder = await startTestNetwork(NET, { bootstrap: judge.listenAddresses() })
    stoppers.push(() => holder.stop())
    await waitFor(() => judge.peers().some((p) => p.peerId === holder.peerId && p.ticketed), 'holder ticketed')
    epoch = testPolicy(NET).validForEpochs // one past the last valid epoch of an epoch-0 ticket
    await waitFor(() => judgeRejected.some((r) => r.peerId === holder.peerId), 'holder rejected after expiry')
    assert.match(judgeRejected.find((r) => r.peerId === holder.peerId)!.reason, /^expired/)
    await waitFor(() => judge.libp2p.getConnections(holder.libp2p.peerId).length === 0, 'holder disconnected')
  })

  test('a plain libp2p node without a ticket: its gossip is rejected before the app validator, then it is dropped and refused', async () => {
    const plain: NodeLibp2p = await createNodeLibp2p({
      privateKey: await generateKeyPair('Ed25519'),
      networkId: NET,
      profile: 'local',
      listen: ['/ip4/127.0.0.1/tcp/0'],
      bootstrap: [],
      registry: new Registry(),
      gossip: { heartbeatIntervalMs: 200 },
    })
    await plain.start()
    stoppers.push(async () => {
      await plain.stop()
    })
    const plainId = plain.peerId.toString()
    const pubsub = plain.services.pubsub
    pubsub.subscribe(TOPIC)
    await plain.dial(honest.libp2p.getMultiaddrs())
    // Topic peers suffice: without a mesh, publish picks topic peers (fanout).
    await waitFor(() => pubsub.getSubscribers(TOPIC).some((p) => p.equals(honest.libp2p.peerId)), 'honest node subscribed, seen by the plain node', GRACE_MS)

    const before = honest.gossip.counters.rejectedUnticketed
    await pubsub.publish(TOPIC, new TextEncoder().encode('unticketed hello'))
    await waitFor(() => honest.gossip.counters.rejectedUnticketed > before, 'honest rejected the unticketed message')
    assert.deepEqual(appSaw, [], 'the application validator never ran')

    await waitFor(() => rejected.some((r) => r.peerId === plainId), 'peer:rejected after the grace period', GRACE_MS + 5000)
    assert.match(rejected.find((r) => r.peerId === plainId)!.reason, /no valid ticket within 5000 ms/)
    await waitFor(() => honest.libp2p.getConnections(plain.peerId).length === 0, 'plain node disconnected')
    await assert.rejects(honest.libp2p.dial(plain.peerId), 'honest refuses to dial it')
    await plain.dial(honest.libp2p.getMultiaddrs()).catch(() => {})
    await waitFor(() => honest.libp2p.getConnections(plain.peerId).length === 0, 'its redial is dropped')
  })
})
