import { type ApiTargetArgs, apiTargetOptions } from '../../client/api-client.js'
import { kebabFlags } from '../flags.js'

export interface ReportArgs extends ApiTargetArgs {
  feed: string
  value: number[]
  wait: boolean
  waitSeconds: number
}

export const reportOptions = kebabFlags<ReportArgs>({
  ...apiTargetOptions,
  feed: { type: 'string', demandOption: true, description: 'Feed id, e.g. eth-usd' },
  value: { type: 'array', number: true, demandOption: true, description: 'Value (repeat for a vector feed: --value 1 --value 2)' },
  wait: { type: 'boolean', default: false, description: 'Wait until the report is finalized or rejected' },
  'wait-seconds': { type: 'number', default: 60, description: 'Give up waiting after this many seconds' },
})
