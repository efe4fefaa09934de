import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { DASHBOARD_HTML, SWARM_DASHBOARD_HTML } from './html.js'

/** Where `scripts/build-dashboard.mjs` writes the bundle: packages/node/dist/dashboard (this file is dist/src/dashboard). */
const BUNDLE_DIR = new URL('../../dashboard/', import.meta.url)

const ASSETS: Record<string, { file: string; type: string }> = {
  '/dashboard/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard/swarm.js': { file: 'swarm.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
}

/** Bundles are immutable for the life of the process: read each once. */
const cache = new Map<string, Buffer>()

/** One static answer of a dashboard page: the HTML, a bundled asset, or the empty favicon. */
export interface StaticAnswer {
  status: number
  headers: Record<string, string>
  body: string | Buffer
}

/** The node's page at / (and /dashboard), plus the bundled assets; undefined when `path` is none of them. */
export function nodeDashboardAnswer(path: string): Promise<StaticAnswer | undefined> {
  return pageAnswer(DASHBOARD_HTML, path)
}

/** The swarm launcher's aggregate page at /, plus the bundled assets. True when the answer was sent. */
export async function serveSwarmDashboard(path: string, res: ServerResponse): Promise<boolean> {
  const answer = await pageAnswer(SWARM_DASHBOARD_HTML, path)
  if (answer === undefined) return false
  res.writeHead(answer.status, answer.headers)
  res.end(answer.body)
  return true
}

/** Paths the node's page answers (the API server registers a GET route for each). */
export const DASHBOARD_PATHS = ['/', '/dashboard', '/dashboard/', '/favicon.ico', ...Object.keys(ASSETS)]

async function pageAnswer(html: string, path: string): Promise<StaticAnswer | undefined> {
  if (path === '/' || path === '/dashboard' || path === '/dashboard/') {
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }, body: html }
  }
  // Browsers ask for it unprompted; an empty answer keeps the console free of 404s.
  if (path === '/favicon.ico') return { status: 204, headers: { 'cache-control': 'max-age=86400' }, body: '' }
  const asset = ASSETS[path]
  if (asset === undefined) return undefined
  let body = cache.get(asset.file)
  if (body === undefined) {
    try {
      body = await readFile(new URL(asset.file, BUNDLE_DIR))
    } catch {
      return {
        status: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'dashboard bundle not built: run `pnpm build` (it runs packages/node/scripts/build-dashboard.mjs)\n',
      }
    }
    cache.set(asset.file, body)
  }
  return { status: 200, headers: { 'content-type': asset.type, 'content-length': String(body.length), 'cache-control': 'no-cache' }, body }
}
