import { DEFAULT_TICKET_VALID_EPOCHS } from '@thermotruth/pow'
import type { CliCommandOptions } from '../../../types.js'

export interface VerifyArgs {
  network: string
  'network-config'?: string
  'min-bits': number
  epoch?: number
  'valid-for': number
  anchor?: string
}

export const verifyOptions: CliCommandOptions<VerifyArgs> = {
  network: { type: 'string', default: 'local', description: "Network the ticket must belong to (the node's: 'local', 'testnet-1', ...); its bundled config gives the genesis anchor" },
  'network-config': { type: 'string', description: 'Network spec file to take the network id and genesis anchor from, instead of --network' },
  'min-bits': { type: 'number', default: 0, description: 'Least bits the ticket must claim (0: only check that the work meets its own claim)' },
  epoch: { type: 'number', description: "Current epoch to check expiry against (default: the ticket's anchor epoch)" },
  'valid-for': { type: 'number', default: DEFAULT_TICKET_VALID_EPOCHS, description: 'Epochs a ticket stays valid after its anchor epoch' },
  anchor: { type: 'string', description: "Finalized hash (hex) of the ticket's anchor epoch; epoch 0 defaults to the network genesis hash" },
}
