/**
 * A data dir's genesis, fixed when the data dir first joins (or founds) a network and stored beside the key as
 * `genesis.json`. Without it, a `utc-midnight` network re-derived its genesis on every start, so a data dir restarted
 * after UTC midnight restored "latest epoch 20801" and then ran epochs from 301 of a new chain. The file is plain JSON
 * on purpose: a joiner of a local network copies the founder's time from it (`--genesis-time`).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from './errors.js'

export const GENESIS_FILE = 'genesis.json'

export interface PinnedGenesis {
  network: string
  /** Unix ms of epoch 0. */
  time: number
  /** Hex genesis hash (epoch 0's ticket anchor). */
  hash: string
}

export function pinnedGenesisPath(dataDir: string): string {
  return join(dataDir, GENESIS_FILE)
}

/** The data dir's pinned genesis, or undefined when none is stored yet (a fresh or pre-pinning data dir). */
export function readPinnedGenesis(dataDir: string): PinnedGenesis | undefined {
  const path = pinnedGenesisPath(dataDir)
  if (!existsSync(path)) return undefined
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ConfigError(`${path}: unreadable pinned genesis (${(error as Error).message}); restore it from a backup or move the data dir aside`)
  }
  const g = json as Partial<PinnedGenesis>
  const ok =
    typeof g === 'object' &&
    g !== null &&
    typeof g.network === 'string' &&
    typeof g.time === 'number' &&
    Number.isSafeInteger(g.time) &&
    g.time >= 0 &&
    typeof g.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(g.hash)
  if (!ok) throw new ConfigError(`${path}: expected {"network": string, "time": unix ms, "hash": 64 hex characters}`)
  return { network: g.network!, time: g.time!, hash: g.hash! }
}

/** Writes the pin once (write-then-rename, so a crash never leaves half a file). */
export function writePinnedGenesis(dataDir: string, genesis: PinnedGenesis): void {
  const path = pinnedGenesisPath(dataDir)
  writeFileSync(`${path}.tmp`, `${JSON.stringify(genesis, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
}

/**
 * Checks a wanted genesis against the data dir's pin; a mismatch is a one-line ConfigError that names both sides
 * and what to do. `timeSource` says where the wanted time came from (`undefined`: a rule such as utc-midnight,
 * which the pin overrides, since that is the whole point of pinning).
 */
export function checkAgainstPin(dataDir: string, pinned: PinnedGenesis, wanted: { network: string; hash: string; time?: number; timeSource?: string }): void {
  const where = pinnedGenesisPath(dataDir)
  if (pinned.network !== wanted.network) {
    throw new ConfigError(`data dir ${dataDir} belongs to network '${pinned.network}' (${where}), not '${wanted.network}'; pick another --data-dir`)
  }
  if (pinned.hash !== wanted.hash) {
    throw new ConfigError(
      `data dir ${dataDir} was founded with genesis hash ${pinned.hash.slice(0, 16)}…, the config says ${wanted.hash.slice(0, 16)}… (another genesis of '${wanted.network}'); pick another --data-dir`,
    )
  }
  if (wanted.time !== undefined && wanted.time !== pinned.time) {
    throw new ConfigError(
      `data dir ${dataDir} was founded with genesis time ${pinned.time} (${new Date(pinned.time).toISOString()}), ${wanted.timeSource ?? 'the config'} says ${wanted.time} (${new Date(wanted.time).toISOString()}); drop the override or pick another --data-dir`,
    )
  }
}
