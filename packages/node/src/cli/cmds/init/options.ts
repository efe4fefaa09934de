import type { CliCommandOptions } from '../../types.js'
import { type NodeArgs, nodeOptions } from '../start/options.js'

export interface InitArgs extends NodeArgs {
  workers?: number
  ticket?: string
  key?: string
}

export const initOptions: CliCommandOptions<InitArgs> = {
  ...nodeOptions,
  workers: { type: 'number', description: 'Mining worker threads (default: all cores)' },
  ticket: { type: 'string', description: "Import a ticket minted elsewhere (`thermotruth pow mint --out FILE`) instead of mining one" },
  key: {
    type: 'string',
    description: 'With --ticket on a fresh data dir: the key file the ticket was minted for (default: <ticket>.key when it exists)',
  },
}
