/**
 * Runs the deterministic simulator (`thermotruth sim ... --json`) in a child process, bounded in time. Used where
 * a figure needs n=100 with many attack configurations, which the real swarm cannot afford on 2 cores.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../../bin/thermotruth.js', import.meta.url))

export type SimResult = { ok: true; summary: Record<string, unknown> } | { ok: false; error: string; unavailable: boolean }

export function runSim(args: string[], timeoutMs: number): Promise<SimResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'sim', ...args, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) {
        try {
          resolve({ ok: true, summary: JSON.parse(stdout) as Record<string, unknown> })
        } catch {
          resolve({ ok: false, error: 'sim printed no JSON object', unavailable: false })
        }
        return
      }
      const line = stderr.trim().split('\n')[0] ?? ''
      // yargs strict mode: the command or one of its flags/values does not exist in this build.
      const unavailable = code === 2 || /Unknown (argument|command)|Invalid values|unknown attack/i.test(stderr)
      resolve({ ok: false, error: signal ? `sim killed after ${timeoutMs} ms` : `sim exited ${code}: ${line}`, unavailable })
    })
  })
}
