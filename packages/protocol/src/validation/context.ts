import type { TicketPolicy } from '@thermotruth/pow'
import type { EngineCrypto } from '../shared/types.js'
import type { AuthorId, Bytes, Proposal } from '../messages/types.js'
import type { DecodeCache } from '../wire/decode-cache.js'

/** A ticket this node already verified, remembered so later proposals may carry only its hash. */
export interface KnownTicket {
  hash: Bytes
  anchorEpoch: number
}

/** What the stateless validators need to know about the node's view; the engine provides it. */
export interface ValidationContext {
  networkId: string
  /** The epoch the node has reached. Messages for current - 1 .. current + 1 pass the epoch window. */
  currentEpoch: number
  /**
   * The epoch the node's clock shows, when the node may lag it (syncing, a stalled event loop): messages ahead of
   * `currentEpoch` but not ahead of the clock are ignored rather than rejected. Absent: the same as `currentEpoch`.
   */
  clockEpoch?: number
  crypto: Pick<EngineCrypto, 'verify'>
  /** pow's ticket policy; `currentEpoch` is filled in with the message's epoch. */
  ticketPolicy: Omit<TicketPolicy, 'currentEpoch'>
  knownTicket(author: AuthorId): KnownTicket | undefined
  /** Stamp bits enforced for proposals of `epoch` (pow.requiredStampBits of the controller state). */
  requiredStampBits(epoch: number): number
  /** Optional memo of decoded proposals by id (hex), shared across simulated nodes; cached objects are immutable. */
  decodeCache?: DecodeCache<Proposal>
}

/** Endorsements and estimates need no ticket or stamp context. */
export type SignedMessageContext = Pick<ValidationContext, 'networkId' | 'currentEpoch' | 'clockEpoch' | 'crypto'> & {
  /** When given, messages from authors outside the epoch's committee are ignored ('not-committee'). */
  isCommitteeMember?(author: AuthorId, epoch: number): boolean
}
