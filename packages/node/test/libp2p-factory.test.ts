import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { CODE_P2P, multiaddr } from '@multiformats/multiaddr'
import { LevelDatastore } from 'datastore-level'
import { Registry } from 'prom-client'
import { type NodeLibp2p, createNodeLibp2p, dhtProtocol } from '../src/libp2p/index.js'
import { profileSettings } from '../src/libp2p/profiles.js'
import { NetworkError } from '../src/network/errors.js'

const nodes: NodeLibp2p[] = []
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()))
})

async function start(registry: Registry): Promise<NodeLibp2p> {
  const n = await createNodeLibp2p({
    privateKey: await generateKeyPair('Ed25519'),
    networkId: 'factory-test',
    profile: 'local',
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: [],
    registry,
  })
  nodes.push(n)
  await n.start()
  return n
}

describe('createNodeLibp2p', () => {
  test('two nodes speak our DHT protocol as servers, gossip unsigned, and keep separate metric registries', async () => {
    const [regA, regB] = [new Registry(), new Registry()]
    const a = await start(regA)
    const b = await start(regB)
    await a.dial(b.getMultiaddrs())
    const kad = dhtProtocol('factory-test')
    let bProtocols: string[] = []
    for (const deadline = Date.now() + 10_000; !bProtocols.includes(kad) && Date.now() < deadline; ) {
      bProtocols = (await a.peerStore.get(b.peerId)).protocols
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.ok(bProtocols.includes(kad), `b advertises ${kad}`)
    assert.ok(!bProtocols.includes('/ipfs/kad/1.0.0'), 'not on the public Amino DHT')
    assert.equal(a.services.dht?.getMode(), 'server')
    assert.equal(a.services.pubsub.globalSignaturePolicy, 'StrictNoSign')
    // One DHT query, so both sides move bytes on the DHT protocol.
    const closest: string[] = []
    for await (const evt of a.services.dht!.getClosestPeers(randomBytes(32), { signal: AbortSignal.timeout(10_000) })) {
      if (evt.name === 'FINAL_PEER') closest.push(evt.peer.id.toString())
    }
    assert.deepEqual(closest, [b.peerId.toString()])

    for (const [name, reg] of [
      ['a', regA],
      ['b', regB],
    ] as const) {
      const transfer = await reg.getSingleMetric('libp2p_data_transfer_bytes_total')?.get()
      const labels = transfer?.values.map((v) => v.labels.protocol) ?? []
      assert.ok(
        labels.some((l) => String(l).startsWith(kad)),
        `${name}'s own registry counts DHT bytes (${labels.join(', ')})`,
      )
    }
  })

  test('with a datastore, the peer store survives a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tt-peerstore-'))
    try {
      const privateKey = await generateKeyPair('Ed25519')
      const other = await start(new Registry())
      const open = async () => {
        const datastore = new LevelDatastore(join(dir, 'peerstore'))
        await datastore.open()
        const n = await createNodeLibp2p({
          privateKey,
          networkId: 'factory-test',
          profile: 'local',
          listen: ['/ip4/127.0.0.1/tcp/0'],
          bootstrap: [],
          registry: new Registry(),
          datastore,
        })
        return { n, datastore }
      }
      const first = await open()
      await first.n.start()
      await first.n.dial(other.getMultiaddrs())
      await first.n.stop()
      await first.datastore.close()

      const second = await open()
      const known = await second.n.peerStore.get(other.peerId)
      assert.deepEqual(
        known.addresses.map((a) => a.multiaddr.toString()).sort(),
        other.getMultiaddrs().map((ma) => ma.decapsulateCode(CODE_P2P).toString()).sort(),
      )
      await second.datastore.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('stack settings: no DHT when off, process metrics shared by every node registry, bad ping interval refused', async () => {
    const [regA, regB] = [new Registry(), new Registry()]
    const key = async (registry: Registry, dht: 'off' | 'client') =>
      createNodeLibp2p({ privateKey: await generateKeyPair('Ed25519'), networkId: 'factory-test', profile: 'local', listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap: [], registry, dht })
    const off = await key(regA, 'off')
    const client = await key(regB, 'client')
    nodes.push(off, client)
    assert.equal(off.services.dht, undefined, 'dht off: no kad-dht service')
    assert.equal(client.services.dht?.getMode(), 'client')
    // One event-loop monitor per process: both registries hold the same metric object.
    const lagA = regA.getSingleMetric('nodejs_eventloop_lag_seconds')
    assert.ok(lagA !== undefined, 'process metrics are in the node registry')
    assert.equal(lagA, regB.getSingleMetric('nodejs_eventloop_lag_seconds'))
    assert.match(await regA.metrics(), /process_cpu_user_seconds_total/)
    await assert.rejects(
      createNodeLibp2p({ privateKey: await generateKeyPair('Ed25519'), networkId: 'ok', profile: 'local', listen: [], bootstrap: [], registry: new Registry(), pingIntervalMs: -1 }),
      NetworkError,
    )
  })

  test('a network id that cannot be part of a protocol id is refused', async () => {
    await assert.rejects(
      createNodeLibp2p({
        privateKey: await generateKeyPair('Ed25519'),
        networkId: 'Bad/Net',
        profile: 'local',
        listen: [],
        bootstrap: [],
        registry: new Registry(),
      }),
      NetworkError,
    )
    await assert.rejects(
      createNodeLibp2p({
        privateKey: await generateKeyPair('Ed25519'),
        networkId: 'ok',
        profile: 'local',
        listen: [],
        bootstrap: [],
        registry: new Registry(),
        gossip: { D: 2, Dlo: 3 },
      }),
      NetworkError,
    )
  })
})

describe('profiles', () => {
  test('only the local profile relaxes loopback limits, and the DHT mappers keep the right addresses', async () => {
    const id = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const info = { id, multiaddrs: [multiaddr('/ip4/127.0.0.1/tcp/1'), multiaddr('/ip4/8.8.8.8/tcp/1')] }
    const prod = profileSettings('production')
    const local = profileSettings('local')
    assert.equal(prod.ipColocationWhitelist.size, 0)
    assert.deepEqual(prod.connectionManager, {})
    assert.deepEqual([...local.ipColocationWhitelist], ['127.0.0.1'])
    assert.deepEqual(
      prod.dhtPeerInfoMapper(info).multiaddrs.map(String),
      ['/ip4/8.8.8.8/tcp/1'],
    )
    assert.deepEqual(
      local.dhtPeerInfoMapper(info).multiaddrs.map(String),
      ['/ip4/127.0.0.1/tcp/1'],
    )
  })
})
