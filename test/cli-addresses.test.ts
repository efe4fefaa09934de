/**
 * Issue 11, item 1: every bad address, port or peer id given to `start` is one line on stderr that names the flag
 * and says what to write, with exit code 1 or 2, and no stack trace. Before the fix each of these was an
 * "unexpected error (please report it)" with a stack (exit 70), and `--bootstrap ""` was accepted.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { thermotruthBin } from './node-process.js'

const PEER = '12D3KooWGRUVh7hLkmjgYaF4mxvcqwCCiCyjBr6vZwFxQ2pjqeBd'

function start(args: string[], dataDir: string): { status: number | null; stderr: string; stdout: string } {
  const out = spawnSync(process.execPath, [thermotruthBin, 'start', '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 30_000 })
  return { status: out.status, stderr: out.stderr, stdout: out.stdout }
}

describe('start: bad addresses, ports and peer ids are one-line errors naming the flag', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-cli-addr-'))
  let busy: Server
  let busyPort = 0
  before(async () => {
    busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    busyPort = (busy.address() as { port: number }).port
  })
  after(async () => {
    await new Promise((resolve) => busy.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  const cases: Array<{ what: string; args: () => string[]; flag: string; says: RegExp; exit: number }> = [
    { what: 'a malformed --listen', args: () => ['--listen', 'foo'], flag: '--listen', says: /not a valid multiaddr.*expected e\.g\. \/ip4\//, exit: 2 },
    { what: 'a --listen with a bad IPv4', args: () => ['--listen', '/ip4/1.2.3/tcp/1'], flag: '--listen', says: /not a valid multiaddr/, exit: 2 },
    { what: 'a --listen port above 65535', args: () => ['--listen', '/ip4/127.0.0.1/tcp/70000'], flag: '--listen', says: /not a valid multiaddr/, exit: 2 },
    { what: 'a QUIC --listen', args: () => ['--listen', '/ip4/127.0.0.1/udp/4001/quic-v1'], flag: '--listen', says: /only TCP is supported/, exit: 2 },
    { what: 'a --listen with a peer id', args: () => ['--listen', `/ip4/127.0.0.1/tcp/0/p2p/${PEER}`], flag: '--listen', says: /nothing may follow the TCP port/, exit: 2 },
    { what: 'a malformed --announce', args: () => ['--announce', 'foo'], flag: '--announce', says: /not a valid multiaddr/, exit: 2 },
    { what: 'a UDP --announce', args: () => ['--announce', '/ip4/203.0.113.7/udp/9400'], flag: '--announce', says: /only TCP is supported/, exit: 2 },
    { what: 'a malformed --bootstrap', args: () => ['--bootstrap', 'foo'], flag: '--bootstrap', says: /not a valid multiaddr/, exit: 2 },
    { what: 'a --bootstrap without /p2p/<id>', args: () => ['--bootstrap', '/ip4/127.0.0.1/tcp/4001'], flag: '--bootstrap', says: /needs \/p2p\/<peer id>/, exit: 2 },
    { what: 'a --bootstrap with a bad peer id', args: () => ['--bootstrap', '/ip4/127.0.0.1/tcp/4001/p2p/notapeerid'], flag: '--bootstrap', says: /is not a peer id/, exit: 2 },
    { what: 'an empty --bootstrap', args: () => ['--bootstrap', ''], flag: '--bootstrap', says: /empty address/, exit: 2 },
    { what: 'a --listen port already in use', args: () => ['--listen', `/ip4/127.0.0.1/tcp/${busyPort}`], flag: '--listen', says: /already in use.*pick another port/, exit: 1 },
  ]

  for (const c of cases) {
    test(c.what, () => {
      const dataDir = join(dir, c.what.replace(/\W+/g, '-'))
      const out = start(c.args(), dataDir)
      assert.equal(out.status, c.exit, out.stderr)
      assert.equal(out.stderr.trimEnd().split('\n').length, 1, `one line, got: ${out.stderr}`)
      assert.ok(out.stderr.startsWith(`error: ${c.flag} `), out.stderr)
      assert.match(out.stderr, c.says)
      assert.doesNotMatch(out.stderr, /\n\s+at |unexpected error/)
      assert.equal(out.stdout, '')
      assert.equal(existsSync(dataDir), false, 'refused before the data dir is created')
    })
  }

  test('an address from the network config file is named by its file and key', () => {
    const config = join(dir, 'bad-bootstrap.json')
    const local = JSON.parse(readFileSync(fileURLToPath(new URL('../../configs/local.json', import.meta.url)), 'utf8')) as object
    writeFileSync(config, JSON.stringify({ ...local, bootstrap: ['/ip4/127.0.0.1/tcp/1'] }))
    const out = start(['--network-config', config], join(dir, 'from-config'))
    assert.equal(out.status, 2, out.stderr)
    assert.match(out.stderr, /^error: .*bad-bootstrap\.json: bootstrap: \/ip4\/127\.0\.0\.1\/tcp\/1: needs \/p2p\/<peer id>/)
  })
})
