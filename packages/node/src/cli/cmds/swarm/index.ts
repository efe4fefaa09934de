import type { CliCommand, CliCommandOptions } from '../../types.js'
import { configFileKeys } from '../start/options.js'
import { swarmHandler } from './handler.js'
import { type SwarmArgs, swarmOptions } from './options.js'

export const swarm: CliCommand<SwarmArgs> = {
  command: 'swarm',
  describe: 'Run a local swarm of real libp2p nodes (TCP on 127.0.0.1) spread over a few processes, and measure it',
  examples: [
    ['thermotruth swarm --config configs/local.json', 'the local network: ThermoNodes on 127.0.0.1, each certified epoch as it happens'],
    ['thermotruth swarm --nodes 30 --epochs 20', '30 nodes in one process per core; prints each epoch as it finalizes'],
    ['thermotruth swarm --nodes 10 --processes 10 --json', 'one OS process per node; one JSON summary on stdout'],
    ['thermotruth swarm --nodes 8 --byzantine 0.25 --attack flash --epochs 30 --dashboard-port 8080', 'watch an attack and its recovery at http://127.0.0.1:8080 (all nodes in one page)'],
    ['thermotruth swarm --nodes 30 --protocol gossip-floor --proposal-bytes 300', 'baseline: gossip only, no protocol'],
  ],
  // A network config file given with --config is read by yargs as flags too: accept its keys (hidden).
  options: { ...swarmOptions, ...configFileKeys, network: { hidden: true } } as CliCommandOptions<SwarmArgs>,
  handler: swarmHandler,
}
