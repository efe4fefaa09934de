import type { CliCommand } from '../types.js'
import { bench } from './bench/index.js'
import { deriveEntropy } from './derive-entropy/index.js'
import { init } from './init/index.js'
import { pow } from './pow/index.js'
import { sim } from './sim/index.js'
import { status } from './status/index.js'
import { swarm } from './swarm/index.js'

/** Every top-level command, in the order `--help` lists them. Each lives in its own folder beside this file. */
export const commands: CliCommand<any>[] = [init, status, swarm, pow, deriveEntropy, bench, sim]
