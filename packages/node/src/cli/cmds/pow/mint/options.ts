import type { CliCommandOptions } from '../../../types.js'
import { kebabFlags } from '../../flags.js'

export interface MintArgs {
  bits?: number
  network: string
  networkConfig?: string
  key?: string
  dataDir?: string
  out: string
  workers?: number
}

/** Above this the CLI refuses: 2^40 hashes is days of CPU, almost certainly a typo. */
export const MAX_CLI_BITS = 40

export const mintOptions: CliCommandOptions<MintArgs> = kebabFlags<MintArgs>({
  bits: { type: 'number', description: `Leading zero bits of work (2^bits expected hashes, max ${MAX_CLI_BITS}); default: the network's identityBits` },
  network: { type: 'string', default: 'local', description: "Network id the ticket is bound to (the node's: 'local', 'testnet-1', ...); its bundled config gives the genesis anchor" },
  'network-config': { type: 'string', description: 'Network spec file to take the network id, genesis anchor and bits from, instead of --network' },
  key: {
    type: 'string',
    description: "Key file: a node's node.key (libp2p protobuf, as init writes it) or a 32-byte Ed25519 secret as 64 hex characters; default: generate one and save it to <out>.key (mode 0600)",
  },
  'data-dir': { type: 'string', description: "Mine for the node of this data dir (reads <data-dir>/node.key; same as --key <data-dir>/node.key)" },
  out: { type: 'string', demandOption: true, description: 'Where to write the ticket (JSON); checked before mining' },
  workers: { type: 'number', description: 'Worker threads (default: all cores)' },
})
