/**
 * The committee of epoch e: the authors included in the last finalized record before e (normally e − 1), minus
 * identities whose ticket is not valid at e and identities evicted at e. Epoch 0 (or no record yet) uses the
 * configured genesis committee. A newcomer with a valid ticket is aggregated as soon as its proposal arrives,
 * lands in that epoch's record, and so sits on the committee from the next epoch. Output: sorted hex author ids
 * (the canonical order the seen-set bitmap and certificate committee use).
 */
import type { AuthorId, EpochRecord } from '../messages/types.js'
import { authorId } from '../wire/digests.js'

export type AuthorPredicate = (author: AuthorId, epoch: number) => boolean

export function committeeFor(
  epoch: number,
  previousRecord: EpochRecord | undefined,
  isEvicted: AuthorPredicate,
  hasValidTicket: AuthorPredicate,
  genesisCommittee: readonly AuthorId[] = [],
): AuthorId[] {
  if (previousRecord !== undefined && previousRecord.epoch >= epoch) {
    throw new RangeError(`previous record is for epoch ${previousRecord.epoch}, not before ${epoch}`)
  }
  const candidates =
    previousRecord === undefined ? [...genesisCommittee] : previousRecord.includedAuthors.map((key) => authorId(key))
  const seated = candidates.filter(
    (a) => !isEvicted(a, epoch) && (previousRecord === undefined || hasValidTicket(a, epoch)),
  )
  return [...new Set(seated)].sort()
}
