/**
 * The node's certified history and everything derived from it deterministically: committees (committee/),
 * stamp difficulty, and reputation with evictions (reputation/). Every honest node that certified the same
 * records (and saw the same equivocation evidence) derives the same state, which is what lets them agree on who
 * counts in the next epoch.
 */
import { committeeFor } from '../committee/index.js'
import type { AuthorId, EpochRecord, FinalityCertificate } from '../messages/types.js'
import { type Eviction, Reputation, type ReputationConfig } from '../reputation/index.js'
import type { EngineTuning } from './types.js'

export interface CertifiedEpoch {
  record: EpochRecord
  digest: Uint8Array
  digestHex: string
  certificate?: FinalityCertificate
  temperature: number
  entropyBits: number
}

export type { Eviction }

export class Chain {
  readonly certified = new Map<number, CertifiedEpoch>()
  readonly approximate = new Set<number>()
  readonly reputation: Reputation
  private readonly committeeCache = new Map<number, AuthorId[]>()
  /** Identities whose cool-down ends just before an epoch, by that epoch: expected back as proposers. */
  private readonly returning = new Map<number, AuthorId[]>()
  lastCertified: number | undefined
  /**
   * Epochs below this are settled history the node never ran itself: a restored or synced certificate proved (by
   * its hash link, or as a verified checkpoint) that nothing it lacks below this epoch can change its chain.
   */
  private settledBelow = 0

  constructor(
    private readonly genesisCommittee: AuthorId[],
    private readonly genesisHash: Uint8Array,
    private readonly tuning: EngineTuning,
    reputation: Partial<ReputationConfig>,
    private readonly hasValidTicket: (author: AuthorId, epoch: number) => boolean,
  ) {
    this.reputation = new Reputation(reputation)
  }

  isEvicted(author: AuthorId, epoch: number): boolean {
    return this.reputation.isEvicted(author, epoch)
  }

  /**
   * Committee of epoch e (committee/committeeFor): the authors of the latest certified record before e, minus
   * evicted identities and expired tickets; after an approximate epoch the earlier record carries over. Undefined
   * while e-1 is unresolved on this node.
   */
  committee(epoch: number): AuthorId[] | undefined {
    const cached = this.committeeCache.get(epoch)
    if (cached) return cached
    if (epoch > 0 && !this.resolved(epoch - 1)) return undefined
    const previous = this.latestCertifiedAtOrBefore(epoch - 1)?.record
    const committee = committeeFor(epoch, previous, (a, e) => this.isEvicted(a, e), this.hasValidTicket, this.genesisCommittee)
    this.committeeCache.set(epoch, committee)
    return committee
  }

  /** Best guess at epoch e's proposers before e-1 resolves (for the fast path only, never for quorums). */
  expectedProposers(epoch: number, provisionalParent?: EpochRecord): AuthorId[] {
    const known = this.committee(epoch)
    if (known) return known
    const previous = provisionalParent ?? this.latestCertifiedAtOrBefore(epoch - 1)?.record
    return committeeFor(epoch, previous, (a, e) => this.isEvicted(a, e), this.hasValidTicket, this.genesisCommittee)
  }

  resolved(epoch: number): boolean {
    return epoch < this.settledBelow || this.certified.has(epoch) || this.approximate.has(epoch)
  }

  latestCertifiedAtOrBefore(epoch: number): CertifiedEpoch | undefined {
    if (this.lastCertified === undefined) return undefined
    for (let e = Math.min(epoch, this.lastCertified); e >= 0; e--) {
      const c = this.certified.get(e)
      if (c) return c
    }
    return undefined
  }

  /** Difficulty (real-valued) whose rounded bits epoch e's stamps must carry: set by the record two epochs back. */
  stampDifficulty(epoch: number): number {
    return this.latestCertifiedAtOrBefore(epoch - 2)?.record.nextDifficulty ?? this.tuning.stampDifficulty.initial
  }

