import type { CliCommand } from '../../../types.js'
import { verifyHandler } from './handler.js'
import { type VerifyArgs, verifyOptions } from './options.js'

export const verify: CliCommand<VerifyArgs> = {
  command: 'verify <file>',
  describe: 'Verify an identity ticket file: exit 0 valid, 1 rejected (with the reason), 2 unreadable or malformed',
  examples: [
    ['thermotruth pow verify ticket.json', 'Check a ticket minted for the default network'],
    ['thermotruth pow verify ticket.json --min-bits 20 --epoch 5 --json', 'Require 20 bits, check expiry at epoch 5, print JSON'],
  ],
  options: verifyOptions,
  // yargs adds the positional <file> next to the options.
  handler: (args) => verifyHandler(args as typeof args & { file: string }),
}
