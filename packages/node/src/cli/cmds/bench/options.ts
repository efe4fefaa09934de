import { BENCH_NAMES, type BenchName } from '../../../bench/types.js'
import { DEFAULT_BENCH_BASE_PORT } from '../../../swarm/ports.js'
import type { CliCommandOptions } from '../../types.js'

export interface BenchArgs {
  name: BenchName
  out: string
  quick: boolean
  sizes?: string
  'base-port': number
}

export const benchOptions: CliCommandOptions<BenchArgs> = {
  name: { type: 'string', choices: [...BENCH_NAMES], description: 'Which benchmark' },
  out: { type: 'string', demandOption: true, description: 'Directory for <bench>.json and its SVG charts' },
  quick: { type: 'boolean', default: false, description: 'Smaller n and fewer epochs (minutes instead of tens of minutes)' },
  sizes: { type: 'string', description: 'scaling only: the n to run, comma-separated (default 4,10,30,60,100; --quick 4,10,30)' },
  'base-port': { type: 'number', default: DEFAULT_BENCH_BASE_PORT, description: 'First TCP port of the swarms the bench starts (node i: base-port + i)' },
}

export const benchNames = BENCH_NAMES
