import type { CliCommand } from '../../types.js'
import { configFileKeys } from '../start/options.js'
import { type InitArgs, initOptions } from './options.js'

export const init: CliCommand<InitArgs> = {
  command: 'init',
  describe: 'Create the data dir and node key, pin the genesis, and mine (or import) an identity ticket',
  examples: [
    ['thermotruth init', 'Initialize ~/.thermotruth/local for the local network'],
    ['thermotruth init --network testnet-1', 'Initialize for the public testnet (20-bit ticket)'],
    ['thermotruth init --data-dir /tmp/n1 --json', 'Initialize a scratch dir and print one JSON summary'],
    ['thermotruth init --network testnet-1 --ticket ticket.json', 'Import a ticket minted with `pow mint --network testnet-1` (its key from ticket.json.key)'],
  ],
  options: { ...configFileKeys, ...initOptions } as typeof initOptions,
  handler: async (args) => (await import('./handler.js')).initHandler(args),
}
