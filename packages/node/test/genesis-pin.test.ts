import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { generateIdentityKey, genesisHash, mineTicket, ticketToJson } from '@thermotruth/pow'
import { decodeFinalityCertificate } from '@thermotruth/protocol'
import { ConfigError, GENESIS_FILE, readPinnedGenesis, resolveSettings } from '../src/config/index.js'
import { createDataDir } from '../src/node/data-dir-parent.js'
import { initDataDir } from '../src/node/identity.js'
import { ThermoNode } from '../src/node/thermo-node.js'
import { StoreError } from '../src/store/errors.js'
import type { EpochSummary } from '../src/store/index.js'
import { assertOneLineError, cli } from './cli-helpers.js'
import { tempDir } from './helpers-tmp.js'
import { waitFor } from './node-fixtures.js'

const DAY_MS = 86_400_000

function writeConfig(path: string, over: { network?: string; time?: number | 'utc-midnight'; epochPeriodMs?: number; hash?: string } = {}): string {
  writeFileSync(
    path,
    JSON.stringify({
      network: over.network ?? 'local',
      profile: 'local',
      genesis: {
        time: over.time ?? 'utc-midnight',
        epochPeriodMs: over.epochPeriodMs ?? 1000,
        collectFraction: 0.5,
        identityBits: 8,
        ticketValidityEpochs: 2 ** 31,
        temperatureThreshold: 1e6,
        seed: 7,
        committee: [],
        ...(over.hash ? { hash: over.hash } : {}),
      },
      feeds: [{ id: 'eth-usd', source: 'sim:gauss:3000:5' }],
    }),
  )
  return path
}

