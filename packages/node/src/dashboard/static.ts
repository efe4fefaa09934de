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

/** The node's page at / (and /dashboard), plus the bundled assets. True when the answer was sent. */
export function serveDashboard(path: string, res: ServerResponse): Promise<boolean> {
  return servePage(DASHBOARD_HTML, path, res)
}

/** The swarm launcher's aggregate page at /, plus the bundled assets. True when the answer was sent. */
export function serveSwarmDashboard(path: string, res: ServerResponse): Promise<boolean> {
  return servePage(SWARM_DASHBOARD_HTML, path, res)
}

async function servePage(html: string, path: string, res: ServerResponse): Promise<boolean> {
  if (path === '/' || path === '/dashboard' || path === '/dashboard/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' })
    res.end(html)
    return true
  }
  if (path === '/favicon.ico') {
    // Browsers ask for it unprompted; an empty answer keeps the console free of 404s.
    res.writeHead(204, { 'cache-control': 'max-age=86400' })
    res.end()
    return true
  }
  const asset = ASSETS[path]
  if (asset === undefined) return false
  let body = cache.get(asset.file)
  if (body === undefined) {
    try {
      body = await readFile(new URL(asset.file, BUNDLE_DIR))
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('dashboard bundle not built: run `pnpm build` (it runs packages/node/scripts/build-dashboard.mjs)\n')
      return true
    }
    cache.set(asset.file, body)
  }
  res.writeHead(200, { 'content-type': asset.type, 'content-length': body.length, 'cache-control': 'no-cache' })
  res.end(body)
  return true
}
