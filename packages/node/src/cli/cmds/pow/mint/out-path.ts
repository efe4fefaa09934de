import { accessSync, constants, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { CliError } from '../../../util/errors.js'

/**
 * Fails before mining if `file` could not be written afterwards (missing or read-only directory, a directory in its
 * place): a 24-bit ticket is minutes of CPU, lost if the write fails at the end.
 */
export function assertWritableTarget(file: string, flag: string): void {
  const dir = dirname(resolve(file))
  let dirStat: ReturnType<typeof statSync>
  try {
    dirStat = statSync(dir)
  } catch {
    throw new CliError(`${flag} ${file}: directory ${dir} does not exist; create it first`, 2)
  }
  if (!dirStat.isDirectory()) throw new CliError(`${flag} ${file}: ${dir} is not a directory`, 2)
  let existing: ReturnType<typeof statSync> | undefined
  try {
    existing = statSync(file)
  } catch {
    existing = undefined
  }
  if (existing?.isDirectory()) throw new CliError(`${flag} ${file}: is a directory; name a file`, 2)
  try {
    accessSync(existing === undefined ? dir : file, constants.W_OK)
  } catch {
    throw new CliError(`${flag} ${file}: ${existing === undefined ? `directory ${dir}` : 'the file'} is not writable; pick another path`, 2)
  }
}
