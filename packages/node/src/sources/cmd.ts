import { execFile } from 'node:child_process'
import type { ObservationResult, ObservationSource } from './types.js'
import { parseObservationText } from './values.js'

const MAX_STDOUT = 64 * 1024

/** Runs a shell command per epoch; its stdout is a number or a JSON array. Failure or timeout = no observation. */
export function createCmdSource(feed: string, spec: string, command: string, timeoutMs: number): ObservationSource {
  return {
    feed,
    spec,
    observe(): Promise<ObservationResult> {
      return new Promise((resolve) => {
        execFile('/bin/sh', ['-c', command], { timeout: timeoutMs, maxBuffer: MAX_STDOUT, killSignal: 'SIGKILL' }, (error, stdout) => {
          if (error) {
            const why = error.killed ? `timed out after ${timeoutMs} ms` : `exited with ${error.code ?? error.signal ?? error.message}`
            resolve({ kind: 'error', reason: `command ${why}` })
            return
          }
          const values = parseObservationText(stdout)
          resolve(typeof values === 'string' ? { kind: 'error', reason: `command output ${values}` } : { kind: 'values', values })
        })
      })
    },
  }
}
