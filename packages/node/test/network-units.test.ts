import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import fc from 'fast-check'
import { NetworkError, PeerBanList, authorOf, createConnectionGater, peerIdOf } from '../src/index.js'
import { PeerManager } from '../src/network/peer-manager.js'

describe('authorOf / peerIdOf', () => {
  test('map a real Ed25519 identity both ways', async () => {
    const key = await generateKeyPair('Ed25519')
    const peerId = peerIdFromPrivateKey(key).toString()
    const author = authorOf(peerId)
    assert.equal(author, Buffer.from(key.publicKey.raw).toString('hex'))
    assert.equal(peerIdOf(author), peerId)
  })

  test('round-trip any 32-byte key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (raw) => {
        const author = Buffer.from(raw).toString('hex')
        assert.equal(authorOf(peerIdOf(author)), author)
      }),
    )
  })

  test('bad input is a typed error', async () => {
    const rsaLike = peerIdFromPrivateKey(await generateKeyPair('secp256k1')).toString()
    for (const [fn, input, code] of [
      [authorOf, 'not-a-peer-id', 'INVALID_PEER_ID'],
      [authorOf, rsaLike, 'INVALID_PEER_ID'],
      [peerIdOf, 'abcd', 'INVALID_AUTHOR'],
      [peerIdOf, 'Z'.repeat(64), 'INVALID_AUTHOR'],
    ] as const) {
      assert.throws(() => fn(input), (err: unknown) => err instanceof NetworkError && err.code === code)
    }
  })
})

describe('PeerBanList and connection gater', () => {
  test('a ban lasts exactly its cooldown and the gater follows it', async () => {
    let now = 1000
    const bans = new PeerBanList(() => now)
    const gater = createConnectionGater(bans)
    const peer = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    assert.equal(gater.denyDialPeer?.(peer), false)
    bans.ban(peer.toString(), 'bad ticket', 500)
    assert.equal(gater.denyDialPeer?.(peer), true)
    now = 1499
    assert.equal(bans.isBanned(peer.toString()), true)
    assert.deepEqual(
      bans.records().map((r) => r.reason),
      ['bad ticket'],
    )
    now = 1500
    assert.equal(gater.denyDialPeer?.(peer), false)
    assert.deepEqual(bans.records(), [])
  })

  test('remembers at most maxRecords peers, dropping the oldest', () => {
    const bans = new PeerBanList(() => 0, 3)
    for (const id of ['a', 'b', 'c', 'd', 'e']) bans.ban(id, 'x', 1000)
    assert.deepEqual(
      bans.records().map((r) => r.peerId),
      ['c', 'd', 'e'],
    )
  })
})

describe('PeerManager options', () => {
  const components = {
    node: { dial: async () => assert.fail(), hangUp: async () => {}, getConnections: () => [], addEventListener: () => {}, removeEventListener: () => {} },
    dht: { getClosestPeers: async function* () {} },
    score: () => 0,
    isBanned: () => false,
    log: () => {},
  } as unknown as ConstructorParameters<typeof PeerManager>[0]

  test('rejects inverted watermarks and bootstrap addresses without a peer id', () => {
    assert.throws(() => new PeerManager(components, { bootstrap: [], lowWatermark: 5, highWatermark: 4 }), NetworkError)
    assert.throws(() => new PeerManager(components, { bootstrap: ['/ip4/127.0.0.1/tcp/1'], lowWatermark: 1, highWatermark: 4 }), NetworkError)
  })
})
