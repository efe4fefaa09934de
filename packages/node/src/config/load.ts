import { readFileSync } from 'node:fs'
import { ConfigError } from './errors.js'
import { parseNetworkConfig } from './parse.js'
import type { NetworkConfig } from './types.js'

/** Reads and validates a network config file; every failure is one ConfigError line naming the path. */
export function loadNetworkConfig(path: string): NetworkConfig {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new ConfigError(`${path}: cannot read the config file (${code}); check the path given with --config`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`)
  }
  return parseNetworkConfig(json, path)
}
