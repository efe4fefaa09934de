import type { CliCommand } from '../../types.js'
import { deriveEntropyHandler } from './handler.js'
import { type DeriveEntropyArgs, deriveEntropyOptions } from './options.js'

/** `thermotruth derive-entropy`: the paper's Sec. 2.5 table of H, n_eff, T and error against the Byzantine fraction. */
export const deriveEntropy: CliCommand<DeriveEntropyArgs> = {
  command: 'derive-entropy',
  describe: "Print the paper's H / n_eff / T / error vs Byzantine-fraction table for a synthetic feed",
  examples: [
    ['thermotruth derive-entropy', 'Readable table, 100 nodes, attackers at μ + 100σ'],
    ['thermotruth derive-entropy --json --nodes 50 --seed 7', 'One JSON object with the setup and one row per f'],
    ['thermotruth derive-entropy --attack alie --trials 50', 'The same table under the "A Little Is Enough" attack'],
  ],
  options: deriveEntropyOptions,
  handler: deriveEntropyHandler,
}
