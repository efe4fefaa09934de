/**
 * Runs scripts/wan for the netns tests (wan.test.ts, partition.test.ts) and checks that it left nothing behind.
 * scripts/wan exits 77 where network namespaces are not permitted; `skipReason` turns that (and "not root") into
 * the message the test prints when it skips.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WAN_SCRIPT = fileURLToPath(new URL('../../scripts/wan', import.meta.url))
const SKIP_EXIT = 77

export interface WanRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** `ttw<pid>`: the prefix of every namespace the run made. */
  runId: string
  /** The run's TMPDIR: its state dir and every node's data dir live below it. */
  tmp: string
}

/** Why this machine cannot run netns tests, or undefined when it may try (scripts/wan has the final word). */
export function skipReason(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux'
  if (process.getuid?.() !== 0) return 'network namespaces need root (run the suite as root to include the netns tests)'
  const ip = spawnSync('sh', ['-c', 'PATH="$PATH:/usr/sbin:/sbin" command -v ip'], { encoding: 'utf8' })
  if (ip.status !== 0) return "no 'ip' binary (Debian iproute2; scripts/wan installs it with apt-get when it can)"
  return undefined
}

export function wanSkipped(run: WanRun): string | undefined {
  if (run.code !== SKIP_EXIT) return undefined
  return run.stderr.split('\n').find((l) => l.includes('skipped')) ?? 'scripts/wan skipped'
}

/** Starts scripts/wan; `onStderr` sees its progress lines. The caller awaits `done`. */
export function startWan(args: string[], onStderr?: (text: string) => void): { child: ChildProcess; done: Promise<WanRun> } {
  const tmp = mkdtempSync(join(tmpdir(), 'tt-wan-test-'))
  const child = spawn(WAN_SCRIPT, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp } })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString('utf8')
  })
  child.stderr!.on('data', (c: Buffer) => {
    const text = c.toString('utf8')
    stderr = (stderr + text).slice(-20_000)
    onStderr?.(text)
  })
  const done = new Promise<WanRun>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr, runId: `ttw${child.pid}`, tmp })),
  )
  return { child, done }
}

/** Runs scripts/wan to the end, bounded: past `timeoutMs` it gets SIGTERM (its trap cleans up), then SIGKILL. */
export async function runWan(args: string[], timeoutMs: number): Promise<WanRun> {
  const { child, done } = startWan(args)
  const term = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
  const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 30_000)
  try {
    return await done
  } finally {
    clearTimeout(term)
    clearTimeout(kill)
  }
}

/** Namespaces of this run still present, and live processes whose command line points into the run's TMPDIR. */
export function leftovers(run: WanRun): { namespaces: string[]; pids: number[] } {
  const list = spawnSync('sh', ['-c', 'PATH="$PATH:/usr/sbin:/sbin" ip netns list'], { encoding: 'utf8' })
  const namespaces = list.stdout
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter((name) => name.startsWith(`${run.runId}-`))
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(run.tmp)) pids.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return { namespaces, pids }
}

export function removeTmp(run: WanRun | undefined): void {
  if (run !== undefined) rmSync(run.tmp, { recursive: true, force: true })
}

/** The last stderr lines, for assertion messages. */
export function tail(run: WanRun): string {
  return run.stderr.split('\n').slice(-15).join('\n')
}
