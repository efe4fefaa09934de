import type { CliCommand } from '../../../types.js'
import { mintHandler } from './handler.js'
import { type MintArgs, mintOptions } from './options.js'

export const mint: CliCommand<MintArgs> = {
  command: 'mint',
  describe: 'Mine an identity ticket anchored at the network genesis hash',
  examples: [
    ['thermotruth pow mint --bits 16 --out ticket.json --json', 'Mine a 16-bit ticket with a new key and print a JSON summary'],
    ['thermotruth pow mint --key node.key --network testnet --out ticket.json', 'Mine a ticket for an existing key on network "testnet"'],
  ],
  options: mintOptions,
  handler: mintHandler,
}
