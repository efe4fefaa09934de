/**
 * Everything one node holds about one epoch: the proposals it collected (first valid one per author, plus
 * equivocation evidence), the endorsements it counted, its own result, and where the epoch stands.
 */
import type { AuthorId, Endorsement, EpochRecord, FinalityCertificate, Proposal } from '../messages/types.js'
import type { FeedEstimate } from '../agreement/index.js'
import type { AnnealOutcome } from './aggregate.js'
import { LinearState } from './linear-path.js'

export interface HeldProposal {
  proposal: Proposal
  bytes: Uint8Array
  /** Hex proposal id (digest of the canonical encoding). */
  id: string
  idBytes: Uint8Array
}

export type EpochPhase = 'linear' | 'collect' | 'grace' | 'awaiting-parent' | 'endorsed' | 'agreement' | 'certified' | 'approximate'

export interface OwnResult {
  setDigest: Uint8Array
  setDigestHex: string
  record: EpochRecord
  recordDigest: Uint8Array
  recordDigestHex: string
  outcome: AnnealOutcome
  included: HeldProposal[]
}

export interface AgreementState {
  round: number
  roundEndsAt: number
  estimate: FeedEstimate[]
  spread: number
}

export class EpochState {
  phase: EpochPhase = 'collect'
  readonly proposals = new Map<AuthorId, HeldProposal>()
  /** Equivocators of this epoch with the two conflicting proposals as evidence. */
  readonly equivocators = new Map<AuthorId, [Uint8Array, Uint8Array]>()
  readonly endorsements = new Map<AuthorId, Endorsement>()
  readonly doubleEndorsers = new Set<AuthorId>()
  /** recordDigest hex -> endorsers. */
  readonly tally = new Map<string, Set<AuthorId>>()
  readonly setDigestOf = new Map<string, Uint8Array>()
  /** Records computed for digests other than ours (after fetching an endorser's set), by record digest hex. */
  readonly foreignResults = new Map<string, OwnResult>()
  own?: OwnResult
  ownEndorsement?: Endorsement
  endorsementPublished = false
  certificate?: FinalityCertificate
  approximateRecord?: EpochRecord
  agreement?: AgreementState
  /** Approximate-agreement estimates by round, then author, then feed. */
  readonly agreementInbox = new Map<number, Map<AuthorId, FeedEstimate[]>>()
  committeeSet?: Set<AuthorId>
  committeeRef?: AuthorId[]
  /** Committee members among each digest's endorsers (kept incrementally). */
  readonly memberCount = new Map<string, number>()
  expectedRef?: AuthorId[]
  provisional?: AuthorId[]
  expectedBase?: AuthorId[]
  expectedFull?: AuthorId[]
  /** Last epoch's proposers this node held, snapshotted once (engine.lastProposers). */
  lastProposers?: AuthorId[]
  provisionalParent?: EpochRecord
  missing?: Set<AuthorId>
  readonly setFetchTries = new Map<string, number>()
  /** Outstanding fetches: request id -> purpose. */
  readonly fetching = new Set<number>()
  readonly fetchedFrom = new Set<AuthorId>()
  closedAt?: number
  /** Set once the view is complete while holding equivocation evidence: close no earlier than this. */
  settleAt?: number
  ownProposalIds: string[] = []
  /** The linear epoch's views, receipts, batches and leader state (unused on the gossip path). */
  readonly linear = new LinearState()

  constructor(
    readonly epoch: number,
    readonly startMs: number,
  ) {}

  /** Proposals that count: one per author, equivocators and excluded authors left out. */
  usable(excluded: (author: AuthorId) => boolean): HeldProposal[] {
    const out: HeldProposal[] = []
    for (const [author, held] of this.proposals) {
      if (this.equivocators.has(author) || excluded(author)) continue
      out.push(held)
    }
    return out
  }

  resolved(): boolean {
    return this.phase === 'certified' || this.phase === 'approximate'
  }
}
