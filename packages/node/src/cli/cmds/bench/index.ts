import type { CliCommand } from '../../types.js'
import { benchHandler } from './handler.js'
import { type BenchArgs, benchNames, benchOptions } from './options.js'

export const bench: CliCommand<BenchArgs> = {
  command: `bench <name>`,
  describe: `Run a benchmark (${benchNames.join(' | ')}) and write its JSON and SVG chart; docs: node scripts/bench-docs.mjs`,
  examples: [
    ['thermotruth bench scaling --json --out bench-out', 'ThermoTruth, gossip floor and PBFT at n = 4..100 in one run'],
    ['thermotruth bench bandwidth --quick --out bench-out', 'bytes per node per epoch by protocol, n = 4..30'],
    ['node scripts/bench-docs.mjs bench-out', 'regenerate docs/BENCHMARKS.md from the JSON files'],
  ],
  options: benchOptions,
  handler: benchHandler,
}