describe('stable genesis: pinned in the data dir', () => {
  const t = tempDir('genesis-pin')
  after(() => t.cleanup())

  test('a utc-midnight genesis is pinned by init and survives the next midnight', async () => {
    const config = writeConfig(join(t.dir, 'midnight.json'))
    const dataDir = join(t.dir, 'a')
    const day1 = Date.UTC(2026, 11, 7, 23, 59, 0)
    const first = resolveSettings({ config, dataDir, now: () => day1 })
    assert.equal(first.genesisTime, Date.UTC(2026, 11, 7))
    const init = await initDataDir(dataDir, first.config, { workers: 1 })
    assert.equal(init.genesisTime, Date.UTC(2026, 11, 7))
    assert.deepEqual(readPinnedGenesis(dataDir), { network: 'local', time: Date.UTC(2026, 11, 7), hash: Buffer.from(genesisHash('local')).toString('hex') })
    const nextDay = resolveSettings({ config, dataDir, now: () => day1 + DAY_MS })
    assert.equal(nextDay.genesisTime, Date.UTC(2026, 11, 7), 'the pin wins over the rule the next day')
    // A fresh data dir the next day founds its own genesis: only the pin makes a dir stable.
    assert.equal(resolveSettings({ config, dataDir: join(t.dir, 'fresh'), now: () => day1 + DAY_MS }).genesisTime, Date.UTC(2026, 11, 8))
  })

  test('init refuses a data dir of another network, genesis hash or genesis time, with one line', async () => {
    const config = writeConfig(join(t.dir, 'fixed.json'), { time: 1_000_000 })
    const dataDir = join(t.dir, 'b')
    await initDataDir(dataDir, resolveSettings({ config, dataDir }).config, { workers: 1 })
    const other = writeConfig(join(t.dir, 'other.json'), { network: 'other-net', time: 1_000_000 })
    assert.throws(() => resolveSettings({ config: other, dataDir }), (e: unknown) => e instanceof ConfigError && /belongs to network 'local'.*not 'other-net'/.test(e.message))
    const rehashed = writeConfig(join(t.dir, 'rehashed.json'), { time: 1_000_000, hash: 'ab'.repeat(32) })
    assert.throws(() => resolveSettings({ config: rehashed, dataDir }), (e: unknown) => e instanceof ConfigError && /genesis hash/.test(e.message))
    const moved = writeConfig(join(t.dir, 'moved.json'), { time: 2_000_000 })
    assert.throws(() => resolveSettings({ config: moved, dataDir }), (e: unknown) => e instanceof ConfigError && /founded with genesis time 1000000/.test(e.message))
    // An explicit --genesis-time wins at start (launchers found a network per run) but init refuses to re-pin.
    const explicit = resolveSettings({ config, dataDir, genesisTime: 5_000_000 })
    assert.equal(explicit.genesisTime, 5_000_000)
    await assert.rejects(initDataDir(dataDir, explicit.config, { workers: 1 }), (e: unknown) => e instanceof ConfigError && /founded with genesis time 1000000/.test(e.message))
    const cliOut = await cli(['init', '--data-dir', dataDir, '--config', other])
    assertOneLineError(cliOut, /belongs to network 'local'/)
  })

  test('a legacy data dir holding another network ticket is refused, not re-ticketed', async () => {
    const config = writeConfig(join(t.dir, 'legacy.json'), { time: 0 })
    const dataDir = join(t.dir, 'c')
    await initDataDir(dataDir, resolveSettings({ config, dataDir }).config, { workers: 1 })
    const before = readFileSync(join(dataDir, 'node.key'))
    writeFileSync(join(dataDir, GENESIS_FILE), '') // simulate a pre-pinning data dir: no usable pin...
    assert.throws(() => resolveSettings({ config, dataDir }), ConfigError, 'an unreadable pin is an error, not silently replaced')
    const other = writeConfig(join(t.dir, 'legacy-other.json'), { network: 'other-net', time: 0 })
    const { rmSync } = await import('node:fs')
    rmSync(join(dataDir, GENESIS_FILE))
    await assert.rejects(initDataDir(dataDir, resolveSettings({ config: other, dataDir }).config, { workers: 1 }), (e: unknown) => e instanceof StoreError && /belongs to network 'local'/.test(e.message))
    assert.deepEqual(readFileSync(join(dataDir, 'node.key')), before)
  })

  test('init checks the parent before creating: an impossible path fails at once with one line', async () => {
    assert.throws(() => createDataDir('/proc/nope/dd'), (e: unknown) => e instanceof StoreError && /cannot create data dir \/proc\/nope\/dd/.test(e.message))
    const file = join(t.dir, 'a-file')
    writeFileSync(file, 'x')
    assert.throws(() => createDataDir(join(file, 'dd')), (e: unknown) => e instanceof StoreError && /is not a directory/.test(e.message))
    const nested = join(t.dir, 'x', 'y', 'z')
    createDataDir(nested)
    assert.ok(readPinnedGenesis(nested) === undefined)
    assertOneLineError(await cli(['init', '--data-dir', '/proc/nope/dd', '--workers', '1']), /cannot create data dir/)
  })

  test('init --ticket imports a ticket minted elsewhere, and refuses one for another key or network', async () => {
    const config = writeConfig(join(t.dir, 'import.json'), { time: 0 })
    const key = generateIdentityKey()
    const { ticket } = await mineTicket({ networkId: 'local', publicKey: key.publicKey, anchor: genesisHash('local'), anchorEpoch: 0, bits: 8 }, { workers: 1 })
    const ticketFile = join(t.dir, 'ticket.json')
    writeFileSync(ticketFile, JSON.stringify(ticketToJson(ticket)))
    writeFileSync(`${ticketFile}.key`, `${Buffer.from(key.secretKey).toString('hex')}\n`)
    const dataDir = join(t.dir, 'imported')
    const out = await cli(['init', '--data-dir', dataDir, '--config', config, '--ticket', ticketFile, '--json'])
    assert.equal(out.code, 0, out.stderr)
    const result = JSON.parse(out.stdout)
    assert.equal(result.publicKey, Buffer.from(key.publicKey).toString('hex'))
    assert.equal(result.hashes, 0)
    assert.equal(result.imported, true)
    // Another data dir already has its own key: the ticket binds a different one.
    const own = join(t.dir, 'own')
    await initDataDir(own, resolveSettings({ config, dataDir: own }).config, { workers: 1 })
    assertOneLineError(await cli(['init', '--data-dir', own, '--config', config, '--ticket', ticketFile]), /ticket was minted for key/)
    const other = writeConfig(join(t.dir, 'import-other.json'), { network: 'other-net', time: 0 })
    assertOneLineError(await cli(['init', '--data-dir', join(t.dir, 'imp2'), '--config', other, '--ticket', ticketFile]), /wrong-network/)
  })

  test('a founder restarted with its clock a day later keeps certifying the same chain', async () => {
    const config = writeConfig(join(t.dir, 'restart.json'), { epochPeriodMs: 800 })
    const dataDir = join(t.dir, 'founder')
    let offset = 0
    const now = () => Date.now() + offset
    await initDataDir(dataDir, resolveSettings({ config, dataDir, now }).config, { workers: 1 })
    const run = async (): Promise<{ node: ThermoNode; epochs: EpochSummary[] }> => {
      const epochs: EpochSummary[] = []
      const settings = resolveSettings({ config, dataDir, now, apiPort: 0 })
      const node = await ThermoNode.start({ settings, api: false, now, syncWaitMs: 0, onEpoch: (s) => epochs.push(s) })
      return { node, epochs }
    }
    const first = await run()
    let lastBefore: EpochSummary
    try {
      await waitFor(() => first.epochs.filter((e) => !e.approximate).length >= 2, 'two certified epochs before the restart', 30_000)
      lastBefore = first.epochs.filter((e) => !e.approximate).at(-1)!
    } finally {
      await first.node.stop()
    }
    offset = DAY_MS
    const second = await run()
    try {
      await waitFor(() => second.epochs.filter((e) => !e.approximate).length >= 2, 'two certified epochs after the restart', 30_000)
      assert.equal(second.node.genesisTime, first.node.genesisTime, 'same genesis after midnight')
      const firstAfter = second.epochs.find((e) => !e.approximate)!
      assert.ok(firstAfter.epoch > lastBefore!.epoch + 1000, 'the clock moved a day of epochs on')
      const stored = await second.node.store.getEpoch(firstAfter.epoch)
      const cert = decodeFinalityCertificate(stored!.bytes)
      assert.equal(Buffer.from(cert.record.previousRecordDigest).toString('hex'), lastBefore!.recordDigest, 'the first record after the restart chains onto the last one before it')
    } finally {
      await second.node.stop()
    }
  })
})
