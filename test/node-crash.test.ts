import assert from 'node:assert/strict'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { thermotruthBin as bin, writeTestNetworkConfig } from './node-process.js'

const EPOCH_MS = 1000

interface Running {
  child: ChildProcess
  apiUrl: Promise<string>
  certified: number[]
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Starts `thermotruth start --json`: stdout carries one JSON object, stderr one line per finalized epoch. */
function startNode(args: string[]): Running {
  const child = spawn(process.execPath, [bin, 'start', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const certified: number[] = []
  let stdout = ''
  let stderrTail = ''
  const apiUrl = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      const line = stdout.split('\n')[0]
      if (stdout.includes('\n')) resolve(JSON.parse(line).apiUrl)
    })
    child.once('exit', () => reject(new Error(`node exited before starting: ${stderrTail}`)))
  })
  apiUrl.catch(() => {})
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8')
    stderrTail = (stderrTail + text).slice(-2000)
    for (const match of text.matchAll(/\bepoch (\d+) certified\b/g)) certified.push(Number(match[1]))
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return { child, apiUrl, certified, exited }
}

async function waitFor(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

test('a node killed with SIGKILL restarts with every epoch it announced as certified', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-crash-'))
  const running: Running[] = []
  try {
    const config = join(dir, 'net.json')
    writeTestNetworkConfig(config, EPOCH_MS, 3)
    const dataDir = join(dir, 'node')
    const init = spawnSync(process.execPath, [bin, 'init', '--config', config, '--data-dir', dataDir, '--workers', '1', '--json'], { encoding: 'utf8' })
    assert.equal(init.status, 0, init.stderr)
    const author = JSON.parse(init.stdout).publicKey as string
    const genesisTime = Math.floor(Date.now() / EPOCH_MS) * EPOCH_MS - 5 * EPOCH_MS
    const args = ['--config', config, '--data-dir', dataDir, '--genesis-time', String(genesisTime), '--genesis-committee', author]

    const first = startNode(args)
    running.push(first)
    await first.apiUrl
    await waitFor(() => first.certified.length >= 4, 'four certified epochs', 45_000)
    first.child.kill('SIGKILL')
    assert.equal((await first.exited).signal, 'SIGKILL')
    const announced = [...first.certified]

    const second = startNode(args)
    running.push(second)
    const apiUrl = await second.apiUrl
    for (const epoch of announced) {
      const response = await fetch(`${apiUrl}/v1/epochs/${epoch}`)
      assert.equal(response.status, 200, `epoch ${epoch} announced before the kill is missing after restart`)
      const summary = (await response.json()) as { epoch: number; approximate: boolean }
      assert.equal(summary.epoch, epoch)
      assert.equal(summary.approximate, false)
      assert.equal((await fetch(`${apiUrl}/v1/certificates/${epoch}`)).status, 200)
    }
    const verified = spawnSync(process.execPath, [bin, 'verify', String(announced.at(-1)), '--config', config, '--api-url', apiUrl, '--json'], { encoding: 'utf8' })
    assert.equal(verified.status, 0, verified.stderr)
    assert.equal(JSON.parse(verified.stdout).valid, true)
    await waitFor(() => second.certified.some((e) => e > announced.at(-1)!), 'a new certified epoch after the restart', 45_000)

    second.child.kill('SIGTERM')
    assert.equal((await second.exited).code, 0, 'clean stop on SIGTERM')
  } finally {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})
