import type { CliCommand } from '../../types.js'
import { mint } from './mint/index.js'
import { verify } from './verify/index.js'

/** `thermotruth pow <mint|verify>`: identity tickets from the command line. */
export const pow: CliCommand = {
  command: 'pow',
  describe: 'Mint and verify proof-of-work identity tickets',
  examples: [
    ['thermotruth pow mint --bits 20 --out ticket.json', 'Mine a 20-bit ticket for a fresh Ed25519 key (key saved to ticket.json.key)'],
    ['thermotruth pow verify ticket.json', 'Check a ticket file; exit 0 if valid'],
  ],
  subcommands: [mint, verify],
}
