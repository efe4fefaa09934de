import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError } from './errors.js'

/**
 * The `configs/` copy that `pnpm pack` puts in an installed package (scripts/pack-configs.mjs), else the
 * repository's `configs/` dir (this file runs from packages/node/dist/src/config/).
 */
export const BUNDLED_CONFIGS_DIR = [new URL('../../../configs/', import.meta.url), new URL('../../../../../configs/', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(dir)) ?? fileURLToPath(new URL('../../../../../configs/', import.meta.url))

/** `configs/<name>.json`, or the bundled config whose `network` is `name`; `join` and `--network` use it. */
export function bundledConfigPath(network: string): string {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(network)) throw new ConfigError(`network '${network.slice(0, 64)}': expected a name like 'local' or 'testnet'`)
  const path = join(BUNDLED_CONFIGS_DIR, `${network}.json`)
  if (existsSync(path)) return path
  const byId = readdirSync(BUNDLED_CONFIGS_DIR).find((name) => name.endsWith('.json') && networkIdOf(join(BUNDLED_CONFIGS_DIR, name)) === network)
  if (byId !== undefined) return join(BUNDLED_CONFIGS_DIR, byId)
  throw new ConfigError(`no bundled config for network '${network}' (looked for ${path}); pass --config FILE`)
}

/** The `network` field of a config file, or undefined when it cannot be read (the loader reports why later). */
function networkIdOf(path: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { network?: string }).network
  } catch {
    return undefined
  }
}

/** `~/.thermotruth/<network>`, unless the operator chose a directory with --data-dir. */
export function defaultDataDir(network: string, home: string = homedir()): string {
  return join(home, '.thermotruth', network)
}
