import { resolve } from 'node:path'
import { runBench } from '../../../bench/run.js'
import { BENCH_NAMES, type BenchName } from '../../../bench/types.js'
import type { GlobalArgs } from '../../types.js'
import { CliError } from '../../util/errors.js'
import { info, printJson } from '../../util/output.js'
import type { BenchArgs } from './options.js'

export async function benchHandler(args: BenchArgs & GlobalArgs): Promise<void> {
  if (!BENCH_NAMES.includes(args.name as BenchName)) throw new CliError(`unknown bench '${args.name}' (pick one of ${BENCH_NAMES.join(', ')})`, 2)
  const outDir = resolve(args.out)
  if (args.sizes !== undefined && args.name !== 'scaling') throw new CliError(`--sizes applies to 'bench scaling' only, not '${args.name}'`, 2)
  const sizes = args.sizes === undefined ? undefined : parseSizes(args.sizes)
  const command = `thermotruth ${process.argv.slice(2).join(' ')}`
  const report = await runBench(args.name, { quick: args.quick, sizes, outDir, command, log: info, basePort: args['base-port'] })
  if (args.json) {
    printJson(report)
    return
  }
  if (report.pending) info(`bench ${report.bench}: pending: ${report.pending}`)
  for (const c of report.claims) info(`${c.holds === true ? 'holds  ' : c.holds === false ? 'MISSED ' : 'n/a    '} ${c.claim}: ${c.measured} (expected ${c.expected})${c.note ? `; ${c.note}` : ''}`)
  info(`bench ${report.bench}: wrote ${outDir}/${report.bench}.json${report.charts.length ? ` and ${report.charts.join(', ')}` : ''} in ${(report.durationMs / 1000).toFixed(0)} s`)
}

/** `--sizes 4,10,30`: distinct whole numbers of nodes, 2 to 1000 each. */
function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => part.trim())
  const bad = sizes.find((part) => !/^\d+$/.test(part) || Number(part) < 2 || Number(part) > 1000)
  if (sizes.length === 0 || bad !== undefined) throw new CliError(`--sizes: '${bad ?? text}' is not a node count from 2 to 1000 (example: --sizes 4,10,30)`, 2)
  return [...new Set(sizes.map(Number))].sort((a, b) => a - b)
}
