import type { CliCommand } from '../../types.js'
import { configFileKeys, type StartArgs, startOptions } from './options.js'

export const start: CliCommand<StartArgs> = {
  command: 'start',
  describe: 'Run a node: libp2p, the epoch engine, the data dir and the HTTP API',
  examples: [
    ['thermotruth start', 'Run a node of the local network (configs/local.json), API on a free port'],
    ['thermotruth start --network-config configs/local.json --data-dir /tmp/n2 --bootstrap /ip4/127.0.0.1/tcp/40001/p2p/12D3KooW...', 'Join a second local node through a bootstrap peer'],
    ['thermotruth start --network testnet-1 --listen /ip4/0.0.0.0/tcp/9400 --api-port 9401', 'Run a testnet node (after init)'],
    ['thermotruth start --settings node.json --log-format json --log-file node.log', 'Flags from an operator settings file; JSON logs to stderr and node.log'],
    ['thermotruth start --api-port 9401 --dump-config > node.json', 'Save the effective settings as a settings file, without starting'],
  ],
  options: { ...configFileKeys, ...startOptions } as typeof startOptions,
  // Loaded on use: the handler pulls in libp2p, which `--help` and other commands need not pay for.
  handler: async (args) => (await import('./handler.js')).startHandler(args),
  effectiveSettings: async (args) => (await import('./effective.js')).startEffectiveSettings(args),
}
