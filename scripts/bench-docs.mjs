#!/usr/bin/env node
// Regenerates docs/BENCHMARKS.md from the JSON written by `thermotruth bench <name> --out DIR`.
// Usage: node scripts/bench-docs.mjs [DIR=bench-out] [--doc docs/BENCHMARKS.md]   (build first: pnpm build)
import { relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const docFlag = args.indexOf('--doc')
const doc = resolve(docFlag >= 0 ? args[docFlag + 1] : `${root}/docs/BENCHMARKS.md`)
const positional = args.filter((a, i) => !a.startsWith('--') && (docFlag < 0 || i !== docFlag + 1))
const source = resolve(positional[0] ?? 'bench-out')

const { writeBenchmarksDoc } = await import('../packages/node/dist/src/bench/docs.js')
const { reports } = writeBenchmarksDoc(source, doc, relative(root, source) || '.')
if (reports === 0) {
  process.stderr.write(`bench-docs: no <bench>.json files in ${source}; run 'thermotruth bench <name> --out ${source}' first\n`)
  process.exit(1)
}
process.stderr.write(`bench-docs: wrote ${doc} from ${reports} report(s) in ${source}\n`)
