/**
 * Founding and joining a testnet-profile network with the CLI commands docs/OPERATING.md ("Founding and joining a
 * network") gives an operator, on 127.0.0.1: production profile (no loopback allowances), a genesis 30 days in the
 * past, a first committee published in the config, a bootstrap node, and joiners that `init` against the
 * bootstrap node, then `start`, sync the founder's certificates and certify with it.
 */
import assert from 'node:assert/strict'
import { execFile, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, describe, test } from 'node:test'
import { killAll, type NodeProcess, pickPort, spawnNode, thermotruthBin, waitUntil } from './node-process.js'

const run = promisify(execFile)
const PERIOD_MS = 1500
const DAY_MS = 86_400_000

async function cli(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [thermotruthBin, ...args], { timeout: 120_000 })
  return stdout
}

describe('founding and joining a testnet-profile network', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-testnet-'))
  const spawned: ChildProcess[] = []
  after(async () => {
    await killAll(spawned)
    rmSync(dir, { recursive: true, force: true })
  })

  test('a founder with a published committee and two joiners: joiners mint, sync and certify', async () => {
    // 1. The founders agree on the genesis (here: 30 days ago, aligned to the period) and write the config.
    const config = join(dir, 'testnet-x.json')
    const genesisTime = Math.floor((Date.now() - 30 * DAY_MS) / PERIOD_MS) * PERIOD_MS
    const write = (committee: string[], bootstrap: string[]) =>
      writeFileSync(
        config,
        JSON.stringify({
          network: 'testnet-x',
          profile: 'production',
          genesis: {
            time: genesisTime,
            epochPeriodMs: PERIOD_MS,
            collectFraction: 0.5,
            identityBits: 12,
            // Long enough that a genesis ticket minted today is valid (30 days is ~1.73 M epochs of 1.5 s).
            ticketValidityEpochs: 4_000_000,
            temperatureThreshold: 2,
            seed: 7,
            committee,
          },
          feeds: [{ id: 'eth-usd', source: 'sim:gauss:3000:5' }],
          bootstrap,
        }),
      )
    write([], [])
    // 2. The first committee member initialises its data dir and publishes its author id.
    const founderDir = join(dir, 'founder')
    const founderInit = JSON.parse(await cli(['init', '--config', config, '--data-dir', founderDir, '--workers', '1', '--json']))
    assert.equal(founderInit.genesisTime, genesisTime, 'the data dir pins the config genesis')
    write([founderInit.publicKey], [])
    // 3. The founder runs the bootstrap node (on the internet: --listen /ip4/0.0.0.0/tcp/9400 --announce /dns4/<host>/tcp/9400),
    //    then publishes its address in the config's bootstrap list.
    const port = await pickPort()
    const founder = spawnNode(['--config', config, '--data-dir', founderDir, '--listen', `/ip4/127.0.0.1/tcp/${port}`, '--announce', `/ip4/127.0.0.1/tcp/${port}`, '--api-port', '0'], spawned)
    await founder.started
    await waitUntil(() => founder.certified.length >= 3, 'the founder certifies alone (committee of one)', 60_000, founder.stderrTail)
    assert.match(founder.stderrTail(), /status: no peers, and no bootstrap address/, 'alone, the founder says so')
    write([founderInit.publicKey], [`/ip4/127.0.0.1/tcp/${port}/p2p/${founderInit.peerId}`])
    // 4. Joiners: init against the published config (with its bootstrap list), then start.
    const joiners: NodeProcess[] = []
    for (const name of ['joiner-1', 'joiner-2']) {
      const dataDir = join(dir, name)
      const init = JSON.parse(await cli(['init', '--config', config, '--data-dir', dataDir, '--workers', '1', '--json']))
      assert.equal(init.bits, 12)
      joiners.push(spawnNode(['--config', config, '--data-dir', dataDir, '--listen', '/ip4/127.0.0.1/tcp/0', '--api-port', '0'], spawned))
    }
    await Promise.all(joiners.map((j) => j.started))
    await waitUntil(() => joiners.every((j) => j.synced() > 0), 'every joiner synced the founder certificates', 60_000, () => joiners.map((j) => j.stderrTail()).join('\n---\n'))
    const firstAfter = Math.max(...founder.certified) + 1
    await waitUntil(
      () => joiners.every((j) => j.certified.filter((e) => e >= firstAfter).length >= 3),
      'three certified epochs on every joiner',
      90_000,
      () => joiners.map((j) => j.stderrTail()).join('\n---\n'),
    )
    // The same epochs certified by the founder and the joiners (records compared through the API).
    const common = joiners[0].certified.filter((e) => e >= firstAfter && joiners[1].certified.includes(e) && founder.certified.includes(e)).slice(0, 3)
    assert.ok(common.length > 0, 'some epoch certified by all three')
    for (const epoch of common) {
      const digests = new Set<string>()
      for (const node of [founder, ...joiners]) {
        const { apiUrl } = await node.started
        const body = (await (await fetch(`${apiUrl}/v1/epochs/${epoch}`)).json()) as { recordDigest: string }
        digests.add(body.recordDigest)
      }
      assert.equal(digests.size, 1, `one record for epoch ${epoch}: ${[...digests].join(', ')}`)
    }
    assert.ok(readFileSync(join(dir, 'joiner-1', 'genesis.json'), 'utf8').includes(String(genesisTime)))
  })
})
