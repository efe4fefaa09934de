/** Runs the built `thermotruth` CLI in a child process; not a test file. */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const bin = fileURLToPath(new URL('../../bin/thermotruth.js', import.meta.url))
const run = promisify(execFile)

export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { timeout: 60_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

export function assertOneLineError(out: { code: number; stderr: string }, pattern: RegExp): void {
  assert.notEqual(out.code, 0)
  assert.match(out.stderr, /^error: /m)
  assert.match(out.stderr, pattern)
  assert.doesNotMatch(out.stderr, /\n\s+at /, 'no stack trace')
}

