import { kebabFlags } from '../flags.js'
import { type ApiTargetArgs, apiTargetOptions } from '../../client/api-client.js'

export type StatusArgs = ApiTargetArgs

export const statusOptions = kebabFlags<StatusArgs>({ ...apiTargetOptions })
