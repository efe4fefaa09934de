/**
 * Epoch window: a node handles messages for current - 1 .. current + 1, where current is the epoch it has reached.
 * Older messages are ignored (an honest peer can deliver late; no penalty).
 *
 * A message more than one epoch ahead is judged against the node's clock, not its progress. With clocks synchronised
 * within one period, no honest node can be two epochs ahead of the clock, so the forwarding peer is penalised. But a
 * node still syncing, or one whose event loop stalled, has not reached the epoch its clock shows: messages between its
 * progress and its clock are ignored, because the node, not the peer, is behind. (Rejecting them charged honest
 * peers under the gossip threshold whenever a node started up under load.)
 */
import type { Verdict } from '../shared/types.js'
import { ignore, reject } from './verdict.js'

/** `clockEpoch`: the epoch the node's clock shows (at least `currentEpoch`; Infinity before the node has seen the time). */
export function epochWindowVerdict(epoch: number, currentEpoch: number, clockEpoch = currentEpoch): Verdict | undefined {
  if (epoch < currentEpoch - 1) return ignore('wrong-epoch', `epoch ${epoch} is older than ${currentEpoch - 1}`)
  const clock = Math.max(currentEpoch, clockEpoch)
  if (epoch > clock + 1) return reject('wrong-epoch', `epoch ${epoch} is ahead of ${clock + 1}`)
  if (epoch > currentEpoch + 1) return ignore('wrong-epoch', `epoch ${epoch} is ahead of this node, which is at ${currentEpoch} and catching up`)
  return undefined
}
