/**
 * The node's certified history and everything derived from it deterministically: committees, stamp difficulty,
 * reputation and evictions. Every honest node that certified the same records (and saw the same equivocation
 * evidence) derives the same state, which is what lets them agree on who counts in the next epoch.
 */
import type { AuthorId, EpochRecord, FinalityCertificate } from '../messages/types.js'
import type { AnnealOutcome } from './aggregate.js'
import { hex } from './aggregate.js'
import type { EngineTuning } from './types.js'

export interface CertifiedEpoch {
  record: EpochRecord
  digest: Uint8Array
  digestHex: string
  certificate?: FinalityCertificate
  temperature: number
  entropyBits: number
}

export interface Eviction {
  author: AuthorId
  untilEpoch: number
  reputation: number
}

export class Chain {
  readonly certified = new Map<number, CertifiedEpoch>()
  readonly approximate = new Set<number>()
  readonly reputation = new Map<AuthorId, number>()
  /** author -> first epoch in which it may take part again. */
  readonly evictedUntil = new Map<AuthorId, number>()
  private readonly committeeCache = new Map<number, AuthorId[]>()
  lastCertified: number | undefined

  constructor(
    private readonly genesisCommittee: AuthorId[],
    private readonly genesisHash: Uint8Array,
    private readonly tuning: EngineTuning,
  ) {}

  isEvicted(author: AuthorId, epoch: number): boolean {
    const until = this.evictedUntil.get(author)
    return until !== undefined && epoch < until
  }

  /**
   * Committee of epoch e: the authors included in the certified record of e-1, minus identities serving an
   * eviction; after an approximate (uncertified) epoch the previous committee carries over. Undefined while e-1
   * is unresolved on this node.
   */
  committee(epoch: number): AuthorId[] | undefined {
    const cached = this.committeeCache.get(epoch)
    if (cached) return cached
    let base: AuthorId[] | undefined
    if (epoch === 0) base = this.genesisCommittee
    else if (this.certified.has(epoch - 1)) base = this.certified.get(epoch - 1)!.record.includedAuthors.map(hex)
    else if (this.approximate.has(epoch - 1)) base = this.committee(epoch - 1)
    if (!base) return undefined
    const committee = base.filter((a) => !this.isEvicted(a, epoch)).sort()
    this.committeeCache.set(epoch, committee)
    return committee
  }

  /** Best guess at epoch e's proposers before e-1 resolves (for the fast path only, never for quorums). */
  expectedProposers(epoch: number, provisionalParent?: EpochRecord): AuthorId[] {
    const known = this.committee(epoch)
    if (known) return known
    if (provisionalParent) return provisionalParent.includedAuthors.map(hex).filter((a) => !this.isEvicted(a, epoch))
    for (let e = epoch - 1; e >= 0; e--) {
      const c = this.committee(e)
      if (c) return c.filter((a) => !this.isEvicted(a, epoch))
    }
    return this.genesisCommittee
  }

  resolved(epoch: number): boolean {
    return this.certified.has(epoch) || this.approximate.has(epoch)
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
    this.committeeCache.clear()
  }

  markApproximate(epoch: number): void {
    if (!this.certified.has(epoch)) this.approximate.add(epoch)
    this.committeeCache.clear()
  }

  /**
   * Folds a certified epoch's Boltzmann weights into the decayed reputation and returns new evictions. Weights
   * are capped at one average vote so a heavy epoch cannot bank credit for later misbehaviour.
   */
  updateReputation(epoch: number, outcome: AnnealOutcome): Eviction[] {
    const { reputationDecay: decay, reputationFloor: floor, coolDownEpochs } = this.tuning
    const evictions: Eviction[] = []
    for (const [author, weight] of [...outcome.relativeWeight].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const previous = this.reputation.get(author) ?? 1
      const next = decay * previous + (1 - decay) * Math.min(1, weight)
      if (next < floor && !this.isEvicted(author, epoch + 1)) {
        const untilEpoch = epoch + 1 + coolDownEpochs
        this.evictedUntil.set(author, untilEpoch)
        this.reputation.set(author, 1)
        evictions.push({ author, untilEpoch, reputation: next })
      } else {
        this.reputation.set(author, next)
      }
    }
    this.committeeCache.clear()
    return evictions
  }

  /** Equivocation evidence for epoch e evicts from e + 1 on, whenever it is learnt, so all nodes converge. */
  evictEquivocator(author: AuthorId, epoch: number): Eviction | undefined {
    const untilEpoch = epoch + 1 + this.tuning.equivocationCoolDownEpochs
    if ((this.evictedUntil.get(author) ?? 0) >= untilEpoch) return undefined
    this.evictedUntil.set(author, untilEpoch)
    this.committeeCache.clear()
    return { author, untilEpoch, reputation: this.reputation.get(author) ?? 0 }
  }

  prune(beforeEpoch: number): void {
    for (const e of this.committeeCache.keys()) if (e < beforeEpoch) this.committeeCache.delete(e)
  }
}
