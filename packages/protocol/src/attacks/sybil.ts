import { biasStrategy } from './bias.js'
import type { AttackStrategy, StrategyOptions } from './types.js'

/**
 * `sybil`: each identity the attacker minted proposes a far outlier (+magnitude·σ, default 20). The attack is in
 * how many identities there are, which the driver decides from the attacker's CPU budget and the identity PoW
 * gate (see sim/sybil.ts); the value is deliberately crude so that the error shows who holds the seats.
 */
export function sybilStrategy(options: StrategyOptions = {}): AttackStrategy {
  return { ...biasStrategy(options), name: 'sybil' }
}
