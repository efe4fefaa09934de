/**
 * Byzantine behaviour as a strategy object the engine consults at a few decision points. The same object drives a
 * simulated node and a live node started with `--byzantine NAME`: the engine never knows whether it is honest
 * beyond calling these hooks, so every attack runs through the real protocol code path.
 *
 * Hooks are optional; a missing hook means "behave honestly" for that decision. Hooks are pure functions of their
 * context (randomness comes from `ctx.random`, seeded by the engine), so simulations stay reproducible.
 */
import type { Endorsement, Proposal } from '../messages/types.js'

/** What an attacker may know when it picks a value: its own honest reading and what it saw last epoch. */
export interface ValueContext {
  epoch: number
  feed: string
  /** The value an honest node would send (its own source). */
  honest: Float64Array
  /** Values of the proposals this node aggregated in the previous epoch for this feed (may include colluders). */
  previousValues: Float64Array[]
  /**
   * Mean and standard deviation of honest values, when the driver knows them (the simulator is omniscient, as
   * in the ALIE threat model); live nodes leave it undefined and strategies estimate from `previousValues`.
   */
  honestStats?: { mean: Float64Array; std: Float64Array }
  /** Committee size and colluding count, for formulas such as ALIE's z. */
  committeeSize: number
  colluders: number
  random: () => number
}

/** One way to release a signed proposal: to all mesh peers or to a share of them, after a delay. */
export interface Release {
  /** Milliseconds after the honest publish time. */
  delayMs: number
  /** Fraction of mesh peers that get it directly (1 = ordinary publish). */
  reach: number
  /** Which of the prepared variants (0 = the main proposal, 1 = the second face of an equivocator). */
  variant: number
}

export interface PublishContext {
  epoch: number
  /** Epoch start and collection deadline, so timing attacks can aim just before the deadline. */
  startMs: number
  deadlineMs: number
  random: () => number
}

export interface AttackStrategy {
  readonly name: string
  /** Epochs (inclusive start, exclusive end) in which the strategy misbehaves; outside them it is honest. */
  active(epoch: number): boolean
  /** The value to propose for a feed. */
  value?(ctx: ValueContext): Float64Array
  /** A second, conflicting value per feed for equivocators (`variant` 1); undefined = a single face. */
  secondFace?(ctx: ValueContext): Float64Array | undefined
  /** How to release the prepared proposal(s). Default: one immediate full publish of variant 0. */
  releases?(ctx: PublishContext): Release[]
  /** Whether to publish its endorsement of an epoch (withholders may stay silent). Default true. */
  endorses?(epoch: number): boolean
  /** Called with every accepted proposal/endorsement (for adaptive strategies such as `flash`). */
  observe?(event: { proposal?: Proposal; endorsement?: Endorsement }): void
  /** As a relay: whether to forward `author`'s message on `topic` (censors drop some). Default true. */
  relays?(ctx: { author: string; topic: string; epoch: number }): boolean
  /**
   * Linear epochs, as the leader of a view (CometBFT's overridable `decideProposal`, as one seam): whether to take
   * a proposal in (receipt it and put it in the batch). Censors refuse some honest ones. Default true.
   */
  leaderTakes?(ctx: LeaderTakeContext): boolean
  /**
   * Linear epochs, as the leader, when it builds the batch: whether a proposal it already took in (and receipted)
   * goes in. Leaving one out is provable censorship (the receipt is the evidence). Default true.
   */
  leaderIncludes?(ctx: { epoch: number; view: number; author: string }): boolean
  /** Linear epochs, as the leader: send no batch and no certificate (a crashed or silent leader). Default false. */
  leaderSilent?(epoch: number): boolean
  /** Linear epochs, as the leader: send a second, different batch to half of the audience. Default false. */
  leaderEquivocates?(epoch: number): boolean
}

export interface LeaderTakeContext {
  epoch: number
  view: number
  /** The proposal's author (hex) and its first feed's first value. */
  author: string
  value: number | undefined
  /** This node's own honest reading of that feed, the censor's proxy for the honest centre. */
  ownValue: number | undefined
  /** Proposals refused so far in this view. */
  refused: number
  colluders: number
  random: () => number
}

export interface StrategyOptions {
  /** First epoch of misbehaviour (default 0). */
  fromEpoch?: number
  /** Epoch at which it stops misbehaving (default: never). */
  untilEpoch?: number
  /** Strategy-specific magnitude: bias distance or noise scale in units of the honest σ. */
  magnitude?: number
  /** Victim author id (hex) for targeted strategies such as `censor`. */
  target?: string
}

export type StrategyFactory = (options?: StrategyOptions) => AttackStrategy
