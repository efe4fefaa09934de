/**
 * One `thermotruth start --json` OS process, watched from outside like an operator would: stdout carries one JSON
 * object (API url, listen addresses), stderr one line per finalized epoch. Not a test file; crash tests use it to
 * run several nodes and `kill -9` some of them. Every process it spawns is tracked so a failing test can kill
 * exactly those PIDs and no others.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
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
