import type { Options } from 'yargs'
import type { CliCommandOptions } from '../types.js'

/**
 * Declares flags kebab-case (`--data-dir`, as --help and the docs show them) for an Args type with camelCase keys:
 * yargs' camel-case expansion hands the handler both spellings.
 */
export function kebabFlags<Args>(options: Record<string, Options>): CliCommandOptions<Args> {
  return options as unknown as CliCommandOptions<Args>
}
