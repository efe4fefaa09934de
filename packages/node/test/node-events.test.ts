import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { decodeFinalityCertificate } from '@thermotruth/protocol'
import { EngineEventSink } from '../src/node/event-sink.js'
import { type EpochSummary, NodeStore } from '../src/store/index.js'
import { certificateChain, committeeSigners } from './certificate-fixtures.js'
import { tempDir } from './helpers-tmp.js'

describe('engine event sink', () => {
  test('an epoch is announced only once durable, with report outcomes in the same batch', async () => {
    const t = tempDir('sink')
    const store = await NodeStore.open(t.dir, { create: true })
    try {
      const announced: Array<{ summary: EpochSummary; storedAtAnnounce: boolean }> = []
      const pending: Promise<void>[] = []
      const sink = new EngineEventSink(store, {
        onFinalized: (summary) => {
          pending.push(store.getEpoch(summary.epoch).then((s) => void announced.push({ summary, storedAtAnnounce: s !== undefined })))
        },
        onPenalty: () => {},
        onEquivocation: () => {},
        onProposed: () => {},
        log: () => {},
        now: () => 1234,
        epochStartMs: (epoch) => 1000 + epoch * 10,
      })
      const [c0, c1] = certificateChain(0, 2, committeeSigners(4))
      await store.putReport('early', { status: 'pending', feed: 'eth-usd', submittedAt: 5 })
      sink.handle({ type: 'report', reportId: 'early', status: 'finalized', epoch: 0 })
      sink.handle({ type: 'certified', certificate: c0, latencyMs: 250 })
      sink.handle({ type: 'report', reportId: 'late', status: 'finalized', epoch: 0 })
      sink.handle({ type: 'report', reportId: 'bad', status: 'rejected', reason: 'bad-signature' })
      sink.handle({ type: 'certified', certificate: c1, latencyMs: 300 })
      await sink.flushed()
      await Promise.all(pending)

      assert.deepEqual(
        announced.map((a) => [a.summary.epoch, a.storedAtAnnounce]),
        [
          [0, true],
          [1, true],
        ],
      )
      const stored = await store.getEpoch(0)
      assert.deepEqual(decodeFinalityCertificate(stored!.bytes), c0)
      assert.equal(stored!.summary.latencyMs, 234, 'latency from the epoch start by the driver clock')
      assert.equal(stored!.summary.endorsements, 4)
      assert.deepEqual(await store.getReport('early'), { status: 'finalized', feed: 'eth-usd', submittedAt: 5, epoch: 0 })
      assert.equal((await store.getReport('late'))?.status, 'finalized')
      assert.deepEqual(await store.getReport('bad'), { status: 'rejected', feed: '', submittedAt: 1234, reason: 'bad-signature' })
    } finally {
      await store.close()
      t.cleanup()
    }
  })
})
