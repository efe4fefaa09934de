import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createNodeKey, type EpochSummary, loadNodeKey, NODE_KEY_FILE, NodeStore, StoreError } from '../src/store/index.js'
import { tempDir } from './helpers-tmp.js'

function summary(epoch: number): EpochSummary {
  return {
    epoch,
    approximate: false,
    feeds: [{ feed: 'eth-usd', values: [3000 + epoch], temperature: 1.5, entropyBits: 2, freeEnergy: -1, nEff: 4 }],
    includedAuthors: 4,
    reportCount: 1,
    nextDifficulty: 8,
    recordDigest: epoch.toString(16).padStart(64, '0'),
    endorsements: 3,
    committeeSize: 4,
    latencyMs: 120,
    finalizedAt: 1_700_000_000_000 + epoch,
  }
}

describe('NodeStore', () => {
  test('an epoch write stores bytes, summary and report states together, readable after reopen', async () => {
    const { dir, cleanup } = tempDir('store')
    try {
      const store = await NodeStore.open(dir, { create: true })
      await store.putReport('r1', { status: 'pending', feed: 'eth-usd', submittedAt: 1 })
      for (const epoch of [3, 10, 2]) {
        await store.saveEpoch({
          summary: summary(epoch),
          bytes: Uint8Array.of(epoch, 1, 2),
          reports: epoch === 10 ? [{ id: 'r1', state: { status: 'finalized', feed: 'eth-usd', submittedAt: 1, epoch } }] : [],
        })
      }
      await store.close()
      const reopened = await NodeStore.open(dir, { create: false })
      assert.equal(await reopened.latestEpoch(), 10)
      assert.deepEqual((await reopened.getEpoch(3))?.bytes, Uint8Array.of(3, 1, 2))
      assert.deepEqual((await reopened.getEpoch(3))?.summary, summary(3))
      assert.equal(await reopened.getEpoch(4), undefined)
      assert.deepEqual(
        (await reopened.recentSummaries(2)).map((s) => s.epoch),
        [10, 3],
      )
      assert.deepEqual(
        (await reopened.epochsFrom(3, 10)).map((e) => e.summary.epoch),
        [3, 10],
      )
      assert.deepEqual(await reopened.getReport('r1'), { status: 'finalized', feed: 'eth-usd', submittedAt: 1, epoch: 10 })
      await reopened.close()
    } finally {
      cleanup()
    }
  })

  test('a process killed right after saveEpoch returns keeps the epoch (abrupt close, no db.close)', async () => {
    const { dir, cleanup } = tempDir('store-kill')
    try {
      const storeModule = fileURLToPath(new URL('../src/store/index.js', import.meta.url))
      const script = `
        const { NodeStore } = await import(${JSON.stringify(storeModule)})
        const store = await NodeStore.open(${JSON.stringify(dir)}, { create: true })
        for (let e = 0; e < 5; e++) await store.saveEpoch({ summary: { epoch: e, approximate: false, feeds: [], includedAuthors: 1, reportCount: 0, nextDifficulty: 1, recordDigest: '00', endorsements: 1, committeeSize: 1, latencyMs: 1, finalizedAt: 1 }, bytes: Uint8Array.of(e) })
        process.kill(process.pid, 'SIGKILL')`
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
      assert.equal(run.signal, 'SIGKILL', run.stderr)
      const store = await NodeStore.open(dir, { create: false })
      assert.equal(await store.latestEpoch(), 4)
      assert.deepEqual((await store.getEpoch(4))?.bytes, Uint8Array.of(4))
      await store.close()
    } finally {
      cleanup()
    }
  })

  test('a second open of the same dir is a one-line "in use" StoreError', async () => {
    const { dir, cleanup } = tempDir('store-lock')
    try {
      const store = await NodeStore.open(dir, { create: true })
      await assert.rejects(NodeStore.open(dir, { create: false }), (error: unknown) => {
        assert.ok(error instanceof StoreError)
        assert.equal(error.code, 'locked')
        assert.match(error.message, /in use by another thermotruth process/)
        assert.doesNotMatch(error.message, /\n/)
        return true
      })
      await store.close()
    } finally {
      cleanup()
    }
  })

  test('a corrupt database is a one-line StoreError that says to move the dir aside', async () => {
    const { dir, cleanup } = tempDir('store-corrupt')
    try {
      const store = await NodeStore.open(dir, { create: true })
      await store.saveEpoch({ summary: summary(1), bytes: Uint8Array.of(1) })
      await store.close()
      for (const name of readdirSync(dir).filter((n) => n.startsWith('MANIFEST') || n === 'CURRENT')) {
        writeFileSync(join(dir, name), 'garbage without newline')
      }
      await assert.rejects(NodeStore.open(dir, { create: false }), (error: unknown) => {
        assert.ok(error instanceof StoreError)
        assert.match(error.message, /move it aside/)
        assert.doesNotMatch(error.message, /\n/)
        return true
      })
    } finally {
      cleanup()
    }
  })

  test('opening a dir without a database (no init) says to run init', async () => {
    const { dir, cleanup } = tempDir('store-missing')
    try {
      await assert.rejects(NodeStore.open(join(dir, 'db'), { create: false }), /run 'thermotruth init' first/)
    } finally {
      cleanup()
    }
  })

  test('the node key round-trips through the store and node.key is mode 0600', async () => {
    const { dir, cleanup } = tempDir('store-key')
    try {
      const store = await NodeStore.open(join(dir, 'db'), { create: true })
      assert.equal(await loadNodeKey(dir, store), undefined)
      const key = await createNodeKey(dir, store)
      assert.equal(statSync(join(dir, NODE_KEY_FILE)).mode & 0o777, 0o600)
      const loaded = await loadNodeKey(dir, store)
      assert.ok(loaded?.equals(key))
      await store.close()
    } finally {
      cleanup()
    }
  })
})
