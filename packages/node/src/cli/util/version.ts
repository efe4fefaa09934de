import { readFileSync } from 'node:fs'

/**
 * The CLI's version, read from @thermotruth/node's package.json (this file runs from dist/src/cli/util/, in the
 * checkout and in an installed tarball alike). yargs' own lookup searches from the entry script and found no
 * version field there, hence `--version` printed `unknown`.
 */
export function cliVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : 'unknown'
  } catch {
    return 'unknown'
  }
}
