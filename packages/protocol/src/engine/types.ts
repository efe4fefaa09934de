/**
 * The engine's sans-I/O surface. The engine never touches sockets, timers, clocks or Math.random: a driver (the
 * libp2p node, or the simulator) owns those and calls in; the engine calls out only through `EnginePort`.
 *
 *   driver                                    engine
 *   ------                                    ------
 *   tick(now) at nextWakeup()      ------->   advances phases (propose, collect deadline, endorse, fallback)
 *   receive(from, topic, bytes)    ------->   validates; returns accept/ignore/reject (wired to gossipsub)
 *   handleRequest(from, bytes)     ------->   returns response bytes (serves proposals / certificates)
 *   onResponse(id, from, bytes)    ------->   continues an anneal exchange fetch
 *   observe(feed, values)          ------->   the node's own observation for the next proposal
 *   submitReport(report)           ------->   client report into the mempool
 *                                  <-------   port.publish(topic, bytes)         one gossip broadcast
 *                                  <-------   port.request(id, peer, bytes)      one direct request
 *                                  <-------   port.emit(event)                   certified epochs, penalties, ...
 */
import type { AuthorId, Bytes, ClientReport, EpochRecord, FinalityCertificate } from '../messages/types.js'
import type { EngineCrypto, RejectReason, ReportSubmission, Verdict } from '../shared/types.js'

export type { EngineCrypto, RejectReason, ReportSubmission, Verdict, VerdictAction } from '../shared/types.js'

/** A peer as the engine sees it: the hex author id (the libp2p Ed25519 key maps 1:1 to it). */
export type PeerRef = AuthorId

export interface EnginePort {
  publish(topic: string, data: Uint8Array): void
  /**
   * Optional: hand a message to only a share (0..1] of the mesh peers. Only Byzantine strategies (withhold,
   * two-faced equivocation) use it; a driver without it makes them publish normally.
   */
  publishTo?(topic: string, data: Uint8Array, reach: number): void
  /** A direct request; the driver answers later with `engine.onResponse(requestId, peer, bytes)` or `onRequestFailed`. */
  request(requestId: number, peer: PeerRef, data: Uint8Array): void
  /**
   * Optional: one one-way direct message to one peer (linear epochs: observations to the leader, receipts, the
   * leader's batch and certificate, endorsements, view changes). A driver keeps one persistent stream per peer, so
   * a message costs one frame rather than a stream or a gossip flood, and hands what arrives to
   * `engine.deliver(from, bytes)`. A driver without it runs the all-to-all gossip epoch only.
   */
  send?(peer: PeerRef, data: Uint8Array): void
  emit(event: EngineEvent): void
}


export type EngineEvent =
  | { type: 'proposed'; epoch: number; bytes: number }
  | { type: 'certified'; certificate: FinalityCertificate; latencyMs: number }
  | { type: 'approximate'; record: EpochRecord; spread: number; rounds: number; latencyMs: number }
  | { type: 'penalty'; peer: PeerRef; reason: RejectReason; detail?: string }
  | { type: 'equivocation'; author: AuthorId; epoch: number; evidence: [Uint8Array, Uint8Array] }
  | { type: 'eviction'; author: AuthorId; untilEpoch: number; reputation: number }
  | { type: 'report'; reportId: string; status: 'finalized' | 'rejected'; epoch?: number; reason?: string }
  /** This node closed a view holding proposals from only `members` committee members (`needed` for a quorum): no endorsement. */
  | { type: 'withheld'; epoch: number; members: number; needed: number }
  /** Linear epochs: this node, leading `view` of `epoch`, sent its batch of `proposals` proposals to `audience` peers. */
  | { type: 'batch-sent'; epoch: number; view: number; proposals: number; audience: number }
  /** Linear epochs: this node moved to `view` of `epoch` (its previous view's leader did not finish in time). */
  | { type: 'view-change'; epoch: number; view: number; leader: AuthorId | undefined }
  /**
   * Linear epochs: no view certified, so the epoch runs the gossip path (and, failing that, approximate agreement);
   * or, `shed`, this node noticed it `lagMs` after its last view ended (overloaded) and closed the epoch as
   * approximate at once.
   */
  | { type: 'linear-fallback'; epoch: number; lagMs: number; shed: boolean }
  /** Linear epochs: a leader's signed misbehaviour (censorship, two batches, a forged proposal); the leader is evicted. */
  | { type: 'leader-evidence'; leader: AuthorId; epoch: number; view: number; kind: LeaderFault }

