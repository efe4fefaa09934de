/**
 * Issue 11, item 6: --version, shell completion, the --settings operator file and --dump-config, pow mint on the
 * node's own key and network, --out checked before mining, report --wait-seconds, a stale api.json.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { thermotruthBin, writeTestNetworkConfig } from './node-process.js'

function cli(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, [thermotruthBin, ...args], { encoding: 'utf8', timeout: 60_000, env })
  return { status: out.status, stdout: out.stdout, stderr: out.stderr }
}

function assertOneLineError(out: { status: number | null; stderr: string }, exit: number, pattern: RegExp): void {
  assert.equal(out.status, exit, out.stderr)
  assert.match(out.stderr, /^error: /)
  assert.match(out.stderr, pattern)
  assert.doesNotMatch(out.stderr, /\n\s+at /)
}

describe('thermotruth operator CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-cli-op-'))
  const config = join(dir, 'net.json')
  writeTestNetworkConfig(config, 1000, 3)
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('--version prints the version of @thermotruth/node', () => {
    const pkg = JSON.parse(readFileSync(join(thermotruthBin, '../../package.json'), 'utf8')) as { version: string }
    const out = cli(['--version'])
    assert.equal(out.status, 0, out.stderr)
    assert.equal(out.stdout.trim(), pkg.version)
    assert.notEqual(pkg.version, 'unknown')
  })

  test('completion prints a shell script, and the script’s query lists matching commands', () => {
    const script = cli(['completion'])
    assert.equal(script.status, 0, script.stderr)
    assert.match(script.stdout, /--get-yargs-completions/)
    assert.match(script.stdout, /complete .*thermotruth/)
    const words = cli(['--get-yargs-completions', 'thermotruth', 'st'])
    assert.equal(words.status, 0, words.stderr)
    const listed = words.stdout.split('\n').map((l) => l.split(':')[0])
    assert.ok(listed.includes('start') && listed.includes('status'), words.stdout)
  })

  test('--settings sets any flag of the command; the command line wins; an unknown key is refused', () => {
    const settings = join(dir, 'sim.json')
    writeFileSync(settings, JSON.stringify({ nodes: 5, epochs: 1 }))
    const fromFile = cli(['sim', '--settings', settings, '--json'])
    assert.equal(fromFile.status, 0, fromFile.stderr)
    assert.equal(JSON.parse(fromFile.stdout).nodes, 5)
    const overridden = cli(['sim', '--settings', settings, '--nodes', '4', '--json'])
    assert.equal(JSON.parse(overridden.stdout).nodes, 4)
    const typo = join(dir, 'typo.json')
    writeFileSync(typo, JSON.stringify({ nodez: 5 }))
    const refused = cli(['sim', '--settings', typo, '--json'])
    assert.equal(refused.status, 2)
    assert.match(refused.stderr, /^error: Unknown argument: nodez/)
    writeFileSync(typo, '{ not json')
    assertOneLineError(cli(['sim', '--settings', typo]), 2, /--settings .*typo\.json: not valid JSON/)
    assertOneLineError(cli(['sim', '--settings', join(dir, 'missing.json')]), 2, /--settings .*missing\.json: cannot read it \(ENOENT\)/)
  })

  test('start --dump-config prints the effective settings, usable as a --settings file', () => {
    const settings = join(dir, 'node.json')
    writeFileSync(settings, JSON.stringify({ 'api-port': 9555, 'log-level': 'debug', 'data-dir': join(dir, 'dd') }))
    const dump = cli(['start', '--settings', settings, '--network-config', config, '--listen', '/ip4/127.0.0.1/tcp/0', '--dump-config'], { ...process.env, THERMOTRUTH_LOG_FORMAT: 'json' })
    assert.equal(dump.status, 0, dump.stderr)
    const effective = JSON.parse(dump.stdout) as Record<string, unknown>
    assert.equal(effective['api-port'], 9555, 'from the settings file')
    assert.equal(effective['log-level'], 'debug')
    assert.equal(effective['log-format'], 'json', 'from THERMOTRUTH_LOG_FORMAT')
    assert.deepEqual(effective.listen, ['/ip4/127.0.0.1/tcp/0'], 'from the command line')
    assert.equal(effective['network-config'], config)
    assert.equal(effective.network, 'local')
    assert.equal(effective['api-host'], '127.0.0.1', 'a resolved default')
    // Round trip: the dump, fed back as a settings file, gives the same dump.
    const saved = join(dir, 'dumped.json')
    writeFileSync(saved, dump.stdout)
    const again = cli(['start', '--settings', saved, '--dump-config'])
    assert.equal(again.status, 0, again.stderr)
    assert.deepEqual(JSON.parse(again.stdout), effective)
    // --config keeps meaning the network spec on start.
    const legacy = cli(['start', '--config', config, '--data-dir', join(dir, 'dd'), '--dump-config'])
    assert.equal(legacy.status, 0, legacy.stderr)
    assert.equal(JSON.parse(legacy.stdout)['network-config'], config)
  })

  test("pow mint reads the node's key file (libp2p protobuf) and binds the ticket to the node's network", () => {
    const dataDir = join(dir, 'minted')
    const init = cli(['init', '--data-dir', dataDir, '--network-config', config, '--json'])
    assert.equal(init.status, 0, init.stderr)
    const { publicKey } = JSON.parse(init.stdout) as { publicKey: string }
    const ticket = join(dir, 'ticket.json')
    const viaDataDir = cli(['pow', 'mint', '--data-dir', dataDir, '--bits', '6', '--out', ticket, '--json'])
    assert.equal(viaDataDir.status, 0, viaDataDir.stderr)
    const minted = JSON.parse(viaDataDir.stdout) as { publicKey: string; network: string; keyFile: string }
    assert.equal(minted.publicKey, publicKey, "the ticket binds the node's own key")
    assert.equal(minted.network, 'local', "the node's network id, not pow's 'thermotruth-local'")
    assert.equal(JSON.parse(readFileSync(ticket, 'utf8')).networkId, 'local')
    const viaKey = cli(['pow', 'mint', '--key', join(dataDir, 'node.key'), '--bits', '4', '--out', join(dir, 'ticket2.json'), '--json'])
    assert.equal(viaKey.status, 0, viaKey.stderr)
    assert.equal(JSON.parse(viaKey.stdout).publicKey, publicKey)
    const verified = cli(['pow', 'verify', ticket])
    assert.equal(verified.status, 0, verified.stderr)
  })

  test('pow mint checks --out before mining', () => {
    const missingDir = cli(['pow', 'mint', '--bits', '30', '--out', join(dir, 'no-such-dir', 't.json')])
    assertOneLineError(missingDir, 2, /--out .*: directory .*no-such-dir does not exist/)
    assert.doesNotMatch(missingDir.stderr, /mining/, 'refused before any hashing')
    assertOneLineError(cli(['pow', 'mint', '--bits', '30', '--out', dir]), 2, /--out .*: is a directory/)
    assertOneLineError(cli(['pow', 'mint', '--bits', '4', '--key', config, '--out', join(dir, 't3.json')]), 2, /is neither a node key .* nor 64 hex/)
  })

  test('report refuses a negative --wait-seconds', () => {
    assertOneLineError(cli(['report', '--api-url', 'http://127.0.0.1:9', '--feed', 'eth-usd', '--value', '1', '--wait', '--wait-seconds', '-1']), 2, /--wait-seconds must be a number of seconds in \(0, 86400\], got -1/)
  })

  test('status names a stale api.json (its process is gone)', () => {
    const dataDir = join(dir, 'stale')
    // A pid that is certainly not running: a child that has already exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    rmSync(dataDir, { recursive: true, force: true })
    spawnSync(process.execPath, ['-e', `require('fs').mkdirSync(${JSON.stringify(dataDir)})`])
    writeFileSync(join(dataDir, 'api.json'), JSON.stringify({ url: 'http://127.0.0.1:9', pid: Number(gone.stdout) }))
    assertOneLineError(cli(['status', '--data-dir', dataDir]), 1, /api\.json is stale: process \d+ that wrote it is not running/)
  })
})
