/**
 * The operator settings file (`--settings FILE`): one JSON object whose keys are flags of the command being run,
 * spelled as on the command line (`"api-port": 9401`, `"log-level": "debug"`). Precedence, highest first: command
 * line, THERMOTRUTH_* variables, the settings file, defaults. A key that names no flag of the command is refused
 * (yargs' strict mode), so a typo does not silently fall back to a default.
 */
import { readFileSync } from 'node:fs'
import { CliError } from './errors.js'

export function readSettingsFile(path: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new CliError(`--settings ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 2)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CliError(`--settings ${path}: not valid JSON (${(error as Error).message})`, 2)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliError(`--settings ${path}: expected one JSON object of flag names and values, e.g. {"api-port": 9401}`, 2)
  if ('settings' in value) throw new CliError(`--settings ${path}: a settings file cannot name another settings file`, 2)
  return value as Record<string, unknown>
}

/**
 * The effective flags of a command as a settings file: every declared, non-hidden flag with a value, kebab-case.
 * `--dump-config` prints this; saved to a file it reproduces the run with `--settings`.
 */
export function effectiveFlags(options: Record<string, { hidden?: boolean }>, args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, opt] of Object.entries(options)) {
    if (opt.hidden) continue
    const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    const value = args[camel] ?? args[name]
    if (value !== undefined) out[name] = value
  }
  return out
}
