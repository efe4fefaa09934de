import type { EngineConfig, EngineTuning } from './types.js'

/**
 * Defaults. The stamp controller follows the paper (gain 0.1 on the entropy change) within the pow package's
 * bounds; a hot epoch (T above threshold) adds `heatStep` bits, so an attack that heats the aggregate pays more
 * per proposal. Reputation follows reputation/DEFAULT_REPUTATION (far outliers struck out after 3 filtered epochs)
 * except for a lower floor (0.2 instead of 0.3): measured at n = 100 under ALIE (f = 0.33, 20 epochs), a 0.3 floor
 * evicted two honest nodes whose draws sat in the tail opposite the attackers (the attackers' tight cluster shrinks
 * the robust scale, so honest tails weigh less); 0.2 evicted none. A faster decay (λ = 0.5) instead of strikes also
 * evicted far outliers in 3 epochs, but it evicted honest nodes under ALIE as well.
 */
export const DEFAULT_TUNING: EngineTuning = Object.freeze({
  epochMode: 'linear',
  linearViews: 2,
  fallbackShedFraction: 0.25,
  viewFraction: 0.5,
  leaderCutoffFraction: 0.1,
  viewChangeWaitFraction: 0.05,
  aggregators: 8,
  batchAuditSample: 8,
  aggregatorRotationEpochs: 32,
  endorsementMode: 'separate',
  graceFraction: 0.15,
  evidenceWindowFraction: 0.05,
  fallbackFraction: 0.3,
  agreementRounds: 3,
  agreementRoundFraction: 0.05,
  annealEffort: 1,
  healEffortFactor: 2,
  stampDifficulty: Object.freeze({ initial: 8, gain: 0.1, min: 4, max: 20 }),
  heatStep: 1,
  reputation: Object.freeze({ floor: 0.2 }),
  weightByWork: false,
  maxReportsPerProposal: 64,
  maxReportBytesPerProposal: 32 * 1024,
  mempoolCapacity: 4096,
  keepEpochs: 4,
}) as EngineTuning

export function resolveTuning(config: EngineConfig & { tuning?: Partial<EngineTuning> }): EngineTuning {
  return { ...DEFAULT_TUNING, ...(config.tuning ?? {}) }
}

/** Epoch arithmetic, all from the injected clock: epoch e runs [genesisTime + e·period, … + period). */
export class EpochClock {
  constructor(
    private readonly config: EngineConfig,
    private readonly tuning: EngineTuning,
    /** True when the engine runs linear epochs (tuning says so and the driver can send direct messages). */
    readonly linear = false,
  ) {}

  epochAt(now: number): number {
    return Math.floor((now - this.config.genesisTime) / this.config.epochPeriodMs)
  }

  start(epoch: number): number {
    return this.config.genesisTime + epoch * this.config.epochPeriodMs
  }

  private readonly gossipStarts = new Map<number, number>()

  /**
   * Where the gossip path starts: at the epoch start, or after the linear views when the engine runs linear epochs
   * (later still when the views themselves started late: `startGossipAt`).
   */
  gossipStart(epoch: number): number {
    const moved = this.gossipStarts.get(epoch)
    if (moved !== undefined) return moved
    return this.start(epoch) + (this.linear ? this.tuning.linearViews * this.viewMs() : 0)
  }

  /** A linear epoch fell back later than planned (its views waited for the parent epoch): its gossip path starts now. */
  startGossipAt(epoch: number, at: number): void {
    this.gossipStarts.set(epoch, Math.max(at, this.gossipStart(epoch)))
    for (const e of this.gossipStarts.keys()) if (e < epoch - 64) this.gossipStarts.delete(e)
  }

  viewMs(): number {
    return this.tuning.viewFraction * this.config.epochPeriodMs
  }

  deadline(epoch: number): number {
    return this.gossipStart(epoch) + this.config.collectFraction * this.config.epochPeriodMs
  }

  periodMs(): number {
    return this.config.epochPeriodMs
  }

  graceEnd(epoch: number): number {
    return this.deadline(epoch) + this.tuning.graceFraction * this.config.epochPeriodMs
  }

  /** After this, an epoch without a certificate falls back to approximate agreement. */
  fallbackAt(epoch: number): number {
    const piggybackDelay = this.tuning.endorsementMode === 'piggyback' ? this.config.epochPeriodMs : 0
    return this.graceEnd(epoch) + piggybackDelay + this.tuning.fallbackFraction * this.config.epochPeriodMs
  }

  /** When a complete view that holds equivocation evidence may close (engine.closeWhenSettled). */
  settleAt(epoch: number, completeAt: number): number {
    return Math.min(this.deadline(epoch), completeAt + this.tuning.evidenceWindowFraction * this.config.epochPeriodMs)
  }

  roundMs(): number {
    return this.tuning.agreementRoundFraction * this.config.epochPeriodMs
  }
}
