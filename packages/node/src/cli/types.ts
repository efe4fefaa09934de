import type { Options } from 'yargs'

/** Options shared by every command, parsed before any command handler runs. */
export interface GlobalArgs {
  json?: boolean
  config?: string
}

/** A typed map from flag name to its yargs definition, in the style of Lodestar's `CliCommandOptions`. */
export type CliCommandOptions<Args> = Required<{ [K in keyof Args]: Options }>

/**
 * One CLI command. Each lives in `cmds/<name>/` as `index.ts` (this object), `options.ts` (its `Args` type
 * and option map) and `handler.ts` (the work). Commands may nest (`pow mint`).
 */
export interface CliCommand<Args = Record<string, never>> {
  command: string
  describe: string
  /** Worked examples shown under --help: [command line, what it does]. */
  examples?: Array<[string, string]>
  options?: CliCommandOptions<Args>
  subcommands?: CliCommand<any>[]
  handler?: (args: Args & GlobalArgs) => Promise<void>
}
