import type { Options } from 'yargs'

/** Options shared by every command, parsed before any command handler runs. */
export interface GlobalArgs {
  json?: boolean
  config?: string
  /** The operator settings file (JSON of flag values), see util/settings-file.ts. */
  settings?: string
  /** Print the effective settings as one JSON object and exit instead of running. */
  dumpConfig?: boolean
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
  /**
   * Values `--dump-config` adds to the flags: defaults the handler would resolve (data dir, ports), as flags, so
   * the dump pins what this run would use. May throw a CliError for a bad combination.
   */
  effectiveSettings?: (args: Args & GlobalArgs) => Promise<Record<string, unknown>>
}
