import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const FILE = 'api.json'

/** `start` records its API URL in the data dir so `status` and `report` find a node started with --api-port 0. */
export function writeApiEndpoint(dataDir: string, url: string): void {
  writeFileSync(join(dataDir, FILE), `${JSON.stringify({ url, pid: process.pid })}\n`)
}

export function clearApiEndpoint(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true })
}

export function readApiEndpoint(dataDir: string): string | undefined {
  try {
    const url = (JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as { url?: unknown }).url
    return typeof url === 'string' ? url : undefined
  } catch {
    return undefined
  }
}
