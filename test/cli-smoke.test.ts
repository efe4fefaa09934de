import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../packages/node/bin/thermotruth.js', import.meta.url))

test('thermotruth --help lists usage and exits 0', () => {
  const out = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })
  assert.equal(out.status, 0, out.stderr)
  assert.match(out.stdout, /thermotruth/)
  assert.match(out.stdout, /THERMOTRUTH_/)
})

test('an unknown flag is a one-line usage error with exit code 2, not a stack trace', () => {
  const out = spawnSync(process.execPath, [bin, '--no-such-flag'], { encoding: 'utf8' })
  assert.equal(out.status, 2)
  assert.match(out.stderr, /^error: /m)
  assert.doesNotMatch(out.stderr, /\n\s+at /)
})

test('a stray THERMOTRUTH_* variable is ignored with a warning; one that names a flag still sets it', () => {
  const stray = spawnSync(process.execPath, [bin, 'derive-entropy', '--json'], { encoding: 'utf8', env: { ...process.env, THERMOTRUTH_NO_SUCH_FLAG: '1', THERMOTRUTH_PROCESSES: '7' } })
  assert.equal(stray.status, 0, stray.stderr)
  assert.match(stray.stderr, /warning: ignoring THERMOTRUTH_NO_SUCH_FLAG/)
  assert.match(stray.stderr, /warning: ignoring THERMOTRUTH_PROCESSES/, 'a flag of another command (swarm) is stray for this one')
  JSON.parse(stray.stdout)
  const flag = spawnSync(process.execPath, [bin, 'sim', '--epochs', '1', '--json'], { encoding: 'utf8', env: { ...process.env, THERMOTRUTH_NODES: '5' } })
  assert.equal(flag.status, 0, flag.stderr)
  assert.doesNotMatch(flag.stderr, /warning/)
  assert.equal(JSON.parse(flag.stdout).nodes, 5, 'THERMOTRUTH_NODES sets --nodes of sim')
})
