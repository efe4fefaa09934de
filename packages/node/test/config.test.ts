import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { BUNDLED_CONFIGS_DIR, bundledConfigPath, ConfigError, defaultDataDir, loadNetworkConfig, parseNetworkConfig, resolveGenesisTime } from '../src/config/index.js'
import { tempDir } from './helpers-tmp.js'

const valid = () => ({
  network: 'local',
  profile: 'local',
  genesis: {
    time: 'utc-midnight',
    epochPeriodMs: 2000,
    collectFraction: 0.5,
    identityBits: 16,
    ticketValidityEpochs: 100,
    temperatureThreshold: 100,
    seed: 1,
    committee: [],
  },
  feeds: [{ id: 'eth-usd', source: 'sim:gauss:3000:5' }],
  bootstrap: [],
  listen: ['/ip4/127.0.0.1/tcp/0'],
})

function rejectsWith(json: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseNetworkConfig(json, 'x.json'),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError)
      assert.match(error.message, /^x\.json: /)
      assert.match(error.message, pattern)
      assert.doesNotMatch(error.message, /\n/)
      return true
    },
  )
}

describe('network config', () => {
  test('both bundled configs load and validate', () => {
    const local = loadNetworkConfig(bundledConfigPath('local'))
    assert.equal(local.network, 'local')
    assert.equal(local.profile, 'local')
    assert.deepEqual(local.bootstrap, [])
    const testnet = loadNetworkConfig(bundledConfigPath('testnet'))
    assert.equal(testnet.network, 'testnet-1')
    assert.equal(testnet.profile, 'production')
    assert.equal(testnet.genesis.identityBits, 20)
    assert.deepEqual(testnet.bootstrap, [], 'no fake bootstrap addresses in the template')
  })

  test('a valid object parses with defaults filled in', () => {
    const config = parseNetworkConfig({ ...valid(), profile: undefined, listen: undefined }, 'x.json')
    assert.equal(config.profile, 'production')
    assert.deepEqual(config.listen, [])
    assert.deepEqual(config.feeds, [{ id: 'eth-usd', source: 'sim:gauss:3000:5' }])
  })

  test('bad fields name their path', () => {
    rejectsWith([], /\(root\): expected an object/)
    rejectsWith({ ...valid(), extra: 1 }, /extra: unknown field/)
    rejectsWith({ ...valid(), network: 'Bad Name' }, /network: /)
    rejectsWith({ ...valid(), genesis: { ...valid().genesis, epochPeriodMs: 'fast' } }, /genesis\.epochPeriodMs: expected a number/)
    rejectsWith({ ...valid(), genesis: { ...valid().genesis, identityBits: 1.5 } }, /genesis\.identityBits: expected an integer/)
    rejectsWith({ ...valid(), genesis: { ...valid().genesis, time: 'tomorrow' } }, /genesis\.time: /)
    rejectsWith({ ...valid(), genesis: { ...valid().genesis, committee: ['zz'] } }, /genesis\.committee\[0\]/)
    rejectsWith({ ...valid(), feeds: [] }, /feeds: expected a non-empty array/)
    rejectsWith({ ...valid(), feeds: [{ id: 'a', source: 'sim:gauss:x:1' }] }, /feeds\[0\]\.source: /)
    rejectsWith({ ...valid(), feeds: [{ id: 'a', source: 'ftp://x' }] }, /feeds\[0\]\.source: .*unknown source/)
    rejectsWith({ ...valid(), feeds: [valid().feeds[0], valid().feeds[0]] }, /feeds\[1\]\.id: duplicate/)
    rejectsWith({ ...valid(), bootstrap: [3] }, /bootstrap\[0\]: expected a non-empty string/)
    rejectsWith({ ...valid(), profile: 'fast' }, /profile: expected one of production, local/)
  })

  test('unreadable and malformed files are one-line errors with the path', () => {
    const { dir, cleanup } = tempDir('config')
    try {
      const missing = join(dir, 'nope.json')
      assert.throws(() => loadNetworkConfig(missing), (e: Error) => e instanceof ConfigError && e.message.startsWith(`${missing}: cannot read`))
      const bad = join(dir, 'bad.json')
      writeFileSync(bad, '{"network": ')
      assert.throws(() => loadNetworkConfig(bad), (e: Error) => e instanceof ConfigError && e.message.startsWith(`${bad}: not valid JSON`))
    } finally {
      cleanup()
    }
  })

  test('bundledConfigPath refuses unknown networks and path tricks', () => {
    assert.throws(() => bundledConfigPath('nope'), /no bundled config for network 'nope'/)
    assert.throws(() => bundledConfigPath('../etc/passwd'), /expected a name/)
    assert.ok(bundledConfigPath('local').startsWith(BUNDLED_CONFIGS_DIR))
  })

  test('genesis time rules and the default data dir', () => {
    const now = Date.UTC(2026, 10, 24, 11, 50, 3)
    assert.equal(resolveGenesisTime('utc-midnight', now), Date.UTC(2026, 10, 24))
    assert.equal(resolveGenesisTime(12345, now), 12345)
    assert.equal(defaultDataDir('local', '/home/op'), '/home/op/.thermotruth/local')
  })
})
