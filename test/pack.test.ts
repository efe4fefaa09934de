/**
 * Issue 11, item 7: `pnpm pack` of the four packages gives tarballs that install together into an empty folder
 * (npm, no workspace, no checkout around it) and run `thermotruth`. Needs the npm registry for third-party
 * dependencies: skips, saying so, when it is unreachable.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const PACKAGES = ['pow', 'anneal', 'protocol', 'node']

function registryReason(): string | false {
  if (process.env.THERMOTRUTH_SKIP_PACK_TEST) return 'THERMOTRUTH_SKIP_PACK_TEST is set'
  const ping = spawnSync('npm', ['ping'], { encoding: 'utf8', timeout: 30_000 })
  return ping.status === 0 ? false : `npm registry unreachable (npm ping: ${(ping.stderr || String(ping.error)).trim().split('\n').at(-1)})`
}

describe('pnpm pack: the CLI installs from tarballs into an empty folder', { skip: registryReason() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-pack-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('pack four tarballs, npm install them together, run thermotruth --version, --help and start --dump-config', () => {
    const tarballs = join(dir, 'tarballs')
    mkdirSync(tarballs)
    for (const pkg of PACKAGES) {
      const out = spawnSync('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(ROOT, 'packages', pkg), encoding: 'utf8', timeout: 120_000 })
      assert.equal(out.status, 0, out.stderr)
    }
    const files = readdirSync(tarballs).sort()
    assert.equal(files.length, 4, files.join(' '))
    const nodeTarball = files.find((f) => f.startsWith('thermotruth-node-'))!
    const listing = spawnSync('tar', ['-tzf', join(tarballs, nodeTarball)], { encoding: 'utf8' }).stdout
    assert.match(listing, /package\/bin\/thermotruth\.js/)
    assert.match(listing, /package\/dist\/src\/cli\/index\.js/)
    assert.match(listing, /package\/configs\/local\.json/)
    assert.doesNotMatch(listing, /package\/dist\/test\//, 'compiled tests stay out of the tarball')
    assert.ok(!readdirSync(join(ROOT, 'packages/node')).includes('configs'), 'postpack removed the configs copy')

    const app = join(dir, 'app')
    mkdirSync(app)
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty', private: true }))
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...files.map((f) => join(tarballs, f))], { cwd: app, encoding: 'utf8', timeout: 600_000 })
    assert.equal(install.status, 0, install.stderr.slice(-2000))

    const bin = join(app, 'node_modules/.bin/thermotruth')
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000 })
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(ROOT, 'packages/node/package.json'), 'utf8')) as { version: string }).version)
    const help = spawnSync(bin, ['--help'], { encoding: 'utf8', timeout: 60_000 })
    assert.equal(help.status, 0, help.stderr)
    assert.match(help.stdout, /Usage: thermotruth <command>/)
    // The bundled network configs travel in the tarball: start resolves configs/local.json from the package.
    const dump = spawnSync(bin, ['start', '--data-dir', join(dir, 'dd'), '--dump-config'], { encoding: 'utf8', timeout: 60_000 })
    assert.equal(dump.status, 0, dump.stderr)
    assert.match((JSON.parse(dump.stdout) as { 'network-config': string })['network-config'], /node_modules\/@thermotruth\/node\/configs\/local\.json$/)
  })
})
