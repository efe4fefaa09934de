import { DEFAULT_IDENTITY_BITS, DEFAULT_NETWORK_ID } from '@thermotruth/pow'
import type { CliCommandOptions } from '../../../types.js'

export interface MintArgs {
  bits: number
  network: string
  key?: string
  out: string
  workers?: number
}

/** Above this the CLI refuses: 2^40 hashes is days of CPU, almost certainly a typo. */
export const MAX_CLI_BITS = 40

export const mintOptions: CliCommandOptions<MintArgs> = {
  bits: { type: 'number', default: DEFAULT_IDENTITY_BITS, description: `Leading zero bits of work (2^bits expected hashes, max ${MAX_CLI_BITS})` },
  network: { type: 'string', default: DEFAULT_NETWORK_ID, description: 'Network id the ticket is bound to' },
  key: { type: 'string', description: 'File holding a 32-byte Ed25519 secret key as hex; default: generate one and save it to <out>.key (mode 0600)' },
  out: { type: 'string', demandOption: true, description: 'Where to write the ticket (JSON)' },
  workers: { type: 'number', description: 'Worker threads (default: all cores)' },
}
