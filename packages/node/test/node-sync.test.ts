import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { encodeFinalityCertificate, encodeProtocolRequest, type FinalityCertificate } from '@thermotruth/protocol'
import { createCertificateVerifier } from '../src/node/certificate-check.js'
import { summarizeCertificate } from '../src/node/epoch-summary.js'
import { syncHistory } from '../src/node/sync.js'
import { certificatesFromResponse, certificatesRequest, serveSyncRequest } from '../src/node/sync-protocol.js'
import { NodeStore } from '../src/store/index.js'
import { certificateChain, certify, committeeSigners, NETWORK, recordFor } from './certificate-fixtures.js'
import { tempDir } from './helpers-tmp.js'

const verify = createCertificateVerifier({ networkId: NETWORK, genesisCommittee: [] })
const committee = committeeSigners(4)

async function storeWith(certificates: FinalityCertificate[], dir: string): Promise<NodeStore> {
  const store = await NodeStore.open(dir, { create: true })
  for (const c of certificates) await store.saveEpoch({ summary: summarizeCertificate(c, 10, 1), bytes: encodeFinalityCertificate(c) })
  return store
}

describe('certificate verifier', () => {
  const chain = certificateChain(0, 3, committee)

  test('accepts a valid chain, with and without the previous certificate', () => {
    assert.equal(verify(chain[0], undefined), undefined)
    assert.equal(verify(chain[1], chain[0]), undefined)
    assert.equal(verify(chain[2], chain[1]), undefined)
  })

  test('rejects a broken chain link, a bad signature, too few endorsements and an outsider committee', () => {
    assert.equal(verify(chain[2], chain[0]), undefined, 'non-adjacent previous: no chain check, still valid')
    const forked = certify(recordFor(2, committee, recordFor(1, committee, undefined)), committee)
    assert.match(verify({ ...forked, record: { ...forked.record, previousRecordDigest: new Uint8Array(32).fill(9) } }, chain[1]) ?? '', /wrong-/)
    const tampered = structuredClone(chain[1])
    tampered.endorsements[0].signature[0] ^= 1
    assert.match(verify(tampered, chain[0]) ?? '', /bad-signature/)
    assert.match(verify(certify(chain[1].record, committee, committee.slice(0, 2)), chain[0]) ?? '', /no-quorum/)
    const outsiders = committeeSigners(4, 50)
    assert.match(verify(certify(recordFor(1, outsiders, chain[0].record), outsiders), chain[0]) ?? '', /wrong-committee/)
  })

  test('epoch 0 must carry the configured genesis committee', () => {
    const genesis = committee.map((c) => Buffer.from(c.publicKey).toString('hex')).sort()
    const strict = createCertificateVerifier({ networkId: NETWORK, genesisCommittee: genesis })
    assert.equal(strict(chain[0], undefined), undefined)
    const others = committeeSigners(4, 20)
    assert.match(strict(certify(recordFor(0, others, undefined), others), undefined) ?? '', /genesis committee/)
    assert.match(createCertificateVerifier({ networkId: 'other', genesisCommittee: [] })(chain[0], undefined) ?? '', /wrong-network/)
  })
})

describe('history sync over the sync protocol', () => {
  test('a late joiner fetches, verifies and stores everything it missed', async () => {
    const a = tempDir('sync-a')
    const b = tempDir('sync-b')
    const chain = certificateChain(0, 70, committee)
    const server = await storeWith(chain, a.dir)
    const joiner = await storeWith(chain.slice(0, 5), b.dir)
    try {
      const progress: number[] = []
      const result = await syncHistory({
        fromEpoch: 5,
        untilEpoch: 70,
        previous: chain[4],
        peers: () => ['peer-a'],
        request: (_peer, bytes) => serveSyncRequest(bytes, server, () => new Uint8Array()),
        verify,
        save: async (c) => joiner.saveEpoch({ summary: summarizeCertificate(c, 0, 1), bytes: encodeFinalityCertificate(c) }),
        onProgress: (fetched) => progress.push(fetched),
        batch: 16,
      })
      assert.equal(result.fetched.length, 65)
      assert.deepEqual(result.failedPeers, [])
      assert.equal(await joiner.latestEpoch(), 69)
      assert.deepEqual((await joiner.getEpoch(69))?.bytes, encodeFinalityCertificate(chain[69]))
      assert.equal(progress.at(-1), 65)
    } finally {
      await server.close()
      await joiner.close()
      a.cleanup()
      b.cleanup()
    }
  })

  test('a peer serving a forged certificate is dropped and an honest peer finishes the sync', async () => {
    const h = tempDir('sync-honest')
    const e = tempDir('sync-evil')
    const chain = certificateChain(0, 10, committee)
    const forged = structuredClone(chain)
    forged[6].record.feeds[0].values[0] = 1e9 // changes the record digest: endorsements no longer match
    const honest = await storeWith(chain, h.dir)
    const evil = await storeWith(forged, e.dir)
    try {
      const saved: number[] = []
      const result = await syncHistory({
        fromEpoch: 1,
        untilEpoch: 10,
        previous: chain[0],
        peers: () => ['evil', 'honest'],
        request: (peer, bytes) => serveSyncRequest(bytes, peer === 'evil' ? evil : honest, () => new Uint8Array()),
        verify,
        save: async (c) => {
          saved.push(c.record.epoch)
        },
      })
      assert.deepEqual(result.failedPeers, ['evil'])
      assert.deepEqual(saved, [1, 2, 3, 4, 5, 6, 7, 8, 9])
      assert.equal(result.fetched[5].record.feeds[0].values[0], chain[6].record.feeds[0].values[0])
    } finally {
      await honest.close()
      await evil.close()
      h.cleanup()
      e.cleanup()
    }
  })

  test('garbage requests get an error response, and other request kinds go to the engine', async () => {
    const t = tempDir('sync-garbage')
    const store = await NodeStore.open(t.dir, { create: true })
    try {
      const answer = certificatesFromResponse(await serveSyncRequest(Uint8Array.of(0xff, 0x00, 0x13), store, () => new Uint8Array()))
      assert.match(String(answer), /peer error: bad request/)
      const empty = certificatesFromResponse(await serveSyncRequest(certificatesRequest(0, 10), store, () => new Uint8Array()))
      assert.deepEqual(empty, [])
      assert.match(String(certificatesFromResponse(Uint8Array.of(1, 2, 3))), /malformed response/)
      const fetch = encodeProtocolRequest({ kind: 'fetch-proposals', epoch: 3, authors: [] })
      let forwarded: Uint8Array | undefined
      const reply = await serveSyncRequest(fetch, store, (bytes) => {
        forwarded = bytes
        return Uint8Array.of(42)
      })
      assert.deepEqual(forwarded, fetch)
      assert.deepEqual(reply, Uint8Array.of(42))
    } finally {
      await store.close()
      t.cleanup()
    }
  })
})
