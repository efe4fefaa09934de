/**
 * Issue 11, item 2, end to end: a `start --json --log-format json --log-file F` process keeps stdout to its one
 * JSON object, logs JSON records (banner first) to stderr and the same records to F, and a SIGINT, with its
 * stdout and stderr readers gone (Ctrl-C under `| tee`), still stops the node cleanly.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { killAll, thermotruthBin, waitUntil, writeTestNetworkConfig } from './node-process.js'

interface Record_ {
  level: string
  time: string
  msg: string
  [key: string]: unknown
}

const parseLines = (text: string): Record_[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record_)

describe('start: logging and shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-cli-log-'))
  const spawned: ChildProcess[] = []
  const config = join(dir, 'net.json')
  writeTestNetworkConfig(config, 1000, 11)
  // Genesis now, as the crash tests do: with the config's genesis time 0 the epoch numbers are ~1.8e9, and the first
  // certified epoch then stalled the node's event loop for about a minute on this machine.
  const genesis = ['--genesis-time', String(Date.now())]
  after(async () => {
    await killAll(spawned)
    rmSync(dir, { recursive: true, force: true })
  })

  test('json logs on stderr and in --log-file, banner first, stdout one JSON object; SIGINT with closed pipes cleans up', async () => {
    const dataDir = join(dir, 'node')
    const logFile = join(dir, 'node.log')
    const args = ['start', '--json', '--network-config', config, '--data-dir', dataDir, '--api-port', '0', '--log-format', 'json', '--log-file', logFile, ...genesis]
    const child = spawn(process.execPath, [thermotruthBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    spawned.push(child)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

    // Certified or approximate (a loaded machine may miss a deadline): either is an epoch record.
    const epochsIn = (text: string): number => (text.match(/"msg":"epoch \d+ (certified|approx)/g) ?? []).length
    await waitUntil(() => epochsIn(stderr) >= 2 || child.exitCode !== null, 'two finalized epochs', 60_000, () => stderr.slice(-800))
    assert.equal(child.exitCode, null, stderr)

    const summary = JSON.parse(stdout) as { peerId: string; apiUrl: string }
    assert.match(summary.peerId, /^12D3KooW/)
    assert.equal(stdout.trim().split('\n').length, 1, 'stdout holds exactly the start summary')

    const records = parseLines(stderr.slice(0, stderr.lastIndexOf('\n') + 1))
    assert.match(records[0]!.msg, /^thermotruth \d+\.\d+\.\d+ starting: network 'local'/, 'the banner is the first record')
    for (const r of records) {
      assert.ok(['debug', 'info', 'warn', 'error'].includes(r.level), JSON.stringify(r))
      assert.ok(!Number.isNaN(Date.parse(r.time)), JSON.stringify(r))
    }
    const epoch = records.find((r) => /^epoch \d+ (certified|approx)/.test(r.msg))!
    assert.equal(epoch.approximate, /approx/.test(epoch.msg))
    assert.equal(typeof epoch.epoch, 'number')
    const withheld = records.filter((r) => /not endorsing/.test(r.msg))
    assert.ok(withheld.length <= 2, `'not endorsing' is not repeated every epoch: ${withheld.map((r) => r.msg).join(' | ')}`)

    const inFile = parseLines(readFileSync(logFile, 'utf8'))
    assert.deepEqual(
      inFile.slice(0, records.length).map((r) => r.msg),
      records.map((r) => r.msg),
      'the log file holds the same records',
    )

    assert.ok(existsSync(join(dataDir, 'api.json')))
    // Ctrl-C under `| tee`: the reader of the pipes is gone before the signal lands.
    child.stdout!.destroy()
    child.stderr!.destroy()
    child.kill('SIGINT')
    assert.equal(await exited, 0, 'a clean stop exits 0')
    assert.equal(existsSync(join(dataDir, 'api.json')), false, 'the clean-up ran: api.json removed')
    // An epoch stored while the node flushes may land between the two.
    const messages = parseLines(readFileSync(logFile, 'utf8')).map((r) => r.msg)
    assert.ok(messages.includes('SIGINT: stopping (closing the store and sockets)'), messages.slice(-3).join(' | '))
    assert.equal(messages.at(-1), 'stopped')
  })

  test('--log-level warn keeps info records out', async () => {
    const dataDir = join(dir, 'quiet')
    const logFile = join(dir, 'quiet.log')
    const child = spawn(
      process.execPath,
      [thermotruthBin, 'start', '--json', '--network-config', config, '--data-dir', dataDir, '--api-port', '0', '--log-format', 'json', '--log-level', 'warn', '--log-file', logFile, ...genesis],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    spawned.push(child)
    let stdout = ''
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    await waitUntil(() => stdout.includes('\n') || child.exitCode !== null, 'the start summary', 60_000)
    // A few epochs pass: each would be an info record.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
    const records = parseLines(readFileSync(logFile, 'utf8'))
    for (const r of records) assert.ok(['warn', 'error', 'fatal'].includes(r.level), JSON.stringify(r))
    assert.equal(records.filter((r) => /^epoch \d+ (certified|approx)/.test(r.msg)).length, 0)
  })
})
