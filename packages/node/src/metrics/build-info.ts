import { readFileSync } from 'node:fs'

let cached: string | undefined

/**
 * The node package's version, read once from packages/node/package.json (this file is dist/src/metrics/, three
 * levels below it), so `thermotruth_build_info` and the OpenAPI document name the same version the package does.
 */
export function nodePackageVersion(): string {
  if (cached !== undefined) return cached
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
    cached = typeof pkg.version === 'string' ? pkg.version : 'unknown'
  } catch {
    cached = 'unknown'
  }
  return cached
}
