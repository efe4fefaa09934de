import type { AttackStrategy, StrategyOptions } from './types.js'
import { activeWindow } from './window.js'

/**
 * `censor`: proposes honestly but, as a relay, never forwards one honest node's proposals (`options.target`, an
 * author id; the simulator picks the first honest node). Everything else it relays. The defences under test are
 * gossip redundancy (other mesh paths) and the grace-phase fetch from endorsers that did receive the proposal.
 * Without a target it censors nobody (a live node must be told whom to censor).
 */
export function censorStrategy(options: StrategyOptions = {}): AttackStrategy {
  const active = activeWindow(options)
  return {
    name: 'censor',
    active,
    relays: ({ author, topic, epoch }) => !(active(epoch) && author === options.target && topic.includes('/proposals/')),
  }
}
