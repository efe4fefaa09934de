import type { CliCommand } from '../../types.js'
import { type StatusArgs, statusOptions } from './options.js'

export const status: CliCommand<StatusArgs> = {
  command: 'status',
  describe: 'Show the status of a running node (GET /v1/status)',
  examples: [
    ['thermotruth status', 'Status of the node running on ~/.thermotruth/local'],
    ['thermotruth status --api-url http://127.0.0.1:9401 --json', 'Status of a node by URL, as JSON'],
  ],
  options: statusOptions,
  handler: async (args) => (await import('./handler.js')).statusHandler(args),
}
