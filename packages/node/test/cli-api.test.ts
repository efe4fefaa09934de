import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type ApiServer, startApiServer } from '../src/api/index.js'
import { NodeStore } from '../src/store/index.js'
import { FakeBackend } from './api-fixture.js'
import { assertOneLineError, cli } from './cli-helpers.js'
import { tempDir } from './helpers-tmp.js'

describe('thermotruth status and report against an API', () => {
  const t = tempDir('cli-api')
  let store: NodeStore
  let backend: FakeBackend
  let server: ApiServer
  before(async () => {
    store = await NodeStore.open(join(t.dir, 'db'), { create: true })
    backend = new FakeBackend(store, 1)
    server = await startApiServer(backend, { host: '127.0.0.1', port: 0 })
  })
  after(async () => {
    await server.close()
    await store.close()
    t.cleanup()
  })

  test('status prints the node view; an unreachable node is one line', async () => {
    const out = await cli(['status', '--api-url', server.url])
    assert.equal(out.code, 0, out.stderr)
    assert.match(out.stdout, /network\s+local/)
    assert.equal(JSON.parse((await cli(['status', '--api-url', server.url, '--json'])).stdout).engine.epoch, 7)
    assertOneLineError(await cli(['status', '--api-url', 'http://127.0.0.1:1']), /cannot reach the node/)
    assertOneLineError(await cli(['status', '--data-dir', join(t.dir, 'none')]), /no running node found/)
  })

  test('report signs with a data-dir client key, gets 202, and a full mempool is a retry hint', async () => {
    const dataDir = join(t.dir, 'client')
    const out = await cli(['report', '--feed', 'eth-usd', '--value', '3001.5', '--api-url', server.url, '--data-dir', dataDir, '--json'])
    assert.equal(out.code, 0, out.stderr)
    assert.equal(JSON.parse(out.stdout).status, 'pending')
    assert.equal(statSync(join(dataDir, 'client.key')).mode & 0o777, 0o600)
    const [submitted] = backend.mempool
    assert.equal(submitted.feed, 'eth-usd')
    assert.deepEqual([...submitted.values], [3001.5])
    assertOneLineError(await cli(['report', '--feed', 'eth-usd', '--value', '1', '--api-url', server.url, '--data-dir', dataDir]), /mempool is full/)
    assertOneLineError(await cli(['report', '--feed', 'nope', '--value', '1', '--api-url', server.url, '--data-dir', dataDir]), /unknown feed/)
  })
})
