/**
 * One `thermotruth start --json` OS process, watched from outside like an operator would: stdout carries one JSON
 * object (API url, listen addresses), stderr one line per finalized epoch. Not a test file; crash tests use it to
 * run several nodes and `kill -9` some of them. Every process it spawns is tracked so a failing test can kill
 * exactly those PIDs and no others.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

export const thermotruthBin = fileURLToPath(new URL('../../packages/node/bin/thermotruth.js', import.meta.url))

export interface StartedInfo {
  apiUrl: string
  listen: string[]
  peerId: string
}

export interface NodeProcess {
  readonly child: ChildProcess
  /** Resolves once the node prints its start summary; rejects if it exits first. */
  readonly started: Promise<StartedInfo>
  /** Epochs this process announced as certified / approximate, in announcement order. */
  readonly certified: number[]
  readonly approximate: number[]
  /** Certificates fetched and verified by the start-up history sync (its log line), 0 until it reports. */
  synced(): number
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Last few KiB of stderr, for failure messages. */
  stderrTail(): string
  alive(): boolean
}

export interface SpawnOptions {
  /** Added to the parent's environment. */
  env?: Record<string, string>
  /** Every complete stderr line, as it arrives (a test can act on a log line at once). */
  onLine?: (line: string) => void
}

export function spawnNode(args: string[], spawned: ChildProcess[], opts: SpawnOptions = {}): NodeProcess {
  const env = opts.env === undefined ? undefined : { ...process.env, ...opts.env }
  const child = spawn(process.execPath, [thermotruthBin, 'start', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env })
  spawned.push(child)
  const certified: number[] = []
  const approximate: number[] = []
  let synced = 0
  let tail = ''
  let partial = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8')
    tail = (tail + text).slice(-4000)
    // Lines can split across chunks: parse complete lines only.
    const lines = (partial + text).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      opts.onLine?.(line)
      const match = /\bepoch (\d+) (certified|approx)\b/.exec(line)
      if (match) (match[2] === 'certified' ? certified : approximate).push(Number(match[1]))
      const sync = /sync: fetched and verified (\d+) certificates/.exec(line)
      if (sync) synced += Number(sync[1])
    }
  })
  let stdout = ''
  const started = new Promise<StartedInfo>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      const end = stdout.indexOf('\n')
      if (end >= 0) resolve(JSON.parse(stdout.slice(0, end)) as StartedInfo)
    })
    child.once('exit', (code, signal) => reject(new Error(`node exited (${code ?? signal}) before starting: ${tail}`)))
  })
  started.catch(() => {})
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return {
    child,
    started,
    certified,
    approximate,
    synced: () => synced,
    exited,
    stderrTail: () => tail,
    alive: () => child.exitCode === null && child.signalCode === null,
  }
}

/** Kills (SIGKILL) every still-running process in `spawned`, by its own PID only, and waits for each to exit. */
export async function killAll(spawned: ChildProcess[]): Promise<void> {
  await Promise.all(
    spawned.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await gone
    }),
  )
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs: number, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail() ? `: ${detail()}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A TCP port on 127.0.0.1 the OS just handed out and we released, so a node can listen on a known address. */
export async function pickPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * Writes a local-profile network config for CLI nodes under test: cheap 8-bit identities, tickets that never expire,
 * a threshold healing never reaches, one simulated feed. The nodes share it, so they are one network.
 */
export function writeTestNetworkConfig(path: string, epochPeriodMs: number, seed: number): void {
  writeFileSync(
    path,
    JSON.stringify({
      network: 'local',
      profile: 'local',
      genesis: { time: 0, epochPeriodMs, collectFraction: 0.5, identityBits: 8, ticketValidityEpochs: 2 ** 31, temperatureThreshold: 1e6, seed, committee: [] },
      feeds: [{ id: 'eth-usd', source: 'sim:gauss:3000:5' }],
    }),
  )
}

/** Record digest of every certified epoch a node stores in [from, to], read through its HTTP API. */
export async function certifiedDigests(apiUrl: string, from: number, to: number): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  for (let epoch = from; epoch <= to; epoch++) {
    const response = await fetch(`${apiUrl}/v1/epochs/${epoch}`)
    if (response.status === 404) {
      await response.body?.cancel()
      continue
    }
    assert.equal(response.status, 200, `GET /v1/epochs/${epoch}`)
    const summary = (await response.json()) as { approximate: boolean; recordDigest: string }
    if (!summary.approximate) out.set(epoch, summary.recordDigest)
  }
  return out
}

export interface TestCluster {
  config: string
  dataDirs: string[]
  identities: Array<{ publicKey: string; peerId: string }>
  /** Epoch 0 starts one period before the cluster was prepared, on a period boundary. */
  genesisTime: number
  /** `thermotruth start` flags of node i: data dir, shared genesis and committee, seed listen/bootstrap addresses. */
  argsOf(i: number): string[]
}

/**
 * `nodes` initialised data dirs in `dir` on one test network, every node on the genesis committee. The first two nodes
 * are seeds on known ports, so every node can start at once (staggered joins only slow the warm-up).
 */
export async function prepareTestCluster(dir: string, nodes: number, epochMs: number, seed: number): Promise<TestCluster> {
  const config = join(dir, 'net.json')
  writeTestNetworkConfig(config, epochMs, seed)
  const dataDirs = Array.from({ length: nodes }, (_, i) => join(dir, `n${i}`))
  const run = promisify(execFile)
  const inits = await Promise.all(dataDirs.map((dataDir) => run(process.execPath, [thermotruthBin, 'init', '--config', config, '--data-dir', dataDir, '--workers', '1', '--json'])))
  const identities = inits.map(({ stdout }) => JSON.parse(stdout) as { publicKey: string; peerId: string })
  const committee = identities.map((id) => id.publicKey)
  const seedPorts = [await pickPort(), await pickPort()]
  const seeds = seedPorts.map((port, i) => `/ip4/127.0.0.1/tcp/${port}/p2p/${identities[i].peerId}`)
  const genesisTime = Math.floor(Date.now() / epochMs) * epochMs - epochMs
  const argsOf = (i: number): string[] => [
    '--config',
    config,
    '--data-dir',
    dataDirs[i],
    '--genesis-time',
    String(genesisTime),
    ...committee.flatMap((author) => ['--genesis-committee', author]),
    ...(i < seeds.length ? ['--listen', `/ip4/127.0.0.1/tcp/${seedPorts[i]}`] : []),
    ...seeds.filter((_, s) => s !== i).flatMap((addr) => ['--bootstrap', addr]),
  ]
  return { config, dataDirs, identities, genesisTime, argsOf }
}
