import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../packages/node/bin/thermotruth.js', import.meta.url))

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [bin, 'derive-entropy', ...args], { encoding: 'utf8' })
}

interface Row {
  f: number
  byzantine: number
  entropyBits: number
  nEff: number
  temperature: number
  errorSigma: number
  excluded: number
  byzantineWeight: number
}

test('derive-entropy --json prints one object with a row per f and the facts that must hold', () => {
  const nodes = 60
  const out = run(['--json', '--nodes', String(nodes), '--seed', '5', '--trials', '5'])
  assert.equal(out.status, 0, out.stderr)
  const lines = out.stdout.trim().split('\n')
  assert.equal(lines.length, 1, 'exactly one JSON line on stdout')
  const table = JSON.parse(lines[0]!) as { setup: { nodes: number; seed: number; attack: string }; rows: Row[] }
  assert.equal(table.setup.nodes, nodes)
  assert.equal(table.setup.seed, 5)
  assert.deepEqual(
    table.rows.map((r) => r.f),
    [0, 0.1, 0.2, 0.3, 0.4, 0.5],
  )
  for (const r of table.rows) {
    for (const x of [r.entropyBits, r.nEff, r.temperature, r.errorSigma]) assert.ok(Number.isFinite(x) && x >= 0)
    assert.ok(Math.abs(r.nEff - 2 ** r.entropyBits) < 1e-6 * r.nEff + 0.5, 'nEff ≈ 2^H (means of per-trial values)')
    assert.ok(r.nEff <= nodes + 1e-9)
    assert.equal(r.byzantine, Math.round(r.f * nodes))
  }
  const [clean, ...attacked] = table.rows
  // No attackers: almost everyone counts and the error is sampling noise.
  assert.ok(clean!.nEff > 0.8 * nodes, `f=0 nEff ${clean!.nEff}`)
  assert.ok(clean!.errorSigma < 0.5)
  // Below one half, far attackers are cut, so n_eff tracks the honest count and falls as f grows.
  const below = attacked.filter((r) => r.f < 0.5)
  for (const r of below) {
    assert.ok(r.nEff <= nodes - r.byzantine + 1e-9, `f=${r.f}: nEff ${r.nEff} must not exceed the honest count`)
    assert.equal(r.byzantineWeight, 0)
    assert.ok(r.errorSigma < 0.5)
  }
  for (let k = 1; k < below.length; k++) assert.ok(below[k]!.nEff < below[k - 1]!.nEff)
  assert.ok(below[0]!.nEff < clean!.nEff)
})

test('derive-entropy is deterministic for a seed and prints a readable table by default', () => {
  const a = run(['--json', '--nodes', '30', '--trials', '2', '--seed', '9'])
  const b = run(['--json', '--nodes', '30', '--trials', '2', '--seed', '9'])
  assert.equal(a.stdout, b.stdout)
  const text = run(['--nodes', '30', '--trials', '2'])
  assert.equal(text.status, 0, text.stderr)
  assert.match(text.stdout, /n_eff/)
  assert.equal(text.stdout.trim().split('\n').filter((l) => /^\s*0\.\d\d\s/.test(l)).length, 6)
})

test('derive-entropy rejects a bad --nodes with a one-line error and exit 2', () => {
  const out = run(['--nodes', '1'])
  assert.equal(out.status, 2)
  assert.match(out.stderr, /^error: --nodes/m)
  assert.doesNotMatch(out.stderr, /\n\s+at /)
})
