import { ATTACKS, type AttackName } from '@thermotruth/anneal'
import type { CliCommandOptions } from '../../types.js'

export interface DeriveEntropyArgs {
  nodes: number
  seed: number
  trials: number
  attack: AttackName
}

export const deriveEntropyOptions: CliCommandOptions<DeriveEntropyArgs> = {
  nodes: { type: 'number', default: 100, description: 'Contributions per aggregation (2 to 10000)' },
  seed: { type: 'number', default: 1, description: 'uint32 seed of the synthetic data and of tempering' },
  trials: { type: 'number', default: 20, description: 'Aggregations averaged per row (1 to 10000)' },
  attack: { type: 'string', choices: [...ATTACKS], default: 'far-bias', description: 'What the Byzantine nodes send' },
}
