import { availableParallelism } from 'node:os'
import { factoryNames } from '../../../swarm/factories/index.js'
import { DEFAULT_BASE_PORT } from '../../../swarm/ports.js'
import type { CliCommandOptions } from '../../types.js'

export interface SwarmArgs {
  nodes: number
  processes?: number
  epochs: number
  byzantine: number
  attack?: string
  protocol: string
  'epoch-ms'?: number
  'proposal-bytes': number
  'reports-per-second': number
  'base-port': number
  'health-timeout': number
  'seed-peers': number
  verbose: boolean
  'cpu-prof'?: string
  dashboard?: boolean
  'dashboard-port': number
  'keep-open'?: boolean
}

export const swarmOptions: CliCommandOptions<SwarmArgs> = {
  nodes: { type: 'number', alias: 'n', default: 10, description: 'Number of nodes' },
  processes: {
    type: 'number',
    alias: 'p',
    description: `OS processes hosting the nodes, N/P nodes each (default: the core count, ${availableParallelism()}); --processes N = one process per node`,
  },
  epochs: { type: 'number', alias: 'e', default: 10, description: 'Epochs to run and measure' },
  byzantine: { type: 'number', default: 0, description: 'Byzantine nodes: a count, or a fraction of --nodes when < 1' },
  attack: { type: 'string', description: 'Attack the byzantine nodes run (protocol-specific)' },
  protocol: {
    type: 'string',
    default: 'thermotruth',
    choices: factoryNames(),
    description: 'Node kind: thermotruth (ThermoNode), gossip-floor (baseline: gossip only), pbft (baseline: all-to-all rounds)',
  },
  'epoch-ms': { type: 'number', description: "Epoch period in ms (default: grows with --nodes; thermotruth with --config: the config's)" },
  'proposal-bytes': { type: 'number', default: 200, description: 'Baselines: bytes per proposal' },
  'reports-per-second': { type: 'number', default: 0, description: 'Client reports per second offered to the whole swarm' },
  'base-port': { type: 'number', default: DEFAULT_BASE_PORT, description: 'Node i listens on 127.0.0.1:(base-port + i); 0 = ephemeral' },
  'health-timeout': { type: 'number', default: 0, description: 'Max seconds to wait for mesh + DHT (0 = 30 + n)' },
  'seed-peers': { type: 'number', default: 6, description: 'Direct neighbours each node dials besides the bootstrap node' },
  verbose: { type: 'boolean', default: false, description: 'Print host-process diagnostics' },
  'cpu-prof': { type: 'string', description: 'Write a V8 CPU profile of each host process into this directory' },
  dashboard: { type: 'boolean', description: 'Serve the aggregate dashboard of all nodes (default: on, off with --json; --no-dashboard: node 0 only)' },
  'dashboard-port': { type: 'number', default: 0, description: 'Port of the aggregate dashboard on 127.0.0.1 (0 = ephemeral)' },
  'keep-open': { type: 'boolean', description: 'Keep serving the aggregate dashboard (its history of the run) after the run ends, until Ctrl-C' },
}