  /** The record e's hash-chain link and controller inputs: the latest certified record before e. */
  parent(epoch: number): { digest: Uint8Array; difficulty: number; entropyBits: number | undefined; temperature: number | undefined } {
    const prev = this.latestCertifiedAtOrBefore(epoch - 1)
    if (!prev) return { digest: this.genesisHash, difficulty: this.tuning.stampDifficulty.initial, entropyBits: undefined, temperature: undefined }
    return { digest: prev.digest, difficulty: prev.record.nextDifficulty, entropyBits: prev.entropyBits, temperature: prev.temperature }
  }

  /** True while the last certified epoch ran hot: anneal harder (self-healing). */
  hot(epoch: number, threshold: number): boolean {
    const t = this.parent(epoch).temperature
    return t !== undefined && t > threshold
  }

  certify(epoch: CertifiedEpoch): void {
    this.certified.set(epoch.record.epoch, epoch)
    this.approximate.delete(epoch.record.epoch)
    if (this.lastCertified === undefined || epoch.record.epoch > this.lastCertified) this.lastCertified = epoch.record.epoch
    // Later committees were not computable before (their parent was unresolved), so nothing cached is stale;
    // only a late certificate that overrides an approximate epoch changes what later committees derive from.
    this.dropCommitteesAfter(epoch.record.epoch)
  }

  /**
   * Settles every epoch below `epoch`: a certificate for `epoch` whose record links (previousRecordDigest) to this
   * chain's latest certified record proves that no epoch in between was certified, so the gap can never add a record.
   */
  settleBefore(epoch: number): void {
    if (epoch <= this.settledBelow) return
    this.settledBelow = epoch
    this.dropCommitteesAfter(epoch - 1)
  }

  /**
   * Starts an empty chain at a checkpoint: the certificate of `epoch`, already verified by the driver, with the
   * committee it was certified by. Later committees derive from its record as usual.
   */
  anchor(epoch: number, committee: AuthorId[]): void {
    this.settleBefore(epoch)
    this.committeeCache.set(epoch, committee)
  }

  markApproximate(epoch: number): void {
    if (!this.certified.has(epoch)) this.approximate.add(epoch)
  }

  private dropCommitteesAfter(epoch: number): void {
    for (const e of [...this.committeeCache.keys()]) if (e > epoch) this.committeeCache.delete(e)
  }

  /** Folds a certified epoch's Boltzmann weights (mean over feeds, summing to 1) and far outliers into reputation. */
  updateReputation(epoch: number, weights: ReadonlyMap<AuthorId, number>, far?: ReadonlySet<AuthorId>): Eviction[] {
    const evictions = this.reputation.update(epoch, this.committee(epoch) ?? [], weights, far)
    if (evictions.length > 0) this.dropCommitteesAfter(epoch)
    for (const { author, untilEpoch } of evictions) {
      const back = this.returning.get(untilEpoch + 1) ?? []
      back.push(author)
      this.returning.set(untilEpoch + 1, back.sort())
    }
    return evictions
  }

  /**
   * Identities that come back from a cool-down in this epoch. They are not on the committee (not in the previous
   * record) but every honest node knows they are due, so the fast path waits for them like for members: without
   * that, nodes that closed before a returning proposal arrived and nodes that closed after it would aggregate
   * different sets (measured: one approximate epoch per cool-down at n = 100 under the bias attack).
   */
  returningAt(epoch: number): AuthorId[] {
    return this.returning.get(epoch) ?? []
  }

  /** Proven equivocation: evicted for good from the epoch after the evidence (reputation/penalizeEquivocation). */
  /** Evicts on evidence found in `epoch`, from the next epoch on: the evidence epoch's committee stays as derived. */
  evictEquivocator(author: AuthorId, epoch: number): Eviction | undefined {
    if (this.reputation.isEvicted(author, Number.MAX_SAFE_INTEGER - 1)) return undefined
    for (const e of [...this.committeeCache.keys()]) if (e > epoch) this.committeeCache.delete(e)
    return this.reputation.penalizeEquivocation(author, epoch + 1)
  }

  prune(beforeEpoch: number): void {
    for (const e of this.committeeCache.keys()) if (e < beforeEpoch) this.committeeCache.delete(e)
    for (const e of this.returning.keys()) if (e < beforeEpoch) this.returning.delete(e)
  }
}
