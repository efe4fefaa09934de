import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type ApiNode, startApiNode } from './api-node.js'
import { assertOneLineError, cli } from './cli-helpers.js'
import { tempDir } from './helpers-tmp.js'

describe('thermotruth status and report against a running node', () => {
  const t = tempDir('cli-api')
  let api: ApiNode
  before(async () => {
    api = await startApiNode(64)
  })
  after(async () => {
    await api.close()
    t.cleanup()
  })

  test('status prints the node view; an unreachable node is one line', async () => {
    const out = await cli(['status', '--api-url', api.url])
    assert.equal(out.code, 0, out.stderr)
    assert.match(out.stdout, /network\s+local/)
    assert.match(out.stdout, new RegExp(`peer id\\s+${api.node.network.peerId}`))
    assert.equal(JSON.parse((await cli(['status', '--api-url', api.url, '--json'])).stdout).peerId, api.node.network.peerId)
    assertOneLineError(await cli(['status', '--api-url', 'http://127.0.0.1:1']), /cannot reach the node/)
    assertOneLineError(await cli(['status', '--data-dir', join(t.dir, 'none')]), /no running node found/)
  })

  test('report signs with a data-dir client key and waits until the report is finalized', async () => {
    const dataDir = join(t.dir, 'client')
    const out = await cli(['report', '--feed', 'eth-usd', '--value', '3001.5', '--api-url', api.url, '--data-dir', dataDir, '--wait', '--json'])
    assert.equal(out.code, 0, out.stderr)
    const state = JSON.parse(out.stdout)
    assert.equal(state.status, 'finalized')
    assert.equal(typeof state.epoch, 'number')
    const stored = await api.node.store.getEpoch(state.epoch)
    assert.ok(stored !== undefined && stored.summary.reportCount >= 1)
    assert.equal(statSync(join(dataDir, 'client.key')).mode & 0o777, 0o600)
    assertOneLineError(await cli(['report', '--feed', 'nope', '--value', '1', '--api-url', api.url, '--data-dir', dataDir]), /unknown feed/)
  })
})
