import { alieStrategy } from './alie.js'
import { biasStrategy } from './bias.js'
import { equivocateStrategy } from './equivocate.js'
import { lateStrategy } from './late.js'
import { noiseStrategy } from './noise.js'
import type { AttackStrategy, StrategyFactory, StrategyOptions } from './types.js'
import { withholdStrategy } from './withhold.js'

export type { AttackStrategy, PublishContext, Release, StrategyFactory, StrategyOptions, ValueContext } from './types.js'

/** Every strategy by its `--attack` name. New strategies (spam, flash, censor, sybil) register here. */
export const ATTACKS: Readonly<Record<string, StrategyFactory>> = Object.freeze({
  bias: biasStrategy,
  noise: noiseStrategy,
  alie: alieStrategy,
  equivocate: equivocateStrategy,
  late: lateStrategy,
  withhold: withholdStrategy,
})

export class UnknownAttackError extends Error {
  constructor(name: string) {
    super(`unknown attack '${name}'; known: ${Object.keys(ATTACKS).join(', ')}`)
    this.name = 'UnknownAttackError'
  }
}

export function createStrategy(name: string, options?: StrategyOptions): AttackStrategy {
  const factory = ATTACKS[name]
  if (!factory) throw new UnknownAttackError(name)
  return factory(options)
}
