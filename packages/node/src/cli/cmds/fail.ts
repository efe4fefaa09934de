import { ApiStartError } from '../../api/server.js'
import { ConfigError } from '../../config/errors.js'
import { StoreError } from '../../store/errors.js'
import { CliError } from '../util/errors.js'

/** Turns the node's one-line user errors (config, data dir, API port) into CliErrors; anything else is a bug. */
export async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreError || error instanceof ApiStartError) throw new CliError(error.message)
    throw error
  }
}
