import type { CliCommandOptions } from '../../types.js'
import { type NodeArgs, nodeOptions } from '../start/options.js'

export interface InitArgs extends NodeArgs {
  workers?: number
}

export const initOptions: CliCommandOptions<InitArgs> = {
  ...nodeOptions,
  workers: { type: 'number', description: 'Mining worker threads (default: all cores)' },
}
