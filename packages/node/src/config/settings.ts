import { ConfigError } from './errors.js'
import { loadNetworkConfig } from './load.js'
import { bundledConfigPath, defaultDataDir } from './paths.js'
import type { NetworkConfig } from './types.js'

/** Flags that shape a node, as the CLI (or a test, or the swarm launcher) passes them. */
export interface SettingsInput {
  config?: string
  network?: string
  dataDir?: string
  listen?: string[]
  announce?: string[]
  bootstrap?: string[]
  apiHost?: string
  apiPort?: number
  metricsPort?: number
  genesisTime?: number
  genesisCommittee?: string[]
}

export interface NodeSettings {
  config: NetworkConfig
  configPath: string
  dataDir: string
  listen: string[]
  /** Addresses advertised instead of the listen addresses (empty: libp2p's own choice). */
  announce?: string[]
  bootstrap: string[]
  apiHost: string
  apiPort: number
  /** `--metrics-port`: /metrics alone on this port too (undefined: only on the API port). */
  metricsPort?: number
  /** Explicit genesis time (launcher / --genesis-time); otherwise the config's rule, pinned in the store. */
  genesisTime?: number
  /** Sorted hex author ids of the genesis committee: --genesis-committee, else the config's. */
  genesisCommittee: string[]
}

export const DEFAULT_API_HOST = '127.0.0.1'
/** A public node gets a stable port; a local-profile node picks a free one (many share a machine). */
export const DEFAULT_PUBLIC_API_PORT = 9401

/**
 * Merges a network config (`--config FILE`, else `configs/<--network>.json`, else `configs/local.json`) with
 * flags; flags win. Errors are one-line ConfigErrors.
 */
export function resolveSettings(input: SettingsInput): NodeSettings {
  const configPath = input.config ?? bundledConfigPath(input.network ?? 'local')
  const config = loadNetworkConfig(configPath)
  if (input.config !== undefined && input.network !== undefined && input.network !== config.network) {
    throw new ConfigError(`--network ${input.network} does not match network '${config.network}' in ${configPath}; drop one of them`)
  }
  const apiPort = input.apiPort ?? (config.profile === 'local' ? 0 : DEFAULT_PUBLIC_API_PORT)
  if (!Number.isInteger(apiPort) || apiPort < 0 || apiPort > 65535) throw new ConfigError(`--api-port must be an integer in [0, 65535], got ${apiPort}`)
  if (input.metricsPort !== undefined && (!Number.isInteger(input.metricsPort) || input.metricsPort < 0 || input.metricsPort > 65535)) {
    throw new ConfigError(`--metrics-port must be an integer in [0, 65535], got ${input.metricsPort}`)
  }
  if (input.genesisTime !== undefined && (!Number.isSafeInteger(input.genesisTime) || input.genesisTime < 0)) {
    throw new ConfigError(`--genesis-time must be unix milliseconds, got ${input.genesisTime}`)
  }
  const committee = input.genesisCommittee ?? config.genesis.committee
  const badMember = committee.find((id) => !/^[0-9a-f]{64}$/.test(id))
  if (badMember !== undefined) throw new ConfigError(`--genesis-committee: '${badMember.slice(0, 70)}' is not a 64-hex-character author id`)
  return {
    config,
    genesisCommittee: [...new Set(committee)].sort(),
    configPath,
    dataDir: input.dataDir ?? defaultDataDir(config.network),
    listen: input.listen?.length ? input.listen : config.listen.length ? config.listen : ['/ip4/127.0.0.1/tcp/0'],
    announce: input.announce,
    bootstrap: input.bootstrap ?? config.bootstrap,
    apiHost: input.apiHost ?? DEFAULT_API_HOST,
    apiPort,
    metricsPort: input.metricsPort,
    genesisTime: input.genesisTime,
  }
}
