import type { CliCommand } from '../types.js'
import { bench } from './bench/index.js'
import { deriveEntropy } from './derive-entropy/index.js'
import { init } from './init/index.js'
import { join } from './join/index.js'
import { pow } from './pow/index.js'
import { report } from './report/index.js'
import { sim } from './sim/index.js'
import { start } from './start/index.js'
import { status } from './status/index.js'
import { swarm } from './swarm/index.js'
import { verify } from './verify/index.js'

/** Every top-level command, in the order `--help` lists them. Each lives in its own folder beside this file. */
export const commands: CliCommand<any>[] = [init, start, join, status, report, verify, swarm, sim, pow, deriveEntropy, bench]
