import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../packages/node/bin/thermotruth.js', import.meta.url))

function sim(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'sim', ...args], { encoding: 'utf8', timeout: 120_000 })
}

const KEYS = ['nodes', 'epochs', 'certifiedEpochs', 'approximateEpochs', 'allHonestAgreed', 'honestSpreadMax', 'errorSigma', 'finalityMs', 'messagesPerNodePerEpoch', 'bytesPerNodePerEpoch']

describe('thermotruth sim', () => {
  test('--json prints exactly one JSON object with the shared summary keys; progress goes to stderr', () => {
    const out = sim('--nodes', '12', '--epochs', '3', '--json')
    assert.equal(out.status, 0, out.stderr)
    const lines = out.stdout.trim().split('\n')
    assert.equal(lines.length, 1)
    const summary = JSON.parse(lines[0])
    for (const key of KEYS) assert.ok(key in summary, `missing ${key}`)
    assert.equal(summary.nodes, 12)
    assert.equal(summary.certifiedEpochs, 3)
    assert.equal(summary.honestSpreadMax, 0)
    assert.ok(summary.finalityMs.p50 > 0 && summary.finalityMs.p99 >= summary.finalityMs.p50)
    assert.match(out.stderr, /sim 12 nodes/)
  })

  test('the same seed prints byte-identical JSON; a Byzantine run reports its attack', () => {
    const args = ['--nodes', '10', '--epochs', '3', '--byzantine', '0.2', '--attack', 'alie', '--seed', '7', '--jitter', '20', '--json']
    const a = sim(...args)
    const b = sim(...args)
    assert.equal(a.status, 0, a.stderr)
    assert.equal(a.stdout, b.stdout)
    const summary = JSON.parse(a.stdout)
    assert.equal(summary.attack, 'alie')
    assert.equal(summary.byzantineNodes, 2)
  })

  test('--hosts shares CPU queues among the nodes and the summary reports CPU and queue figures', () => {
    const out = sim('--nodes', '8', '--epochs', '2', '--hosts', '2', '--json')
    assert.equal(out.status, 0, out.stderr)
    const summary = JSON.parse(out.stdout)
    assert.equal(summary.cpuQueue.hosts, 2)
    assert.ok(summary.cpuMsPerNodePerEpoch > 0)
    assert.ok(summary.cpuQueue.utilisationMax > 0 && summary.cpuQueue.utilisationMax <= 1)
  })

  test('bad arguments are one-line usage errors with exit code 2', () => {
    for (const args of [
      ['--nodes', '0'],
      ['--attack', 'nonsense', '--byzantine', '0.1'],
      ['--byzantine', '0.2'],
      ['--loss', '1.5'],
      ['--nodes', '4', '--hosts', '5'],
      ['--cpu-scale', '-1'],
    ]) {
      const out = sim(...args, '--json')
      assert.equal(out.status, 2, `${args.join(' ')}: ${out.stderr}`)
      assert.match(out.stderr, /^error: /m)
      assert.equal(out.stdout, '')
    }
  })
})
