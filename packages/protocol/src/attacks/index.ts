import { alieStrategy } from './alie.js'
import { biasStrategy } from './bias.js'
import { censorStrategy } from './censor.js'
import { equivocateStrategy } from './equivocate.js'
import { flashStrategy } from './flash.js'
import { lateStrategy } from './late.js'
import { leaderCensorStrategy, leaderEquivocateStrategy, leaderSilentStrategy } from './leader.js'
import { noiseStrategy } from './noise.js'
import { spamStrategy } from './spam.js'
import { sybilStrategy } from './sybil.js'
import type { AttackStrategy, StrategyFactory, StrategyOptions } from './types.js'
import { withholdStrategy } from './withhold.js'

export type { AttackStrategy, LeaderTakeContext, PublishContext, Release, StrategyFactory, StrategyOptions, ValueContext } from './types.js'

/** Every strategy by its `--attack` name. */
export const ATTACKS: Readonly<Record<string, StrategyFactory>> = Object.freeze({
  bias: biasStrategy,
  noise: noiseStrategy,
  alie: alieStrategy,
  equivocate: equivocateStrategy,
  late: lateStrategy,
  withhold: withholdStrategy,
  spam: spamStrategy,
  flash: flashStrategy,
  censor: censorStrategy,
  sybil: sybilStrategy,
  'leader-censor': leaderCensorStrategy,
  'leader-silent': leaderSilentStrategy,
  'leader-equivocate': leaderEquivocateStrategy,
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
