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
