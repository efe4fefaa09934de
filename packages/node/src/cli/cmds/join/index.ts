import type { CliCommand } from '../../types.js'
import { configFileKeys, type StartArgs, startOptions } from '../start/options.js'

/** `join <network>` is `start` with the bundled `configs/<network>.json` (the positional fills `network`). */
export const join: CliCommand<StartArgs> = {
  command: 'join <network>',
  describe: 'Run a node of a bundled network: start with configs/<network>.json',
  examples: [
    ['thermotruth join local', 'Same as start on configs/local.json'],
    ['thermotruth join testnet --bootstrap /dns4/boot.example.org/tcp/9400/p2p/12D3KooW...', 'Join the public testnet'],
  ],
  options: { ...configFileKeys, ...startOptions } as typeof startOptions,
  handler: async (args) => (await import('../start/handler.js')).startHandler(args),
  effectiveSettings: async (args) => (await import('../start/effective.js')).startEffectiveSettings(args),
}
