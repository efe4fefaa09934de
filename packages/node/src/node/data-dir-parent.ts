/**
 * Creates a data dir one level at a time after checking its nearest existing ancestor. Node's recursive mkdir
 * spins at 100 % CPU, deaf to SIGINT, on some paths (`mkdirSync('/proc/nope/dd', { recursive: true })` never
 * returns on Node 20), so `init --data-dir /proc/nope/dd` hung; non-recursive mkdir fails at once with a code.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { StoreError } from '../store/errors.js'

/** Bound on how many levels `init` creates: a data dir is a path an operator typed, not a tree. */
const MAX_NEW_LEVELS = 32

export function createDataDir(dataDir: string): void {
  const target = resolve(dataDir)
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new StoreError(`data dir ${dataDir} is not a directory; pick another --data-dir`, 'io')
    return
  }
  const missing: string[] = []
  let ancestor = target
  while (!existsSync(ancestor)) {
    missing.unshift(ancestor)
    const up = dirname(ancestor)
    if (up === ancestor || missing.length > MAX_NEW_LEVELS) throw new StoreError(`cannot create data dir ${dataDir}: no existing parent directory within ${MAX_NEW_LEVELS} levels`, 'io')
    ancestor = up
  }
  if (!statSync(ancestor).isDirectory()) throw new StoreError(`cannot create data dir ${dataDir}: ${ancestor} is not a directory; pick another --data-dir`, 'io')
  try {
    accessSync(ancestor, constants.W_OK | constants.X_OK)
  } catch {
    throw new StoreError(`cannot create data dir ${dataDir}: parent ${ancestor} is not writable; pick another --data-dir`, 'io')
  }
  for (const dir of missing) {
    try {
      // 0700 on every level created here: the data dir holds the node key.
      mkdirSync(dir, { mode: 0o700 })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      // Another process (or another node of the same swarm host) created this level first: that is success.
      if (code === 'EEXIST' && statSync(dir).isDirectory()) continue
      throw new StoreError(`cannot create data dir ${dataDir}: mkdir ${dir} failed (${code}); pick another --data-dir`, 'io')
    }
  }
}
