import type { CliCommandOptions } from '../../types.js'
import { type ApiTargetArgs, apiTargetOptions } from '../../client/api-client.js'

export type StatusArgs = ApiTargetArgs

export const statusOptions: CliCommandOptions<StatusArgs> = { ...apiTargetOptions }