/** What a leader's evidence proves: it omitted a receipted proposal, signed two batches, or signed a forged proposal. */
export type LeaderFault = 'censorship' | 'equivocation' | 'forgery'

export interface EngineConfig {
  networkId: string
  /** Genesis hash: the anchor of epoch 0 and the first record's previous digest. */
  genesisHash: Bytes
  /** Unix ms at which epoch 0 starts; epoch e starts at genesisTime + e * epochPeriodMs. */
  genesisTime: number
  epochPeriodMs: number
  /** Collection deadline as a fraction of the period (the fast path finishes earlier when all are in). */
  collectFraction: number
  /** Identities that form epoch 0's committee (sorted hex author ids). */
  genesisCommittee: AuthorId[]
  feeds: string[]
  identityBits: number
  ticketValidityEpochs: number
  temperatureThreshold: number
  seed: number
}

export interface LocalIdentity {
  publicKey: Bytes
  ticket: import('@thermotruth/pow').IdentityTicket
}

/** What the node's API and dashboard read. */
export interface EngineStatus {
  epoch: number
  phase: string
  committeeSize: number
  lastCertifiedEpoch: number | undefined
  difficulty: number
  temperature: number | undefined
  entropyBits: number | undefined
  mempoolDepth: number
}


export type { ClientReport }

/** Knobs beyond the contract's config; every field has a default (see `engine/config.ts`). */
export interface EngineTuning {
  /**
   * 'linear': observations go to the epoch's leader, which sends back one batch and, after the endorsements, one
   * certificate (O(n) direct messages); the gossip all-to-all epoch is the fallback after `linearViews` views.
   * 'gossip': every proposal and endorsement is gossiped to everyone. Linear needs a driver with `port.send`.
   */
  epochMode: 'linear' | 'gossip'
  /** Views (leader, backup, …) before an epoch falls back to the gossip path. */
  linearViews: number
  /**
   * Load shedding: when every view of an epoch has failed and this node notices it more than this fraction of the
   * period after its last view ended (its timers fire late: the event loop is overloaded), it closes the epoch as
   * approximate from what it holds instead of starting the gossip path. The gossip path costs 2(n-1) deliveries per
   * node and overlaps the next epoch; on an overloaded node it delays the next epoch's views past their time, which
   * then fail and fall back too (a run that never recovered from one slow start-up at n = 30).
   */
  fallbackShedFraction: number
  /** Length of one view, as a fraction of the period. */
  viewFraction: number
  /** A leader closes its batch this long after its view starts when it holds a quorum but not every expected proposer. */
  leaderCutoffFraction: number
  /** A view's leader waits this long for view changes (which may carry an endorsed batch to re-propose). */
  viewChangeWaitFraction: number
  /**
   * Proposals of a received batch whose signatures a follower checks, drawn at random per batch (plus its own entry
   * and any entry that conflicts with a proposal it holds); the rest are covered by the leader's signature. A
   * forged entry is caught by each honest follower with probability sample/size and proves the leader's fault.
   */
  batchAuditSample: number
  /** Size of the aggregator set that leaders are drawn from (everyone stays connected to it). */
  aggregators: number
  /** The aggregator set is redrawn every this many epochs. */
  aggregatorRotationEpochs: number
  /**
   * 'separate': publish each endorsement on the endorsements topic at once (lowest finality latency).
   * 'piggyback': carry it in the next proposal when that goes out before the endorsement would otherwise help,
   * saving one gossip message per node per epoch at the cost of about one period of finality latency.
   */
  endorsementMode: 'separate' | 'piggyback'
  /** Extra wait after the deadline when the view is incomplete, to merge sets endorsed by faster peers. */
  graceFraction: number
  /**
   * Evidence window: once a view is complete but already holds equivocation evidence for the epoch, wait this
   * fraction of the period (never past the deadline) before closing, so the other faces of two-faced authors
   * still in flight reach this node too and every honest node excludes the same authors.
   */
  evidenceWindowFraction: number
  /** When (fraction of the period after the endorsement is due) to give up on a certificate and start agreement. */
  fallbackFraction: number
  /** Bounded approximate-agreement rounds, each at most this fraction of the period. */
  agreementRounds: number
  agreementRoundFraction: number
  /** Anneal effort in normal operation, and the factor applied while T is above threshold (self-healing). */
  annealEffort: number
  healEffortFactor: number
  /** Stamp difficulty controller (bits, real-valued); `heatStep` is added to the next difficulty while T is hot. */
  stampDifficulty: { initial: number; gain: number; min: number; max: number }
  heatStep: number
  /** Reputation policy overrides (reputation/DEFAULT_REPUTATION: decay, floor, rejoin, cool-down). */
  reputation: Partial<import('../reputation/index.js').ReputationConfig>
  /** Weight each proposal by its author's ticket work instead of one vote per identity. */
  weightByWork: boolean
  maxReportsPerProposal: number
  maxReportBytesPerProposal: number
  mempoolCapacity: number
  /** How many past epochs of proposals/endorsements to keep for serving fetches. */
  keepEpochs: number
}

