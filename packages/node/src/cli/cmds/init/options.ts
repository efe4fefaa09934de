import type { CliCommandOptions } from '../../types.js'
import { type NodeArgs, nodeOptions } from '../start/options.js'

export interface InitArgs extends NodeArgs {
  workers?: number
  ticket?: string
  key?: string
  bootstrap?: string[]
}

export const initOptions: CliCommandOptions<InitArgs> = {
  ...nodeOptions,
  workers: { type: 'number', description: 'Mining worker threads (default: all cores)' },
  bootstrap: {
    type: 'array',
    string: true,
    description: 'Peer multiaddr (with /p2p/<id>) to fetch a recent ticket anchor from, when a genesis-anchored ticket would already have lapsed (repeatable)',
  },
  ticket: { type: 'string', description: "Import a ticket minted elsewhere (`thermotruth pow mint --out FILE`) instead of mining one" },
  key: {
    type: 'string',
    description: 'With --ticket on a fresh data dir: the key file the ticket was minted for (default: <ticket>.key when it exists)',
  },
}
