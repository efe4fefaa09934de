import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { Registry } from 'prom-client'
import { type NodeLibp2p, createNodeLibp2p } from '../src/libp2p/index.js'
import { KEEP_CONNECTED_TAG, PeerManager, type PeerManagerInit } from '../src/network/peer-manager.js'
import { freePort, waitFor } from './network-fixtures.js'

const started: Array<{ stop(): unknown }> = []

after(async () => {
  for (const s of started.reverse()) await s.stop()
})

async function node(listen = '/ip4/127.0.0.1/tcp/0', privateKey?: Awaited<ReturnType<typeof generateKeyPair>>): Promise<NodeLibp2p> {
  const n = await createNodeLibp2p({
    privateKey: privateKey ?? (await generateKeyPair('Ed25519')),
    networkId: 'pm-test',
    profile: 'local',
    listen: [listen],
    bootstrap: [],
    registry: new Registry(),
  })
  await n.start()
  started.push(n)
  return n
}

function manager(n: NodeLibp2p, init: PeerManagerInit, score: (peerId: string) => number = () => 0): PeerManager {
  const pm = new PeerManager({ node: n, dht: n.services.dht, score, isBanned: () => false, log: () => {} }, { tickIntervalMs: 50, ...init })
  pm.start()
  started.push(pm)
  return pm
}

describe('PeerManager on real libp2p nodes', () => {
  test('re-dials an unreachable bootstrap peer with capped backoff until it comes up', async () => {
    const bootKey = await generateKeyPair('Ed25519')
    const bootId = peerIdFromPrivateKey(bootKey).toString()
    const port = await freePort()
    const n = await node()
    const pm = manager(n, {
      bootstrap: [`/ip4/127.0.0.1/tcp/${port}/p2p/${bootId}`],
      lowWatermark: 1,
      highWatermark: 4,
      bootstrapBackoffInitialMs: 100,
      bootstrapBackoffMaxMs: 400,
    })
    const t0 = Date.now()
    await waitFor(() => pm.stats.bootstrapDialFailures >= 4, 'four failed bootstrap dials')
    const elapsed = Date.now() - t0
    // Backoff 100, 200, 400, 400 ms: at least 700 ms pass between the first and the fourth failure. Without
    // backoff the 50 ms tick would have produced the four failures in ~200 ms.
    assert.ok(elapsed >= 650, `four failures took only ${elapsed} ms: no backoff`)
    const boot = await node(`/ip4/127.0.0.1/tcp/${port}`, bootKey)
    await waitFor(() => n.getPeers().some((p) => p.equals(boot.peerId)), 'connection to the late bootstrap peer')
    assert.ok(pm.stats.bootstrapDials > pm.stats.bootstrapDialFailures)
  })

  test('prunes the worst-scoring peers above the high watermark', async () => {
    const hub = await node()
    const [good, bad] = [await node(), await node()]
    const scores = new Map([
      [good.peerId.toString(), 5],
      [bad.peerId.toString(), -50],
    ])
    await good.dial(hub.getMultiaddrs())
    await bad.dial(hub.getMultiaddrs())
    await waitFor(() => hub.getPeers().length === 2, 'hub connected to both peers')
    const pm = manager(hub, { bootstrap: [], lowWatermark: 0, highWatermark: 1 }, (id) => scores.get(id) ?? 0)
    await waitFor(() => hub.getPeers().length === 1, 'hub pruned to the high watermark')
    assert.ok(hub.getPeers()[0].equals(good.peerId), 'kept the better-scoring peer')
    assert.equal(pm.stats.pruned, 1)
  })
})

describe('PeerManager.keepConnected', () => {
  test('pre-dials the wanted peers, never prunes them, and releases them once no longer wanted', async () => {
    const hub = await node()
    const [a, b, c] = [await node(), await node(), await node()]
    // The hub knows where a and b listen (a real node learns it from the DHT, a swarm node from its launcher).
    for (const peer of [a, b]) await hub.peerStore.merge(peer.peerId, { multiaddrs: peer.getMultiaddrs().map((ma) => ma.decapsulate('/p2p')) })
    // High watermark 0: every connection not kept is pruned on the next tick.
    const pm = manager(hub, { bootstrap: [], lowWatermark: 0, highWatermark: 0 })
    const tagOf = async (peer: NodeLibp2p) => (await hub.peerStore.get(peer.peerId)).tags.get(KEEP_CONNECTED_TAG)

    await pm.keepConnected([a.peerId.toString(), hub.peerId.toString()])
    assert.deepEqual(pm.keptPeers(), [a.peerId.toString()], 'the node itself is never kept')
    assert.ok(hub.getPeers().some((p) => p.equals(a.peerId)), 'a was dialed before any epoch needs it')
    assert.ok(((await tagOf(a))?.value ?? 0) > 0, 'a carries the keep-alive tag')
    // c dials in: not wanted, so pruned; a stays.
    await c.dial(hub.getMultiaddrs())
    await waitFor(() => pm.stats.pruned >= 1 && !hub.getPeers().some((p) => p.equals(c.peerId)), 'the unwanted peer pruned')
    assert.ok(hub.getPeers().some((p) => p.equals(a.peerId)), 'the kept peer survived pruning')

    // The wanted set moves on to b: b is dialed and tagged, a loses its tag and is pruned like any other peer.
    await pm.keepConnected([b.peerId.toString()])
    assert.ok(hub.getPeers().some((p) => p.equals(b.peerId)), 'b dialed')
    assert.equal(await tagOf(a), undefined, 'a released')
    assert.ok(((await tagOf(b))?.value ?? 0) > 0)
    await waitFor(() => !hub.getPeers().some((p) => p.equals(a.peerId)), 'the released peer pruned')
    assert.ok(hub.getPeers().some((p) => p.equals(b.peerId)))

    // A kept peer that drops is dialed again by the tick.
    await hub.hangUp(b.peerId)
    await waitFor(() => hub.getPeers().some((p) => p.equals(b.peerId)), 'the kept peer re-dialed')
    assert.equal(pm.stats.keepDialFailures, 0)

    // Names that are not peer ids are dropped with a log line, not thrown.
    await pm.keepConnected(['not-a-peer-id'])
    assert.deepEqual(pm.keptPeers(), [])
  })
})

