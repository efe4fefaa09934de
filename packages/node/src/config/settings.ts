import { ConfigError } from './errors.js'
import { genesisHashOf } from './genesis.js'
import { resolveGenesisTime } from './genesis-time.js'
import { loadNetworkConfig } from './load.js'
import { bundledConfigPath, defaultDataDir } from './paths.js'
import { checkAgainstPin, readPinnedGenesis } from './pinned-genesis.js'
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
  /** Trusted checkpoint `EPOCH:DIGESTHEX` (--checkpoint); overrides the config's. */
  checkpoint?: string
  /** Clock for resolving a `utc-midnight` rule on a data dir with no pinned genesis (tests move it). */
  now?: () => number
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
  /**
   * Unix ms of epoch 0: --genesis-time (the launcher founds a fresh network per run with it), else the data dir's
   * pinned genesis (config/pinned-genesis.ts), else the config's fixed time, else its rule resolved now. Always set
   * by resolveSettings, and copied into `config.genesis.time`, so `init` pins exactly the genesis `start` will run.
   */
  genesisTime?: number
  /** Sorted hex author ids of the genesis committee: --genesis-committee, else the config's. */
  genesisCommittee: string[]
  /** A trusted certified record (--checkpoint, else the config's): sync refuses certificates that do not chain to it. */
  checkpoint?: Checkpoint
}

export interface Checkpoint {
  epoch: number
  /** Hex record digest of the certified record at `epoch`. */
  recordDigest: string
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
  const dataDir = input.dataDir ?? defaultDataDir(config.network)
  const genesisTime = resolvePinnedTime(dataDir, config, configPath, input)
  config.genesis.time = genesisTime
  const checkpoint = parseCheckpoint(input.checkpoint ?? config.checkpoint, input.checkpoint !== undefined ? '--checkpoint' : `${configPath}: checkpoint`)
  const committee = input.genesisCommittee ?? config.genesis.committee
  const badMember = committee.find((id) => !/^[0-9a-f]{64}$/.test(id))
  if (badMember !== undefined) throw new ConfigError(`--genesis-committee: '${badMember.slice(0, 70)}' is not a 64-hex-character author id`)
  return {
    config,
    genesisCommittee: [...new Set(committee)].sort(),
    configPath,
    dataDir,
    listen: input.listen?.length ? input.listen : config.listen.length ? config.listen : ['/ip4/127.0.0.1/tcp/0'],
    announce: input.announce,
    bootstrap: input.bootstrap ?? config.bootstrap,
    apiHost: input.apiHost ?? DEFAULT_API_HOST,
    apiPort,
    metricsPort: input.metricsPort,
    genesisTime,
    checkpoint,
  }
}

/**
 * The genesis time this data dir runs. A pinned genesis of another network or hash is an error whatever else is
 * given; a fixed config time that disagrees with the pin is too (the config now describes another chain). An
 * explicit --genesis-time wins over the pin: the swarm launcher and tests found a new network per run with it.
 */
function resolvePinnedTime(dataDir: string, config: NetworkConfig, configPath: string, input: SettingsInput): number {
  const pinned = readPinnedGenesis(dataDir)
  const fixed = typeof config.genesis.time === 'number' ? config.genesis.time : undefined
  if (pinned !== undefined) {
    const hash = Buffer.from(genesisHashOf(config)).toString('hex')
    checkAgainstPin(dataDir, pinned, { network: config.network, hash, time: input.genesisTime === undefined ? fixed : undefined, timeSource: configPath })
  }
  return input.genesisTime ?? pinned?.time ?? fixed ?? resolveGenesisTime(config.genesis.time, (input.now ?? Date.now)())
}

/** `EPOCH:HEX64` → a checkpoint; one-line ConfigError naming the source otherwise. */
export function parseCheckpoint(text: string | undefined, source: string): Checkpoint | undefined {
  if (text === undefined) return undefined
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text)
  if (match === null) throw new ConfigError(`${source}: expected EPOCH:DIGEST (a certified record's epoch and its 64-hex-character record digest), got '${text.slice(0, 90)}'`)
  return { epoch: Number(match[1]), recordDigest: match[2] }
}
