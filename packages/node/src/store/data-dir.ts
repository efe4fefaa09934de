import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { StoreError } from './errors.js'

/** Layout of a data dir: `db/` (node LevelDB), `peerstore/` (libp2p datastore), `node.key`, `client.key`. */
export function dataDirPaths(dataDir: string): { db: string; peerStore: string } {
  return { db: join(dataDir, 'db'), peerStore: join(dataDir, 'peerstore') }
}

/** Creates the data dir (mode 0700: it holds secrets) or checks an existing one is a directory. */
export function ensureDataDir(dataDir: string): void {
  if (existsSync(dataDir)) {
    if (!statSync(dataDir).isDirectory()) throw new StoreError(`data dir ${dataDir} is not a directory; pick another --data-dir`, 'io')
    return
  }
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  } catch (error) {
    throw new StoreError(`cannot create data dir ${dataDir} (${(error as NodeJS.ErrnoException).code}); pick another --data-dir`, 'io')
  }
}
