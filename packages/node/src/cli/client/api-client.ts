import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Options } from 'yargs'
import { defaultDataDir } from '../../config/paths.js'
import { CliError } from '../util/errors.js'

/** Written by `start` in its data dir (node/api-endpoint.ts), removed on a clean stop. */
const API_ENDPOINT_FILE = 'api.json'

export interface ApiTargetArgs {
  apiUrl?: string
  dataDir?: string
  network?: string
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * --api-url, else the URL a running `start` recorded in its data dir. A node stopped by kill -9 (or a crash) leaves
 * its api.json behind: when the process it names is gone, the error says the file is stale rather than sending
 * the operator after an unreachable port.
 */
export function apiUrlOf(args: ApiTargetArgs): string {
  if (args.apiUrl !== undefined) return args.apiUrl.replace(/\/+$/, '')
  const dataDir = args.dataDir ?? defaultDataDir(args.network ?? 'local')
  const file = join(dataDir, API_ENDPOINT_FILE)
  let endpoint: { url?: unknown; pid?: unknown }
  try {
    endpoint = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown; pid?: unknown }
  } catch {
    throw new CliError(`no running node found for ${dataDir} (no readable ${file}); start one, or pass --api-url http://127.0.0.1:PORT`)
  }
  if (typeof endpoint.url !== 'string') throw new CliError(`${file} names no API url; start the node again, or pass --api-url http://127.0.0.1:PORT`)
  if (typeof endpoint.pid === 'number' && !isRunning(endpoint.pid)) {
    throw new CliError(`${file} is stale: process ${endpoint.pid} that wrote it is not running (stopped by kill -9 or a crash?); start the node again, which rewrites it`)
  }
  return endpoint.url
}

/** One JSON request to a node's API; connection failures and error answers become one-line CliErrors. */
export async function apiRequest(base: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  let response: Response
  try {
    response = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(10_000),
    })
  } catch (error) {
    const cause = (error as { cause?: { code?: string; errors?: Array<{ code?: string }>; message?: string } }).cause
    const why = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message
    throw new CliError(`cannot reach the node at ${base} (${why}); is it running? check --api-url`)
  }
  let body: Record<string, unknown>
  try {
    body = (await response.json()) as Record<string, unknown>
  } catch {
    throw new CliError(`${base}${path} answered ${response.status} with a non-JSON body; is that a thermotruth node?`)
  }
  return { status: response.status, body }
}

export const apiTargetOptions: Record<string, Options> = {
  'api-url': { type: 'string', description: 'Node API base URL (default: the one recorded by `start` in the data dir)' },
  'data-dir': { type: 'string', description: 'Data dir of the running node (default ~/.thermotruth/<network>)' },
  network: { type: 'string', description: "Network id (default 'local')" },
}
