import type { Options } from 'yargs'
import type { SettingsInput } from '../../../config/settings.js'
import { type LogArgs, logOptions } from '../../util/cli-logger.js'
import { kebabFlags } from '../flags.js'

/** Flags every node command shares (init, start, join). A `--settings` file may set any of them. */
export interface NodeArgs {
  dataDir?: string
  network?: string
  networkConfig?: string
  genesisTime?: number
}

export interface StartArgs extends NodeArgs, LogArgs {
  genesisCommittee?: string[]
  listen?: string[]
  announce?: string[]
  bootstrap?: string[]
  apiPort?: number
  apiHost?: string
  metricsPort?: number
  byzantine?: string
  checkpoint?: string
}

/**
 * Keys of a network config file that are not flags. Declared hidden so yargs' `--config FILE` (strict mode) accepts
 * the same file the typed loader reads; the handler re-reads the file through that loader.
 */
export const configFileKeys: Record<string, Options> = {
  profile: { hidden: true },
  genesis: { hidden: true },
  feeds: { hidden: true },
  joulesPerHash: { hidden: true },
  checkpoint: { hidden: true },
  missing: { hidden: true },
  // Flags of `start`; hidden here so commands without them (init, verify) still accept a full config file.
  bootstrap: { hidden: true },
  listen: { hidden: true },
}

export const nodeOptions = kebabFlags<NodeArgs>({
  'data-dir': { type: 'string', description: 'Data dir (default ~/.thermotruth/<network>)' },
  network: { type: 'string', description: "Network id; loads configs/<network>.json unless --network-config is given (default 'local')" },
  'network-config': {
    type: 'string',
    description: 'Network spec file (genesis, feeds, bootstrap), e.g. configs/local.json. --config FILE does the same on this command (kept for existing scripts); operator flags go in --settings FILE',
  },
  'genesis-time': { type: 'number', description: "Genesis time in unix ms, overriding the config's rule (the swarm launcher sets it)" },
})

export const startOptions = kebabFlags<StartArgs>({
  ...nodeOptions,
  listen: { type: 'array', string: true, description: 'libp2p listen multiaddr (repeatable)' },
  announce: {
    type: 'array',
    string: true,
    description: 'Multiaddr to advertise to peers instead of the listen addresses (repeatable). A public listen address is hidden until verified (libp2p v3 has no AutoNAT here), so a public server announces its own',
  },
  bootstrap: { type: 'array', string: true, description: 'Bootstrap peer multiaddr with /p2p/<id> (repeatable)' },
  'api-port': { type: 'number', description: 'HTTP API port; 0 picks a free port and prints it (default: 0 on local networks, 9401 otherwise)' },
  'api-host': { type: 'string', description: 'HTTP API address (default 127.0.0.1; anything else exposes the API, opt-in)' },
  'metrics-port': { type: 'number', description: 'Also serve Prometheus /metrics alone on this port, on --api-host (0 picks a free one; default: /metrics only on the API port)' },
  'genesis-committee': {
    type: 'array',
    string: true,
    description: "Author id (hex) of a genesis committee member (repeatable); overrides the config's. A local node without bootstrap peers and no committee founds the network alone",
  },
  byzantine: { type: 'string', hidden: true, description: 'Byzantine strategy name (tests and demos only)' },
  checkpoint: { type: 'string', description: "Trusted checkpoint EPOCH:RECORD_DIGEST (from a node you trust: GET /v1/epochs/EPOCH); sync refuses certificates that do not chain to it" },
  ...logOptions,
})

/** `--network-config`, or its older spelling `--config`, names the network spec file. */
export function settingsInput(args: StartArgs & { config?: string }): SettingsInput {
  return {
    config: args.networkConfig ?? args.config,
    network: args.network,
    dataDir: args.dataDir,
    listen: args.listen,
    announce: args.announce,
    bootstrap: args.bootstrap,
    apiHost: args.apiHost,
    apiPort: args.apiPort,
    metricsPort: args.metricsPort,
    genesisTime: args.genesisTime,
    genesisCommittee: args.genesisCommittee,
    checkpoint: args.checkpoint,
  }
}
