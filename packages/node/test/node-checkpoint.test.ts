import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { encodeFinalityCertificate, type FinalityCertificate, recordDigest } from '@thermotruth/protocol'
import { parseCheckpoint } from '../src/config/index.js'
import { createCertificateVerifier } from '../src/node/certificate-check.js'
import { summarizeCertificate } from '../src/node/epoch-summary.js'
import { syncHistory } from '../src/node/sync.js'
import { serveSyncRequest } from '../src/node/sync-protocol.js'
import { NodeStore } from '../src/store/index.js'
import { certificateChain, certify, committeeSigners, NETWORK, recordFor } from './certificate-fixtures.js'
import { tempDir } from './helpers-tmp.js'

const committee = committeeSigners(4)
const chain = certificateChain(0, 12, committee)
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const checkpoint = { epoch: 5, recordDigest: hex(recordDigest(chain[5].record)) }

/** Another chain from epoch 3 on, validly signed by its own committee: what a dishonest peer might serve. */
function otherChain(): FinalityCertificate[] {
  const others = committeeSigners(4, 30)
  const out = chain.slice(0, 3)
  let previous = chain[2].record
  for (let epoch = 3; epoch < 12; epoch++) {
    const record = { ...recordFor(epoch, others, previous), feeds: [{ ...recordFor(epoch, others, previous).feeds[0], values: Float64Array.of(1e6 + epoch) }] }
    out.push(certify(record, others))
    previous = record
  }
  return out
}

async function storeWith(certificates: FinalityCertificate[], dir: string): Promise<NodeStore> {
  const store = await NodeStore.open(dir, { create: true })
  for (const c of certificates) await store.saveEpoch({ summary: summarizeCertificate(c, 10, 1), bytes: encodeFinalityCertificate(c) })
  return store
}

describe('trusted checkpoint', () => {
  test('parses EPOCH:DIGEST and names the source of a bad one', () => {
    assert.deepEqual(parseCheckpoint(`5:${checkpoint.recordDigest}`, '--checkpoint'), checkpoint)
    assert.throws(() => parseCheckpoint('5:abc', '--checkpoint'), /--checkpoint: expected EPOCH:DIGEST/)
  })

  test('the verifier accepts the checkpoint record, refuses older epochs, another record, and what does not chain to it', () => {
    const verify = createCertificateVerifier({ networkId: NETWORK, genesisCommittee: [], checkpoint })
    assert.equal(verify(chain[5], undefined), undefined)
    assert.match(verify(chain[4], undefined) ?? '', /^before-checkpoint/)
    assert.match(verify(otherChain()[5], undefined) ?? '', /^wrong-checkpoint/)
    assert.equal(verify(chain[6], chain[5]), undefined)
    assert.equal(verify(chain[7], chain[6]), undefined)
    assert.match(verify(chain[7], chain[5]) ?? '', /^not-chained: epoch 7 does not link to the certified record of epoch 5/)
    assert.match(verify(chain[7], undefined) ?? '', /^not-chained/)
    assert.match(verify(chain[7], chain[3]) ?? '', /^not-chained/)
    // Without a checkpoint, the same non-adjacent certificate is trusted on first use (the old rule, unchanged).
    assert.equal(createCertificateVerifier({ networkId: NETWORK, genesisCommittee: [] })(chain[7], chain[5]), undefined)
  })

  test('a joiner with a checkpoint syncs from it, refuses a peer serving another chain, and finishes from an honest one', async () => {
    const h = tempDir('cp-honest')
    const e = tempDir('cp-evil')
    const honest = await storeWith(chain, h.dir)
    const evil = await storeWith(otherChain(), e.dir)
    const log: string[] = []
    const saved: number[] = []
    try {
      const result = await syncHistory({
        fromEpoch: 0,
        untilEpoch: 12,
        previous: undefined,
        peers: () => ['evil', 'honest'],
        request: (peer, bytes) => serveSyncRequest(bytes, peer === 'evil' ? evil : honest, () => new Uint8Array()),
        verify: createCertificateVerifier({ networkId: NETWORK, genesisCommittee: [], checkpoint }),
        save: async (c) => {
          saved.push(c.record.epoch)
        },
        log: (l) => log.push(l),
      })
      assert.deepEqual(result.failedPeers, ['evil'])
      assert.deepEqual(saved, [5, 6, 7, 8, 9, 10, 11])
      assert.ok(log.some((l) => l.startsWith('sync: starting at the trusted checkpoint, epoch 5')))
      assert.ok(log.some((l) => /dropping evil: invalid certificate \(epoch 5: wrong-checkpoint/.test(l)), log.join('\n'))
      assert.ok(!log.some((l) => l.includes('trusting the first certificate')))
    } finally {
      await honest.close()
      await evil.close()
      h.cleanup()
      e.cleanup()
    }
  })

  test('without a checkpoint the log says the first certificate is trusted on first use', async () => {
    const h = tempDir('cp-tofu')
    const honest = await storeWith(chain, h.dir)
    const log: string[] = []
    try {
      await syncHistory({
        fromEpoch: 0,
        untilEpoch: 12,
        previous: undefined,
        peers: () => ['honest'],
        request: (_peer, bytes) => serveSyncRequest(bytes, honest, () => new Uint8Array()),
        verify: createCertificateVerifier({ networkId: NETWORK, genesisCommittee: [] }),
        save: async () => {},
        log: (l) => log.push(l),
      })
      assert.equal(log.filter((l) => l.startsWith('sync: no trusted checkpoint; trusting the first certificate fetched (epoch 0)')).length, 1)
    } finally {
      await honest.close()
      h.cleanup()
    }
  })
})
