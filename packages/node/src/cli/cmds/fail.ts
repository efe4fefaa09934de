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
    // libp2p's own words, past the address probe in cli/util/addresses.ts (e.g. a port taken in between).
    if ((error as Error)?.name === 'UnsupportedListenAddressesError') throw new CliError(`--listen: libp2p could not listen (${oneLine((error as Error).message)}); check the addresses and that no other process holds the ports`)
    throw error
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300)
}
