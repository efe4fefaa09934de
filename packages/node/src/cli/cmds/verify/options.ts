import { kebabFlags } from '../flags.js'
import { type NodeArgs, nodeOptions } from '../start/options.js'

export interface VerifyArgs extends NodeArgs {
  previous?: string
  apiUrl?: string
}

export const verifyOptions = kebabFlags<VerifyArgs>({
  ...nodeOptions,
  previous: { type: 'string', description: 'Certificate file of the epoch before, to check the committee and chain link' },
  'api-url': { type: 'string', description: 'Fetch epoch certificates from this node API when the data dir is in use' },
})