/**
 * Pure-function caches that a driver may share between engines. Sound because every cached function is pure in
 * its key: the simulator hands the same byte array to every receiving node, so decoding and verifying it once
 * serves all of them. A live node passes nothing and computes directly.
 */
export interface EngineMemo {
  /** Cache `compute()` on the identity of `bytes` (same array object = same content). */
  byBytes<T>(namespace: string, bytes: Uint8Array, compute: () => T): T
  /** Cache `compute()` on a string key. */
  byKey<T>(namespace: string, key: string, compute: () => T): T
}

export interface EngineDeps {
  config: EngineConfig & { tuning?: Partial<EngineTuning> }
  identity: LocalIdentity
  crypto: EngineCrypto
  port: EnginePort
  /** Byzantine behaviour for tests, the simulator and `start --byzantine`; absent = honest. */
  strategy?: import('../attacks/types.js').AttackStrategy
  /** What the attacker knows about honest values (simulator: the truth, as in the ALIE threat model). */
  honestStats?: (epoch: number, feed: string) => { mean: Float64Array; std: Float64Array } | undefined
  /** How many identities collude with this one (for ALIE's z). */
  colluders?: number
  memo?: EngineMemo
}

/** The object `createEngine(deps)` returns; the node glue and the simulator drive it. */
export interface Engine {
  readonly topics: { proposals: string; endorsements: string; agreement: string; evidence: string }
  tick(now: number): void
  nextWakeup(): number | undefined
  /**
   * Validates and takes in one gossip message. `now` (optional) is the arrival time; drivers should pass it (or
   * call `tick(now)` first) so fast-path closing and finality latency use the arrival time, not the last tick.
   */
  receive(from: PeerRef, topic: string, bytes: Uint8Array, now?: number): Verdict
  handleRequest(from: PeerRef, bytes: Uint8Array): Uint8Array
  onResponse(requestId: number, from: PeerRef, bytes: Uint8Array, now?: number): void
  onRequestFailed(requestId: number): void
  /** One direct message (see `EnginePort.send`) from `from`, the transport-authenticated sender. */
  deliver(from: PeerRef, bytes: Uint8Array, now?: number): void
  /**
   * Peers this node should stay connected to: the aggregator set of the current and next epochs (linear epochs
   * draw leaders from it). Drivers pre-dial and protect these connections so no epoch pays for a handshake.
   */
  wantedPeers(): PeerRef[]
  /** This node mined a renewed identity ticket (a later anchor): its proposals carry it from now on. */
  renewTicket(ticket: import('@thermotruth/pow').IdentityTicket): void
  observe(feed: string, values: Float64Array): void
  submitReport(report: ClientReport): ReportSubmission
  status(): EngineStatus
  restore(certificates: FinalityCertificate[]): void
}
