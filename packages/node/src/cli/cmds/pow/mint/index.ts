import type { CliCommand } from '../../../types.js'
import { mintHandler } from './handler.js'
import { type MintArgs, mintOptions } from './options.js'

export const mint: CliCommand<MintArgs> = {
  command: 'mint',
  describe: 'Mine an identity ticket anchored at the network genesis hash',
  examples: [
    ['thermotruth pow mint --bits 16 --out ticket.json --json', 'Mine a 16-bit ticket with a new key and print a JSON summary'],
    ['thermotruth pow mint --data-dir ~/.thermotruth/testnet-1 --network testnet-1 --out ticket.json', "Mine a ticket for a node's own key (its node.key) on the testnet"],
    ['thermotruth pow mint --key node.key --bits 24 --out ticket.json', 'Mine a 24-bit ticket for the key in node.key (libp2p protobuf or hex) on the local network'],
  ],
  options: mintOptions,
  handler: mintHandler,
}
