import { biasStrategy } from './bias.js'
import type { AttackStrategy, StrategyOptions } from './types.js'

/** Epochs a `flash` attacker behaves (earning reputation) before it strikes. */
export const FLASH_QUIET_EPOCHS = 10

/**
 * `flash` (covert flash): every attacker behaves honestly for `quietEpochs` epochs after `fromEpoch`, earning the
 * same reputation as an honest node, then all strike together with a far outlier (+magnitude·σ, default 20). The
 * question it asks: does earned standing buy the attackers any weight once they turn?
 */
export function flashStrategy(options: StrategyOptions = {}, quietEpochs = FLASH_QUIET_EPOCHS): AttackStrategy {
  const strike = biasStrategy({ ...options, fromEpoch: (options.fromEpoch ?? 0) + quietEpochs })
  return { ...strike, name: 'flash' }
}
