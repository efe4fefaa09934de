/**
 * `THERMOTRUTH_<FLAG>` variables that name no flag of the command being run. yargs' strict mode treats every
 * prefixed variable as a flag, so one stray variable in an operator's shell (or one meant for another command, say
 * THERMOTRUTH_NODES while running `start`) would stop the node with "Unknown argument". The CLI warns about these
 * and drops them instead; flags given on the command line stay strict.
 */
import type { CliCommand } from '../types.js'

export const ENV_PREFIX = 'THERMOTRUTH'
const GLOBAL_FLAGS = ['json', 'config', 'settings', 'dump-config', 'help', 'version']

/** Flag spelling without case or separators: DATA_DIR, data-dir and dataDir all become datadir. */
const normalise = (name: string): string => name.toLowerCase().replace(/[-_]/g, '')

function flagsOf(cmd: CliCommand<any>): string[] {
  const positionals = [...cmd.command.matchAll(/[<[]([\w-]+)[\]>]/g)].map((m) => m[1])
  const options = Object.entries(cmd.options ?? {}).flatMap(([name, opt]) => [name, ...[opt.alias ?? []].flat()])
  return [...positionals, ...options]
}

/** The command (and subcommand) named by argv, as the chain of their definitions; empty when none is named. */
function commandChain(argv: string[], commands: CliCommand<any>[]): CliCommand<any>[] {
  const chain: CliCommand<any>[] = []
  let candidates = commands
  for (const word of argv.filter((a) => !a.startsWith('-'))) {
    const cmd = candidates.find((c) => c.command.split(' ')[0] === word)
    if (!cmd) break
    chain.push(cmd)
    candidates = cmd.subcommands ?? []
  }
  return chain
}

/** Names of the prefixed variables in `env` that are no flag of the command argv runs (of any command if none). */
export function strayEnvFlags(argv: string[], commands: CliCommand<any>[], env: NodeJS.ProcessEnv): string[] {
  const chain = commandChain(argv, commands)
  const scope = chain.length > 0 ? chain : commands.flatMap(function all(c): CliCommand<any>[] {
    return [c, ...(c.subcommands ?? []).flatMap(all)]
  })
  const known = new Set([...GLOBAL_FLAGS, ...scope.flatMap(flagsOf)].map(normalise))
  const prefix = `${ENV_PREFIX}_`
  return Object.keys(env).filter((key) => key.startsWith(prefix) && !known.has(normalise(key.slice(prefix.length))))
}
