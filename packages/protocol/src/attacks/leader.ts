import type { AttackStrategy, StrategyOptions } from './types.js'
import { activeWindow } from './window.js'

/**
 * `leader-censor`: proposes honestly, but as a linear epoch's leader refuses (never receipts, never includes) up to
 * `colluders` proposals from one tail: those below its own honest reading. The included set then leans to the
 * upper tail, the censorship attack that shifts a robust aggregate most without forging anything. Byzantine
 * colluders propose honestly here, so every refused proposal is an honest one.
 */
export function leaderCensorStrategy(options: StrategyOptions = {}): AttackStrategy {
  const active = activeWindow(options)
  return {
    name: 'leader-censor',
    active,
    leaderTakes: ({ epoch, value, ownValue, refused, colluders }) =>
      !(active(epoch) && value !== undefined && ownValue !== undefined && value < ownValue && refused < Math.max(1, colluders)),
  }
}

/** `leader-silent`: proposes and endorses, but as a leader sends neither a batch nor a certificate. */
export function leaderSilentStrategy(options: StrategyOptions = {}): AttackStrategy {
  const active = activeWindow(options)
  return { name: 'leader-silent', active, leaderSilent: (epoch) => active(epoch) }
}

/** `leader-equivocate`: as a leader, sends one batch to half of the audience and a different one to the other half. */
export function leaderEquivocateStrategy(options: StrategyOptions = {}): AttackStrategy {
  const active = activeWindow(options)
  return { name: 'leader-equivocate', active, leaderEquivocates: (epoch) => active(epoch) }
}
