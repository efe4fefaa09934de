import type { CliCommand } from '../../types.js'
import { type ReportArgs, reportOptions } from './options.js'

export const report: CliCommand<ReportArgs> = {
  command: 'report',
  describe: 'Sign a client report with the data dir client key and submit it to a running node',
  examples: [
    ['thermotruth report --feed eth-usd --value 3012.5', 'Submit one value to the local node'],
    ['thermotruth report --feed eth-usd --value 3012.5 --wait --json', 'Submit and wait until it is finalized, as JSON'],
  ],
  options: reportOptions,
  handler: async (args) => (await import('./handler.js')).reportHandler(args),
}
