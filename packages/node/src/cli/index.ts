import yargs, { type Argv } from 'yargs'
import { commands } from './cmds/index.js'
import type { CliCommand, GlobalArgs } from './types.js'
import { ENV_PREFIX, strayEnvFlags } from './util/env-flags.js'
import { CliError } from './util/errors.js'
import { printJson } from './util/output.js'
import { effectiveFlags, readSettingsFile } from './util/settings-file.js'
import { ignoreBrokenPipes } from './util/shutdown.js'
import { cliVersion } from './util/version.js'

const EPILOGUE = [
  'Every flag can also be set as an environment variable THERMOTRUTH_<FLAG> (e.g. THERMOTRUTH_DATA_DIR), or in an operator settings file given with --settings FILE (JSON: {"api-port": 9401, "log-level": "debug"}); --dump-config prints the effective settings in that form.',
  'On start, join and init, --config FILE is the network spec (same as --network-config).',
  'Shell completion: thermotruth completion >> ~/.bashrc. Docs: README.md, docs/OPERATING.md and packages/*/README.md.',
].join('\n\n')

function register(parent: Argv, cmd: CliCommand<any>): Argv {
  return parent.command({
    command: cmd.command,
    describe: cmd.describe,
    builder: (y: Argv) => {
      if (cmd.options) y.options(cmd.options)
      for (const [example, what] of cmd.examples ?? []) y.example(example, what)
      for (const sub of cmd.subcommands ?? []) register(y, sub)
      if (cmd.subcommands?.length && !cmd.handler) y.demandCommand(1, `pick a subcommand of '${cmd.command}'`)
      return y
    },
    handler: async (args: any) => {
      if ((args as GlobalArgs).dumpConfig) {
        const flags = effectiveFlags(cmd.options ?? {}, args)
        printJson({ ...flags, ...(await cmd.effectiveSettings?.(args)) })
        return
      }
      if (cmd.handler) await cmd.handler(args)
    },
  })
}

/** Parses argv and runs the command. Never throws: user errors print one line; bugs print a stack. */
export async function runCli(argv: string[]): Promise<void> {
  ignoreBrokenPipes()
  for (const name of strayEnvFlags(argv, commands, process.env)) {
    process.stderr.write(`warning: ignoring ${name}: no flag of this command reads it\n`)
    delete process.env[name]
  }
  let parser: Argv = yargs(argv)
    .scriptName('thermotruth')
    .usage('Usage: $0 <command> [options]\n\nA ThermoTruth peer-to-peer node: PoW-gated identities, gossiped proposals, annealed consensus on real-valued feeds.')
    .version(cliVersion())
    .env(ENV_PREFIX)
    .option('json', { type: 'boolean', description: 'Print exactly one JSON object on stdout' })
    .config('config', 'Read flags from a JSON file (on start, join and init: the network spec, see --network-config)')
    .config('settings', 'Operator settings file: a JSON object of this command\'s flags, e.g. {"api-port": 9401}', readSettingsFile)
    .option('dump-config', { type: 'boolean', description: 'Print the effective settings (flags, THERMOTRUTH_* variables, --settings file, defaults) as JSON usable with --settings, and exit' })
    .completion('completion', 'Print a bash/zsh completion script (thermotruth completion >> ~/.bashrc)')
    .strict()
    .recommendCommands()
    .demandCommand(1, 'pick a command (see the list above)')
    .epilogue(EPILOGUE)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error, y) => {
      // yargs reports its own parse problems (an unreadable --config file, a bad flag value) as YError: usage errors.
      if (error && error.name !== 'YError') throw error
      void y
      process.stderr.write(`error: ${message}\nRun 'thermotruth --help' for usage.\n`)
      process.exit(2)
    })
  for (const cmd of commands) parser = register(parser, cmd)
  try {
    await parser.parseAsync()
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`)
      process.exit(error.exitCode)
    }
    process.stderr.write(`thermotruth: unexpected error (please report it):\n${(error as Error)?.stack ?? String(error)}\n`)
    process.exit(70)
  }
}
