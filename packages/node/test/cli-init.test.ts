import assert from 'node:assert/strict'
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { assertOneLineError, cli } from './cli-helpers.js'
import { tempDir } from './helpers-tmp.js'

describe('thermotruth init', () => {
  const t = tempDir('cli-init')
  after(() => t.cleanup())

  test('creates the data dir, a 0600 node key and a ticket; a second run is a no-op', async () => {
    const dataDir = join(t.dir, 'node')
    const first = await cli(['init', '--data-dir', dataDir, '--workers', '1', '--json'])
    assert.equal(first.code, 0, first.stderr)
    const created = JSON.parse(first.stdout)
    assert.equal(created.network, 'local')
    assert.equal(created.bits, 16)
    assert.ok(created.hashes > 0)
    assert.equal(statSync(join(dataDir, 'node.key')).mode & 0o777, 0o600)
    const second = JSON.parse((await cli(['init', '--data-dir', dataDir, '--json'])).stdout)
    assert.equal(second.peerId, created.peerId)
    assert.equal(second.hashes, 0)
  })

  test('config problems are one line', async () => {
    assertOneLineError(await cli(['init', '--data-dir', join(t.dir, 'x'), '--config', join(t.dir, 'missing.json')]), /config file/i)
    const bad = join(t.dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ network: 'local', genesis: { time: 'soon' }, feeds: [] }))
    assertOneLineError(await cli(['init', '--data-dir', join(t.dir, 'x'), '--config', bad]), /bad\.json: genesis\.time/)
    assertOneLineError(await cli(['init', '--network', 'nowhere']), /no bundled config for network 'nowhere'/)
    assertOneLineError(await cli(['init', '--no-such-flag']), /Unknown argument/)
  })
})

