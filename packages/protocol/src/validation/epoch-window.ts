/**
 * Epoch window: a node handles messages for current - 1 .. current + 1. Older messages are ignored (an honest peer
 * can deliver late; no penalty), messages more than one epoch ahead are rejected (with clocks synchronised within
 * one period, no honest node can be two epochs ahead, so the forwarding peer is penalised).
 */
import type { Verdict } from '../shared/types.js'
import { ignore, reject } from './verdict.js'

export function epochWindowVerdict(epoch: number, currentEpoch: number): Verdict | undefined {
  if (epoch < currentEpoch - 1) return ignore('wrong-epoch', `epoch ${epoch} is older than ${currentEpoch - 1}`)
  if (epoch > currentEpoch + 1) return reject('wrong-epoch', `epoch ${epoch} is ahead of ${currentEpoch + 1}`)
  return undefined
}
