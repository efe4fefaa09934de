import type { CliCommand } from '../../types.js'
import { configFileKeys } from '../start/options.js'
import { type VerifyArgs, verifyOptions } from './options.js'

export const verify: CliCommand<VerifyArgs> = {
  command: 'verify <target>',
  describe: 'Check a finality certificate (file, or epoch number from the data dir) offline against the genesis config',
  examples: [
    ['thermotruth verify 1200', 'Verify epoch 1200 from ~/.thermotruth/local (with its chain link to 1199)'],
    ['curl -s localhost:9401/v1/certificates/1200 > c.json && thermotruth verify c.json --network testnet-1', 'Verify a downloaded certificate'],
    ['thermotruth verify 1200 --api-url http://127.0.0.1:9401 --json', 'Verify through a running node (its data dir is locked)'],
  ],
  options: { ...verifyOptions, ...configFileKeys } as typeof verifyOptions,
  // yargs adds the positional <target> next to the options.
  handler: async (args) => (await import('./handler.js')).verifyHandler(args as typeof args & { target: string }),
}