describe('PeerManager discovery back-off', () => {
  /** A node with `peers()` connections and a DHT whose walks finish at once; time is driven by hand. */
  function harness(peers: () => number) {
    let now = 0
    let walks = 0
    const ids = Array.from({ length: 40 }, (_, i) => ({ toString: () => `peer-${i}` }))
    const pm = new PeerManager(
      {
        node: {
          getConnections: () => ids.slice(0, peers()).map((remotePeer) => ({ remotePeer })),
          addEventListener: () => {},
          removeEventListener: () => {},
          dial: async () => {
            throw new Error('no dials here')
          },
          hangUp: async () => {},
        } as unknown as ConstructorParameters<typeof PeerManager>[0]['node'],
        dht: {
          // biome-ignore lint/correctness/useYield: a walk that finds nobody
          getClosestPeers: async function* () {
            walks++
          },
        } as unknown as ConstructorParameters<typeof PeerManager>[0]['dht'],
        score: () => 0,
        isBanned: () => false,
        log: () => {},
      },
      { bootstrap: [], lowWatermark: 8, highWatermark: 32, randomWalkIntervalMs: 10_000, satisfiedWalkMaxIntervalMs: 600_000, now: () => now },
    )
    // start() arms the real tick timer; the test drives tick() itself and stops before leaving.
    pm.start()
    const runFor = async (ms: number) => {
      for (const end = now + ms; now < end; now += 1000) await pm.tick()
    }
    return { pm, runFor, walks: () => walks }
  }

  test('above the low watermark random walks back off exponentially; below it they resume at the base interval', async () => {
    let connected = 10
    const h = harness(() => connected)
    try {
      await h.runFor(60 * 60_000)
      const satisfiedWalks = h.walks()
      // Without back-off: one walk a minute (60). With doubling from 60 s up to 10 min: 60, 120, ... then every 600 s.
      assert.ok(satisfiedWalks >= 2 && satisfiedWalks <= 12, `walks in an hour above the low watermark: ${satisfiedWalks}`)
      connected = 3
      await h.runFor(60_000)
      const hungryWalks = h.walks() - satisfiedWalks
      assert.ok(hungryWalks >= 5, `below the low watermark a walk every 10 s again (${hungryWalks} in a minute)`)
    } finally {
      h.pm.stop()
    }
  })
})

describe('PeerManager kept-peer back-off', () => {
  /**
   * A kept peer whose every dial succeeds but whose connection is gone by the next tick: the remote's identity
   * gate drops us right after the handshake. Time is driven by hand; `holds` decides whether a dial's connection
   * stays up.
   */
  function flapping(holds: () => boolean) {
    let now = 0
    let dials = 0
    let up = false
    const kept = { toString: () => '12D3KooWGBWx9gyUFTVQcKMTenQMSyE2ad9m7c9fpjS4NMjoDien' }
    const pm = new PeerManager(
      {
        node: {
          peerId: { toString: () => 'self' },
          getConnections: () => (up ? [{ remotePeer: kept }] : []),
          addEventListener: () => {},
          removeEventListener: () => {},
          peerStore: { merge: async () => {} },
          dial: async () => {
            dials++
            up = holds()
          },
          hangUp: async () => {},
        } as unknown as ConstructorParameters<typeof PeerManager>[0]['node'],
        score: () => 0,
        isBanned: () => false,
        log: () => {},
      },
      { bootstrap: [], lowWatermark: 0, highWatermark: 32, tickIntervalMs: 1e8, now: () => now },
    )
    // start() arms the real tick timer (its first tick, then none for a day); the test drives tick() itself.
    pm.start()
    const runFor = async (ms: number) => {
      for (const end = now + ms; now < end; now += 1000) {
        await pm.tick()
        // let the background dial settle before the next tick
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    return { pm, runFor, dials: () => dials, keep: () => pm.keepConnected([kept.toString()]), drop: () => (up = false) }
  }

  test('a kept peer that drops us after every handshake is re-dialled with a growing back-off, not every tick', async () => {
    const h = flapping(() => false)
    await h.keep()
    await h.runFor(120_000)
    h.pm.stop()
    // Every 1 s tick would be 120 dials (libp2p's reconnect queue re-dialled at once on each disconnect); a back-off
    // doubling from 1 s to 30 s gives 1 + 1, 2, 4, 8, 16 s, then one per 30 s: about 8.
    assert.ok(h.dials() >= 5 && h.dials() <= 12, `dials of a flapping kept peer in 2 minutes: ${h.dials()}`)
  })

  test('a kept peer whose connection holds for a while is re-dialled promptly when it drops later', async () => {
    const h = flapping(() => true)
    await h.keep()
    await h.runFor(30_000)
    assert.equal(h.dials(), 1, 'connected once and held')
    h.drop()
    const before = h.dials()
    await h.runFor(3000)
    h.pm.stop()
    assert.equal(h.dials(), before + 1, 'the back-off was cleared once the link had held, so the re-dial comes at the next tick')
  })
})
