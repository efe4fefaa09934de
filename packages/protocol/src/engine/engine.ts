/**
 * The epoch engine: a deterministic state machine driven by `tick(now)` and inbound bytes. See README
 * ("Message flow") for the protocol; this file wires the phases together:
 *
 *   propose (at epoch start) -> collect (fast path: every expected proposer in; else deadline, then a short grace
 *   in which sets endorsed by faster peers are fetched) -> endorse once -> certificate on > 2/3 of the committee
 *   -> else, at the fallback time, bounded approximate agreement over estimates -> approximate record.
 */
import { createPrng, hashSeed } from '@thermotruth/anneal'
import { mineStamp, nextDifficulty, requiredStampBits, ticketHash } from '@thermotruth/pow'
import { agreeFeeds, type FeedEstimate, spread } from '../agreement/index.js'
import { quorum } from '../committee/index.js'
import { Mempool } from '../mempool/index.js'
import { type KnownTicket, type ValidationContext, validateReport, verifyCertificate } from '../validation/index.js'
import type { AuthorId, ClientReport, Endorsement, EpochRecord, FinalityCertificate, Proposal, ProtocolRequest, ProtocolResponse } from '../messages/types.js'
import {
  authorKey,
  compareBytes,
  decodeProposal,
  decodeProtocolRequest,
  decodeProtocolResponse,
  encodeAgreementEstimate,
  encodeEndorsement,
  encodeProposal,
  encodeProtocolRequest,
  encodeProtocolResponse,
  proposalSetDigest,
  recordDigest,
  signEndorsement,
  signEstimate,
  signProposal,
  proposalStampDigest,
} from '../wire/index.js'
import { type AnnealOutcome, annealSet, buildRecord, hex, uniqueReports } from './aggregate.js'
import { Chain } from './chain.js'
import { EpochClock, resolveTuning } from './config.js'
import { LeaderSchedule } from './leader-schedule.js'
import { type LinearHost, LinearPath } from './linear-path.js'
import { EpochState, type HeldProposal, type OwnResult } from './epoch-state.js'
import { type CheckedEndorsement, type CheckedProposal, checkEndorsementBytes, checkEstimateBytes, checkFetchedProposal, checkProposalBytes, indexEndorsement, memoised, validationStateKey } from './inbound.js'
import { buildObservations } from './observations.js'
import type { Engine, EngineDeps, EngineStatus, EngineTuning, PeerRef, ReportSubmission, Verdict } from './types.js'

const ACCEPT: Verdict = { action: 'accept' }
const ignore = (reason: Verdict['reason'], detail?: string): Verdict => ({ action: 'ignore', reason, detail })

export function createEngine(deps: EngineDeps): Engine {
  return new EpochEngine(deps)
}

interface PendingRequest {
  epoch: number
  peer: PeerRef
  /** 'fill': fetch proposals we lack; 'set': fetch an endorser's whole set to rebuild its record. */
  purpose: 'fill' | 'set' | 'sync'
  recordDigestHex?: string
}

interface PendingRelease {
  at: number
  bytes: Uint8Array
  reach: number
}

class EpochEngine implements Engine {
  readonly topics: Engine['topics']
  private readonly tuning: EngineTuning
  private readonly clock: EpochClock
  private readonly chain: Chain
  private readonly epochs = new Map<number, EpochState>()
  private readonly self: AuthorId
  private readonly observations = new Map<string, Float64Array>()
  private readonly mempool: Mempool
  private readonly tickets = new Map<AuthorId, KnownTicket>()
  private readonly requests = new Map<number, PendingRequest>()
  private readonly releases: PendingRelease[] = []
  private readonly random: () => number
  private readonly validation: ValidationContext
  private readonly genesisHashHex: string
  private current = -1
  private now = Number.NEGATIVE_INFINITY
  private nextRequestId = 1
  private stashedEndorsement?: Endorsement
  private syncAskedAt = -1
  /** What the cached key was built for (NaN: nothing yet); compared as numbers, not as a string built per message. */
  private cachedKeyCurrent = Number.NaN
  private cachedKeyClock: number | undefined = Number.NaN
  private cachedKeyCertified: number | undefined = Number.NaN
  private cachedKey = ''
  /** This node's identity ticket: the one it started with, then each renewal (`renewTicket`). */
  private ticket: import('@thermotruth/pow').IdentityTicket
  private readonly schedule: LeaderSchedule
  private readonly linear: LinearPath
  private readonly linearEnabled: boolean

  constructor(private readonly deps: EngineDeps) {
    const { config } = deps
    this.tuning = resolveTuning(config)
    this.linearEnabled = this.tuning.epochMode === 'linear' && deps.port.send !== undefined
    this.clock = new EpochClock(config, this.tuning, this.linearEnabled)
    const hasValidTicket = (author: AuthorId, epoch: number) => {
      const t = this.tickets.get(author)
      // Unknown here but in a certified record: a quorum verified it; expiry is what we can still check.
      return t === undefined || epoch <= t.anchorEpoch + config.ticketValidityEpochs - 1
    }
    this.chain = new Chain([...config.genesisCommittee].sort(), config.genesisHash, this.tuning, this.tuning.reputation, hasValidTicket)
    // Key set-up now, not inside the first epoch's batch and certificate checks.
    deps.crypto.prepareKeys?.(config.genesisCommittee.map(authorKey))
    this.self = hex(deps.identity.publicKey)
    this.ticket = deps.identity.ticket
    this.tickets.set(this.self, { hash: ticketHash(deps.identity.ticket), anchorEpoch: deps.identity.ticket.anchorEpoch })
    this.mempool = new Mempool({ capacity: this.tuning.mempoolCapacity })
    const prng = createPrng(config.seed)
    this.random = () => prng.nextFloat()
    this.genesisHashHex = hex(config.genesisHash)
    const net = config.networkId
    this.topics = {
      proposals: `/thermotruth/${net}/proposals/1`,
      endorsements: `/thermotruth/${net}/endorsements/1`,
      agreement: `/thermotruth/${net}/agreement/1`,
      evidence: `/thermotruth/${net}/evidence/1`,
    }
    this.schedule = new LeaderSchedule(
      { genesisHash: config.genesisHash, size: this.tuning.aggregators, rotationEpochs: this.tuning.aggregatorRotationEpochs },
      (epoch) => this.chain.committee(epoch),
      deps.memo,
    )
    this.linear = new LinearPath(this.linearHost())
    const engine = this
    this.validation = {
      networkId: net,
      get currentEpoch() {
        return engine.current
      },
      // Before its first tick, or while a stalled loop has not ticked, the node lags the time its inputs carry.
      get clockEpoch() {
        return Number.isFinite(engine.now) ? Math.max(engine.current, engine.clock.epochAt(engine.now)) : Number.POSITIVE_INFINITY
      },
      crypto: deps.crypto,
      ticketPolicy: {
        networkId: net,
        minBits: config.identityBits,
        validForEpochs: config.ticketValidityEpochs,
        anchorFor: (epoch) => (epoch === 0 ? config.genesisHash : this.chain.certified.get(epoch)?.digest),
      },
      knownTicket: (author) => this.tickets.get(author),
      requiredStampBits: (epoch) => requiredStampBits(this.chain.stampDifficulty(Math.max(0, epoch))),
    }
  }

  // ---------------------------------------------------------------- driver surface

  tick(now: number): void {
    if (now > this.now) this.now = now
    const epoch = this.clock.epochAt(this.now)
    if (epoch >= 0 && this.current < epoch - 1) this.current = epoch - 1 // joined late: do not propose for the past
    while (this.current < epoch) {
      this.current++
      this.propose(this.current)
    }
    this.flushReleases()
    for (const state of [...this.epochs.values()].sort((a, b) => a.epoch - b.epoch)) this.advance(state)
    this.maybeSync()
    this.prune()
  }

  nextWakeup(): number | undefined {
    let next = this.clock.start(this.current + 1)
    for (const r of this.releases) next = Math.min(next, r.at)
    for (const state of this.epochs.values()) {
      const due = this.dueAt(state)
      if (due !== undefined) next = Math.min(next, due)
    }
    return next
  }

  receive(from: PeerRef, topic: string, bytes: Uint8Array, now?: number): Verdict {
    if (now !== undefined && now > this.now) this.now = now
    if (topic === this.topics.proposals) return this.onProposalBytes(from, bytes)
    if (topic === this.topics.endorsements) return this.onEndorsementBytes(from, bytes)
    if (topic === this.topics.agreement) return this.onEstimateBytes(from, bytes)
    if (topic === this.topics.evidence) return this.linear.onEvidence(from, bytes)
    return ignore('malformed', `unknown topic ${topic}`)
  }

  handleRequest(_from: PeerRef, bytes: Uint8Array): Uint8Array {
    let request: ProtocolRequest
    try {
      request = decodeProtocolRequest(bytes)
    } catch (err) {
      return encodeProtocolResponse({ kind: 'error', reason: `malformed request: ${(err as Error).message}` })
    }
    return encodeProtocolResponse(this.serve(request))
  }

  onResponse(requestId: number, from: PeerRef, bytes: Uint8Array, now?: number): void {
    if (now !== undefined && now > this.now) this.now = now
    const pending = this.requests.get(requestId)
    if (!pending) return
    this.requests.delete(requestId)
    this.epochs.get(pending.epoch)?.fetching.delete(requestId)
    let response: ProtocolResponse
    try {
      response = decodeProtocolResponse(bytes)
    } catch {
      this.penalise(from, 'malformed', 'response')
      return
    }
    if (response.kind === 'proposals') this.onFetchedProposals(pending, from, response.proposals)
    else if (response.kind === 'certificates') this.adopt(response.certificates, true)
  }

  onRequestFailed(requestId: number): void {
    const pending = this.requests.get(requestId)
    this.requests.delete(requestId)
    if (pending) this.epochs.get(pending.epoch)?.fetching.delete(requestId)
  }

  deliver(from: PeerRef, bytes: Uint8Array, now?: number): void {
    if (now !== undefined && now > this.now) this.now = now
    if (!this.linearEnabled) return
    this.linear.deliver(from, bytes)
  }

  renewTicket(ticket: import('@thermotruth/pow').IdentityTicket): void {
    // Only a later anchor for this node's own key replaces the ticket; the node mined and verified it already.
    if (compareBytes(ticket.publicKey, this.deps.identity.publicKey) !== 0 || ticket.anchorEpoch <= this.ticket.anchorEpoch) return
    this.ticket = ticket
    this.tickets.set(this.self, { hash: ticketHash(ticket), anchorEpoch: ticket.anchorEpoch })
  }

  wantedPeers(): PeerRef[] {
    if (!this.linearEnabled) return []
    // Before genesis `current` is -1, whose rotation (floor(-1 / rotationEpochs) = -1) draws another set: counting
    // from it, every node pre-dialed two aggregator sets at start-up (16 peers instead of 8) and dropped one at
    // genesis, doubling the handshakes of a start-up that is already the busiest minute of a run.
    const from = Math.max(0, this.current)
    const wanted = new Set([...(this.schedule.aggregators(from) ?? []), ...(this.schedule.aggregators(from + 1) ?? [])])
    wanted.delete(this.self)
    return [...wanted].sort()
  }

  observe(feed: string, values: Float64Array): void {
    if (!this.deps.config.feeds.includes(feed)) return
    if (values.length === 0 || !values.every(Number.isFinite)) return
    this.observations.set(feed, Float64Array.from(values))
  }

  submitReport(report: ClientReport): ReportSubmission {
    if (!this.deps.config.feeds.includes(report.feed)) return { accepted: false, reason: `unknown feed '${report.feed}'`, retryable: false }
    const verdict = validateReport(report, this.deps.crypto)
    if (verdict.action !== 'accept') return { accepted: false, reason: `${verdict.reason}${verdict.detail ? `: ${verdict.detail}` : ''}`, retryable: false }
    return this.mempool.add(report)
  }

  status(): EngineStatus {
    const last = this.chain.lastCertified === undefined ? undefined : this.chain.certified.get(this.chain.lastCertified)
    const state = this.epochs.get(this.current)
    return {
      epoch: this.current,
      phase: state?.phase ?? 'idle',
      committeeSize: this.chain.expectedProposers(Math.max(0, this.current)).length,
      lastCertifiedEpoch: this.chain.lastCertified,
      difficulty: this.chain.stampDifficulty(Math.max(0, this.current)),
      temperature: last?.temperature,
      entropyBits: last?.entropyBits,
      mempoolDepth: this.mempool.depth,
    }
  }

  /** Adopts certificates the node stored earlier (startup); they are verified but not re-announced. */
  restore(certificates: FinalityCertificate[]): void {
    this.adopt(certificates, false)
  }

  /**
   * Verifies and adopts certificates in epoch order; `announce` emits 'certified' for each new one (sync).
   * `restore` (announce false) comes from the driver, which verified the certificates (its own store, or sync
   * against the genesis config), so only that path may start an empty chain at a checkpoint.
   */
  private adopt(certificates: FinalityCertificate[], announce: boolean): void {
    for (const cert of [...certificates].sort((a, b) => a.record.epoch - b.record.epoch)) {
      if (this.chain.certified.has(cert.record.epoch)) continue
      const committee = this.chain.committee(cert.record.epoch) ?? this.committeeAcrossGap(cert, !announce)
      if (!committee) continue
      const verdict = verifyCertificate(cert, { committee: committee.map(authorKey), networkId: this.deps.config.networkId, crypto: this.deps.crypto })
      if (!verdict.ok) continue
      const digest = recordDigest(cert.record)
      this.chain.certify({ record: cert.record, digest, digestHex: hex(digest), certificate: cert, temperature: maxT(cert.record), entropyBits: meanH(cert.record) })
      const state = this.epochs.get(cert.record.epoch)
      if (state) {
        state.phase = 'certified'
        state.certificate = cert
      }
      if (announce) this.deps.port.emit({ type: 'certified', certificate: cert, latencyMs: this.now - this.clock.start(cert.record.epoch) })
    }
    // Epochs that waited on a parent (or on a committee to count against) can move now.
    for (const state of [...this.epochs.values()].sort((a, b) => a.epoch - b.epoch)) {
      this.tryEndorse(state)
      if (state.phase === 'linear') this.linear.retry(state)
      this.checkAllCertificates(state)
    }
  }

  /**
   * The committee for a certificate whose parent epoch this node never resolved (it restarted, or joined late):
   * - its record links to this chain's head, which proves no epoch in the gap was certified: settle the gap and
   *   derive the committee from the head as usual (sound for any source, so sync may use it);
   * - otherwise (or when this node knows no genesis committee), on an empty chain and only for driver-verified
   *   certificates, anchor at it as a checkpoint.
   */
  private committeeAcrossGap(cert: FinalityCertificate, checkpointAllowed: boolean): AuthorId[] | undefined {
    const epoch = cert.record.epoch
    const head = this.chain.lastCertified
    if (head !== undefined && epoch <= head) return undefined
    if (hex(cert.record.previousRecordDigest) === hex(this.chain.parent(epoch).digest)) {
      this.chain.settleBefore(epoch)
      const derived = this.chain.committee(epoch)
      // An empty derived committee means this node has no genesis committee (a local network's founder chose it):
      // only a checkpoint can tell who signed.
      if (derived && derived.length > 0) return derived
    }
    if (head !== undefined || !checkpointAllowed) return undefined
    const verdict = verifyCertificate(cert, { committee: cert.committee, networkId: this.deps.config.networkId, crypto: this.deps.crypto })
    if (!verdict.ok) return undefined
    const committee = cert.committee.map((key) => hex(key)).sort()
    this.chain.anchor(epoch, committee)
    return committee
  }

  /**
   * A node more than two epochs behind the certified chain (restarted, partitioned, or joined late) asks one peer
   * it heard endorse recently for the certificates it lacks, at most once per epoch, and restores them: each is
   * verified against the committee its own chain derives, so a peer cannot feed it a forged history.
   */
  private maybeSync(): void {
    const have = this.chain.lastCertified ?? -1
    if (this.current - 2 <= have || this.syncAskedAt === this.current) return
    const heard = this.epochs.get(this.current - 1) ?? this.epochs.get(this.current)
    // Linear epochs: a follower hears only its own endorsement, so the aggregators (always connected) serve too.
    const candidates = new Set([...(heard ? heard.endorsements.keys() : []), ...this.wantedPeers()])
    const peers = [...candidates].filter((a) => a !== this.self).sort()
    if (peers.length === 0) return
    this.syncAskedAt = this.current
    const peer = peers[Math.floor(this.random() * peers.length)]
    this.request(peer, { kind: 'get-certificates', fromEpoch: have + 1, limit: 64 }, { epoch: this.current, peer, purpose: 'sync' })
  }

  // ---------------------------------------------------------------- propose

  private propose(epoch: number): void {
    const state = this.stateFor(epoch)
    // A linear epoch is followed (batch, endorsement, certificate) whether or not this node has anything to propose.
    const linear = this.linearEnabled && this.schedule.leader(epoch, 0) !== undefined
    if (linear && state.phase === 'collect') state.phase = 'linear'
    if (this.chain.isEvicted(this.self, epoch)) return
    const strategy = this.deps.strategy?.active(epoch) ? this.deps.strategy : undefined
    const previous = this.epochs.get(epoch - 1)
    const committeeSize = this.chain.expectedProposers(epoch).length
    const faces = buildObservations({
      epoch,
      feeds: this.deps.config.feeds,
      own: this.observations,
      reports: this.mempool.take(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      previous: previous?.own?.included.map((h) => h.proposal) ?? [],
      strategy,
      honestStats: this.deps.honestStats,
      committeeSize,
      colluders: this.deps.colluders ?? 0,
      random: this.random,
    })
    if (faces.length === 0) return
    const reports = this.mempool.take(this.tuning.maxReportsPerProposal, this.tuning.maxReportBytesPerProposal)
    const endorsement = this.takeStashedEndorsement(epoch)
    const bits = requiredStampBits(this.chain.stampDifficulty(epoch))
    const signed = faces.map((observations) => {
      const unsigned: Omit<Proposal, 'signature' | 'stamp'> = {
        networkId: this.deps.config.networkId,
        epoch,
        author: this.deps.identity.publicKey,
        ticket: this.ticket,
        observations,
        reports,
        previousEndorsement: endorsement,
      }
      const stamp = mineStamp(proposalStampDigest(unsigned), bits)
      const proposal = signProposal({ ...unsigned, stamp }, this.deps.crypto.sign)
      return encodeProposal(proposal)
    })
    // Our own (first) face counts in our own view at once, as any proposal does once it is in.
    this.onProposalBytes(this.self, signed[0])
    const ownId = state.proposals.get(this.self)?.id
    if (ownId !== undefined) state.ownProposalIds = [ownId]
    if (linear && this.linear.start(state, signed)) {
      this.deps.port.emit({ type: 'proposed', epoch, bytes: signed[0].length })
      return
    }
    const plan = strategy?.releases?.({ epoch, startMs: state.startMs, deadlineMs: this.clock.deadline(epoch), random: this.random }) ?? [{ delayMs: 0, reach: 1, variant: 0 }]
    for (const release of plan) {
      const bytes = signed[Math.min(release.variant, signed.length - 1)]
      this.releases.push({ at: state.startMs + release.delayMs, bytes, reach: release.reach })
    }
    this.releases.sort((a, b) => a.at - b.at)
    this.deps.port.emit({ type: 'proposed', epoch, bytes: signed[0].length })
    this.flushReleases()
  }

  private flushReleases(): void {
    while (this.releases.length > 0 && this.releases[0].at <= this.now) {
      const r = this.releases.shift()!
      if (r.reach < 1 && this.deps.port.publishTo) this.deps.port.publishTo(this.topics.proposals, r.bytes, r.reach)
      else this.deps.port.publish(this.topics.proposals, r.bytes)
    }
  }

  private takeStashedEndorsement(epoch: number): Endorsement | undefined {
    const e = this.stashedEndorsement
    if (!e || e.epoch !== epoch - 1) return undefined
    this.stashedEndorsement = undefined
    const state = this.epochs.get(e.epoch)
    if (state) state.endorsementPublished = true
    return e
  }

  // ---------------------------------------------------------------- inbound

  private onProposalBytes(from: PeerRef, bytes: Uint8Array): Verdict {
    const checked = checkProposalBytes(bytes, this.validation, this.validationKey(), this.deps.memo)
    if (!checked.ok) return this.refuse(from, checked.verdict)
    return this.admitProposal(checked.value, true)
  }

  private admitProposal(c: CheckedProposal, fromGossip: boolean): Verdict {
    const { proposal, author, bytes } = c
    if (proposal.epoch > this.current + 1 || proposal.epoch < this.current - this.tuning.keepEpochs) {
      return ignore('wrong-epoch', `epoch ${proposal.epoch}, current ${this.current}`)
    }
    if (this.chain.isEvicted(author, proposal.epoch)) return ignore('not-committee', 'evicted')
    // A renewed ticket (later anchor) replaces the one held, so seats follow the ticket the author presents now.
    if (c.ticket && (this.tickets.get(author)?.anchorEpoch ?? -1) < c.ticket.anchorEpoch) this.tickets.set(author, c.ticket)
    const state = this.stateFor(proposal.epoch)
    const held = state.proposals.get(author)
    if (held) {
      if (held.id === c.id) return ignore('duplicate')
      if (state.equivocators.has(author)) return ignore('equivocation', 'evidence already held')
      // Two different valid proposals from one author for one epoch: keep both as evidence, exclude the author,
      // and accept this second face once so gossip carries the evidence to every honest node.
      state.equivocators.set(author, [held.bytes, bytes])
      this.deps.port.emit({ type: 'equivocation', author, epoch: proposal.epoch, evidence: [held.bytes, bytes] })
      this.evictOnEvidence(author, proposal.epoch)
      // Linear epochs: the two faces reached this node directly (one in a batch), where nobody else sees them; gossip
      // both so every honest node holds the evidence and evicts the author, as on the gossip path.
      if (!fromGossip && this.linearEnabled) for (const face of [held.bytes, bytes]) this.deps.port.publish(this.topics.proposals, face)
      return fromGossip ? ACCEPT : ignore('equivocation')
    }
    state.proposals.set(author, { proposal, bytes, id: c.id, idBytes: c.idBytes })
    state.missing?.delete(author)
    this.deps.strategy?.observe?.({ proposal })
    if (proposal.previousEndorsement) this.onEmbeddedEndorsement(proposal.previousEndorsement)
    this.checkFastPath(state)
    return ACCEPT
  }

  private onEndorsementBytes(from: PeerRef, bytes: Uint8Array): Verdict {
    const checked = checkEndorsementBytes(bytes, this.validation, this.deps.memo)
    if (!checked.ok) return this.refuse(from, checked.verdict)
    return this.onEndorsement(checked.value)
  }

  /** An endorsement carried inside a proposal: the proposal's validation already checked its signature. */
  private onEmbeddedEndorsement(e: Endorsement): Verdict {
    const indexed = memoised(this.deps.memo, 'embedded-endorsement', e.signature, () => indexEndorsement(e))
    if (indexed.endorsement.networkId !== this.deps.config.networkId) return ignore('wrong-network')
    return this.onEndorsement(indexed)
  }

  private onEndorsement({ endorsement: e, author, recordDigestHex: digestHex }: CheckedEndorsement): Verdict {
    if (e.epoch > this.current + 1 || e.epoch < this.current - this.tuning.keepEpochs) return ignore('wrong-epoch')
    const state = this.stateFor(e.epoch)
    const existing = state.endorsements.get(author)
    if (existing) {
      if (compareBytes(existing.recordDigest, e.recordDigest) === 0) return ignore('duplicate')
      state.doubleEndorsers.add(author)
      return ignore('equivocation', 'second endorsement for one epoch')
    }
    state.endorsements.set(author, e)
    state.setDigestOf.set(digestHex, e.proposalSetDigest)
    let endorsers = state.tally.get(digestHex)
    if (!endorsers) {
      endorsers = new Set()
      state.tally.set(digestHex, endorsers)
    }
    endorsers.add(author)
    if (state.committeeSet?.has(author)) state.memberCount.set(digestHex, (state.memberCount.get(digestHex) ?? 0) + 1)
    this.deps.strategy?.observe?.({ endorsement: e })
    if (state.phase === 'grace') this.fillFrom(state, author)
    this.checkCertificate(state, digestHex)
    return ACCEPT
  }

  private onEstimateBytes(from: PeerRef, bytes: Uint8Array): Verdict {
    const checked = checkEstimateBytes(bytes, this.validation, this.deps.memo)
    if (!checked.ok) return this.refuse(from, checked.verdict)
    const a = checked.value
    if (a.epoch > this.current + 1 || a.epoch < this.current - this.tuning.keepEpochs) return ignore('wrong-epoch')
    if (a.round >= this.tuning.agreementRounds) return ignore('wrong-epoch', 'round out of range')
    const state = this.stateFor(a.epoch)
    const author = hex(a.author)
    let round = state.agreementInbox.get(a.round)
    if (!round) {
      round = new Map()
      state.agreementInbox.set(a.round, round)
    }
    if (round.has(author)) return ignore('duplicate')
    round.set(author, a.feeds)
    if (state.phase === 'agreement') this.maybeFinishRound(state)
    return ACCEPT
  }

  // ---------------------------------------------------------------- phases

  private stateFor(epoch: number): EpochState {
    let state = this.epochs.get(epoch)
    if (!state) {
      state = new EpochState(epoch, this.clock.start(epoch))
      this.epochs.set(epoch, state)
    }
    return state
  }

  private dueAt(state: EpochState): number | undefined {
    switch (state.phase) {
      case 'linear':
        return this.linear.dueAt(state)
      case 'collect':
        return Math.min(this.clock.deadline(state.epoch), state.settleAt ?? Number.POSITIVE_INFINITY)
      case 'grace':
        return Math.min(this.clock.graceEnd(state.epoch), state.settleAt ?? Number.POSITIVE_INFINITY)
      case 'awaiting-parent': {
        const parent = this.epochs.get(state.epoch - 1)
        return parent ? this.dueAt(parent) : this.now
      }
      case 'endorsed':
        return this.clock.fallbackAt(state.epoch)
      case 'agreement':
        return state.agreement?.roundEndsAt
      default:
        return undefined
    }
  }

  private advance(state: EpochState): void {
    if (state.epoch > this.current) return
    if (state.phase === 'linear') this.linear.advance(state)
    this.checkFastPath(state)
    if (state.phase === 'collect' && this.now >= this.clock.deadline(state.epoch)) {
      if (this.complete(state)) this.closeView(state)
      else {
        state.phase = 'grace'
        for (const author of [...state.endorsements.keys()].sort()) this.fillFrom(state, author)
      }
    }
    if (state.phase === 'grace' && this.now >= this.clock.graceEnd(state.epoch)) this.closeView(state)
    if (state.phase === 'awaiting-parent') this.tryEndorse(state)
    if (state.phase === 'endorsed' && this.now >= this.clock.fallbackAt(state.epoch)) this.startAgreement(state)
    if (state.phase === 'agreement') this.maybeFinishRound(state)
  }

  /**
   * Who should propose in this epoch: the committee once known (else a provisional guess), plus identities due
   * back from a cool-down. Cached per epoch state so the fast-path bookkeeping stays incremental.
   */
  private expected(state: EpochState): AuthorId[] {
    const base = this.baseExpected(state)
    const back = this.chain.returningAt(state.epoch).filter((a) => !this.chain.isEvicted(a, state.epoch))
    const heard = this.lastProposers(state)
    if (back.length === 0 && heard.length === 0) return base
    if (state.expectedBase !== base) {
      state.expectedBase = base
      state.expectedFull = [...new Set([...base, ...back, ...heard])].sort()
    }
    return state.expectedFull!
  }

  /**
   * Proposers of the previous epoch this node holds (first asked, then fixed for the epoch): a newcomer, or a
   * member that lost its seat by missing an epoch (a slow start, a restart, a lost message). Seats come only from
   * inclusion in the last record, so if the fast path waited for members alone, members' proposals would always
   * close the view first and a seat once lost would never come back (measured: a 4-node network shrank to a
   * 2-member committee for good). Waiting costs at most one deadline per identity that stops proposing.
   */
  private lastProposers(state: EpochState): AuthorId[] {
    if (state.lastProposers === undefined) {
      const previous = this.epochs.get(state.epoch - 1)
      state.lastProposers = previous ? [...previous.proposals.keys()].filter((a) => !previous.equivocators.has(a) && !this.chain.isEvicted(a, state.epoch)) : []
    }
    return state.lastProposers
  }

  private baseExpected(state: EpochState): AuthorId[] {
    const known = this.chain.committee(state.epoch)
    if (known) return known
    const parentRecord = this.epochs.get(state.epoch - 1)?.own?.record
    if (state.provisional && state.provisionalParent === parentRecord) return state.provisional
    state.provisionalParent = parentRecord
    state.provisional = this.chain.expectedProposers(state.epoch, parentRecord)
    return state.provisional
  }

  /** All expected proposers are in (or proven equivocators). Incremental: O(1) per arriving proposal. */
  private complete(state: EpochState): boolean {
    const expected = this.expected(state)
    if (state.expectedRef !== expected) {
      state.expectedRef = expected
      state.missing = new Set(expected.filter((a) => !state.proposals.has(a) && !state.equivocators.has(a)))
    }
    return state.missing!.size === 0
  }

  private checkFastPath(state: EpochState): void {
    if ((state.phase === 'collect' || state.phase === 'grace') && state.epoch <= this.current && this.complete(state)) this.closeWhenSettled(state)
  }

  /**
   * A complete view closes at once, unless it already holds equivocation evidence for this epoch: then two-faced
   * authors are about, and the other face of one whose first face completed this view may still be in flight.
   * Nodes that closed before and after that face arrived would exclude different authors, and at f = 1/3 one
   * such honest node denies the quorum (measured: the attack's first epoch ended approximate at n = 100). So the
   * view waits the evidence window (bounded by the deadline). An honest epoch holds no evidence and pays nothing.
   */
  private closeWhenSettled(state: EpochState): void {
    if (state.equivocators.size === 0) {
      this.closeView(state)
      return
    }
    state.settleAt ??= this.clock.settleAt(state.epoch, this.now)
    if (this.now >= state.settleAt) this.closeView(state)
  }

  private closeView(state: EpochState): void {
    state.closedAt = this.now
    state.phase = 'awaiting-parent'
    this.tryEndorse(state)
  }

  /** Endorse once the parent epoch is resolved (its record is this record's link) or has run out of time. */
  private tryEndorse(state: EpochState): void {
    if (state.phase !== 'awaiting-parent') return
    const parent = this.epochs.get(state.epoch - 1)
    const parentPending = state.epoch > 0 && parent !== undefined && !this.chain.resolved(state.epoch - 1) && parent.phase !== 'approximate'
    if (parentPending && !this.parentWaitOver(state.epoch)) return
    if (state.ownEndorsement && state.own) {
      // Endorsed in a linear view already: an honest node endorses one record per epoch, so the gossip path carries
      // that same endorsement (and the agreement fallback starts from that record).
      state.phase = 'endorsed'
      if (!state.endorsementPublished) {
        state.endorsementPublished = true
        this.deps.port.publish(this.topics.endorsements, encodeEndorsement(state.ownEndorsement))
      }
      this.checkAllCertificates(state)
      return
    }
    state.own = this.computeResult(state, state.usable((a) => this.chain.isEvicted(a, state.epoch)))
    state.phase = 'endorsed'
    const strategy = this.deps.strategy
    const thin = this.thinView(state)
    if (thin) this.deps.port.emit({ type: 'withheld', epoch: state.epoch, ...thin })
    const silent = thin !== undefined || !this.seated(state.epoch) || (strategy?.active(state.epoch) && strategy.endorses && !strategy.endorses(state.epoch))
    const endorsement = this.signOwnEndorsement(state.epoch, state.own)
    state.ownEndorsement = endorsement
    if (!silent) {
      this.onEndorsement({ endorsement, author: this.self, recordDigestHex: state.own.recordDigestHex })
      const nextProposalAt = this.clock.start(state.epoch + 1)
      if (this.tuning.endorsementMode === 'piggyback' && this.now < nextProposalAt) this.stashedEndorsement = endorsement
      else {
        state.endorsementPublished = true
        this.deps.port.publish(this.topics.endorsements, encodeEndorsement(endorsement))
      }
    }
    this.checkAllCertificates(state)
    // A child epoch may have been waiting on this one.
    const child = this.epochs.get(state.epoch + 1)
    if (child) this.tryEndorse(child)
  }

  /**
   * A view is too thin to endorse when it holds proposals from fewer committee members than a quorum. The record
   * would seat only its included authors as the next committee, so certifying it shrinks the committee below what
   * can ever certify again: measured, four nodes started under load held no observations yet in one epoch,
   * certified an empty record, and so an empty committee, and every later epoch ended approximate for good. Not
   * endorsing leaves the epoch to the approximate fallback, after which the committee carries over. The node still
   * certifies a full set a quorum of others endorse (it fetches that set). Returns the shortfall, or undefined.
   */
  private thinView(state: EpochState): { members: number; needed: number } | undefined {
    const committee = this.chain.committee(state.epoch) ?? this.baseExpected(state)
    // No committee known to this node (a joiner without genesis committee): it cannot judge, and its endorsement
    // only counts once a checkpoint tells it who signs.
    if (committee.length === 0) return undefined
    // Same membership test as state.usable (held, not two-faced, not evicted), without hashing the included set.
    let included = 0
    for (const member of committee) if (state.proposals.has(member) && !state.equivocators.has(member) && !this.chain.isEvicted(member, state.epoch)) included++
    const needed = quorum(committee.length)
    return included < needed ? { members: included, needed } : undefined
  }

  /**
   * Our record for a proposal set. Pure in (epoch, the set, the parent record, the anneal effort), so a shared memo
   * (the simulator) computes it once per distinct view instead of once per node: hashing a 1,000-author record and
   * set digest on every node was the simulator's largest cost.
   */
  private computeResult(state: EpochState, included: HeldProposal[]): OwnResult {
    const sorted = [...included].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const threshold = this.deps.config.temperatureThreshold
    const effort = this.tuning.annealEffort * (this.chain.hot(state.epoch, threshold) ? this.tuning.healEffortFactor : 1)
    const parent = this.chain.parent(state.epoch)
    const compute = () => this.computeResultUncached(state.epoch, sorted, effort, parent)
    if (!this.deps.memo) return compute()
    const key = `${state.epoch}|${effort}|${hex(parent.digest)}|${parent.difficulty}|${parent.entropyBits}|${sorted.map((h) => h.id).join('')}`
    return this.deps.memo.byKey('epoch-result', key, compute)
  }

  private computeResultUncached(epoch: number, sorted: HeldProposal[], effort: number, parent: ReturnType<Chain['parent']>): OwnResult {
    const setDigest = proposalSetDigest(sorted.map((h) => h.idBytes))
    const setDigestHex = hex(setDigest)
    const outcome = annealSet({
      included: sorted,
      setDigestHex,
      feeds: this.deps.config.feeds,
      seed: (feed) => seedFor(this.genesisHashHex, epoch, feed),
      effort,
      weightOf: this.tuning.weightByWork ? (h) => 2 ** (h.proposal.ticket?.bits ?? this.deps.config.identityBits) : undefined,
      memo: this.deps.memo,
    })
    const record = buildRecord(outcome, sorted, {
      networkId: this.deps.config.networkId,
      epoch,
      previousRecordDigest: parent.digest,
      nextDifficulty: this.nextDifficultyAfter(parent, outcome),
    })
    const digest = recordDigest(record)
    return { setDigest, setDigestHex, record, recordDigest: digest, recordDigestHex: hex(digest), outcome, included: sorted }
  }

  /**
   * The paper's controller on the entropy change, plus a `heatStep`-bit surcharge while T is above threshold
   * (self-healing). The surcharge is transient: the controller runs on the parent's base difficulty (its next
   * difficulty minus its own surcharge, if it was hot), so an attack raises the price of proposals while it heats
   * T and the price falls back once T cools, instead of every hot epoch (a false alarm at small n included)
   * ratcheting the difficulty up for good.
   */
  private nextDifficultyAfter(parent: { difficulty: number; entropyBits: number | undefined; temperature: number | undefined }, outcome: AnnealOutcome): number {
    const params = this.tuning.stampDifficulty
    const threshold = this.deps.config.temperatureThreshold
    const parentHot = parent.temperature !== undefined && parent.temperature > threshold
    const parentBase = Math.max(params.min, parent.difficulty - (parentHot ? this.tuning.heatStep : 0))
    const base = nextDifficulty(parentBase, outcome.entropyBits, parent.entropyBits ?? outcome.entropyBits, params)
    const hot = outcome.temperature > threshold
    return hot ? Math.min(params.max, base + this.tuning.heatStep) : base
  }

  // ---------------------------------------------------------------- certificates

  private checkAllCertificates(state: EpochState): void {
    for (const digestHex of [...state.tally.keys()].sort()) this.checkCertificate(state, digestHex)
  }

  private checkCertificate(state: EpochState, digestHex: string): void {
    if (state.phase === 'certified') return
    const committee = this.chain.committee(state.epoch)
    if (!committee) return
    const members = this.committeeSet(state, committee)
    const endorsers = state.tally.get(digestHex)
    if (!endorsers || (state.memberCount.get(digestHex) ?? 0) < quorum(committee.length)) return
    const result = state.own?.recordDigestHex === digestHex ? state.own : state.foreignResults.get(digestHex)
    if (!result) {
      // Still collecting: our own close re-checks every tally. Closed with another record: rebuild theirs.
      if (state.own) this.fetchSetOf(state, digestHex)
      return
    }
    const endorsements = [...endorsers]
      .filter((a) => members.has(a))
      .sort()
      .map((a) => state.endorsements.get(a)!)
    const certificate: FinalityCertificate = { record: result.record, endorsements, committee: this.committeeKeys(committee) }
    this.finalize(state, result, certificate)
  }

  /** The committee as a set, with per-digest member counts recomputed only when the committee itself changes. */
  private committeeSet(state: EpochState, committee: AuthorId[]): Set<AuthorId> {
    if (!state.committeeSet || state.committeeRef !== committee) {
      state.committeeRef = committee
      state.committeeSet = new Set(committee)
      state.memberCount.clear()
      for (const [digestHex, endorsers] of state.tally) {
        let count = 0
        for (const a of endorsers) if (state.committeeSet.has(a)) count++
        state.memberCount.set(digestHex, count)
      }
    }
    return state.committeeSet
  }

  private finalize(state: EpochState, result: OwnResult, certificate: FinalityCertificate): void {
    state.phase = 'certified'
    state.certificate = certificate
    this.chain.certify({
      record: result.record,
      digest: result.recordDigest,
      digestHex: result.recordDigestHex,
      certificate,
      temperature: result.outcome.temperature,
      entropyBits: result.outcome.entropyBits,
    })
    for (const eviction of this.chain.updateReputation(state.epoch, result.outcome.weights, result.outcome.far)) {
      this.deps.port.emit({ type: 'eviction', author: eviction.author, untilEpoch: eviction.untilEpoch, reputation: eviction.reputation })
      this.deps.port.emit({ type: 'penalty', peer: eviction.author, reason: 'low-reputation', detail: `reputation ${eviction.reputation.toFixed(3)}` })
    }
    const reports = uniqueReports(result.included)
    const mine = reports.filter((r) => this.mempool.status(r.id).state === 'pending')
    this.mempool.markFinalized(reports.map((r) => r.report), state.epoch)
    for (const r of mine) this.deps.port.emit({ type: 'report', reportId: r.id, status: 'finalized', epoch: state.epoch })
    this.deps.port.emit({ type: 'certified', certificate, latencyMs: this.now - state.startMs })
    this.linear.onCertified(state, certificate)
    const child = this.epochs.get(state.epoch + 1)
    if (child) {
      this.tryEndorse(child)
      this.linear.retry(child)
      this.checkAllCertificates(child)
    }
  }

  // ---------------------------------------------------------------- anneal exchange (fetches)

  private request(peer: PeerRef, req: ProtocolRequest, pending: PendingRequest): void {
    const id = this.nextRequestId++
    this.requests.set(id, pending)
    this.stateFor(pending.epoch).fetching.add(id)
    this.deps.port.request(id, peer, encodeProtocolRequest(req))
  }

  /** In grace: ask an endorser for the expected proposals we still lack (bounded: 3 peers per epoch). */
  private fillFrom(state: EpochState, endorser: AuthorId): void {
    if (endorser === this.self || state.fetchedFrom.has(endorser) || state.fetchedFrom.size >= 3) return
    const missing = this.expected(state).filter((a) => !state.proposals.has(a) && !state.equivocators.has(a))
    if (missing.length === 0) return
    state.fetchedFrom.add(endorser)
    this.request(endorser, { kind: 'fetch-proposals', epoch: state.epoch, authors: missing.map(authorKey) }, { epoch: state.epoch, peer: endorser, purpose: 'fill' })
  }

  /** A quorum endorsed a record we did not compute: fetch one endorser's whole set and rebuild it. */
  private fetchSetOf(state: EpochState, digestHex: string): void {
    for (const id of state.fetching) if (this.requests.get(id)?.recordDigestHex === digestHex) return
    const endorsers = [...(state.tally.get(digestHex) ?? [])].filter((a) => a !== this.self).sort()
    const tried = state.setFetchTries.get(digestHex) ?? 0
    if (endorsers.length === 0 || tried >= 3) return
    state.setFetchTries.set(digestHex, tried + 1)
    const peer = endorsers[(tried * 7919) % endorsers.length]
    this.request(peer, { kind: 'fetch-proposals', epoch: state.epoch, authors: [] }, { epoch: state.epoch, peer, purpose: 'set', recordDigestHex: digestHex })
  }

  private onFetchedProposals(pending: PendingRequest, from: PeerRef, proposals: Proposal[]): void {
    const state = this.epochs.get(pending.epoch)
    if (!state) return
    const checked: CheckedProposal[] = []
    for (const p of proposals) {
      const c = checkFetchedProposal(p, this.validation)
      if (!c.ok || c.value.proposal.epoch !== pending.epoch) {
        if (!c.ok && c.verdict.action === 'reject') this.penalise(from, c.verdict.reason ?? 'malformed', 'fetched proposal')
        continue
      }
      checked.push(c.value)
    }
    if (pending.purpose === 'set' && pending.recordDigestHex) {
      const wantSet = state.setDigestOf.get(pending.recordDigestHex)
      const set = wantSet && endorsedSet(checked, wantSet)
      const result = set && this.computeResult(state, set)
      if (result && result.recordDigestHex === pending.recordDigestHex) {
        state.foreignResults.set(result.recordDigestHex, result)
        this.checkCertificate(state, result.recordDigestHex)
      }
    }
    for (const c of checked) this.admitProposal(c, false)
  }

  /**
   * A linear epoch's record may include batch entries this node never verified (batch-audit.ts): verify one before
   * serving it, so a forgery the sample missed costs the asker nothing and never gets this node penalised.
   */
  private verifiedHeld(state: EpochState, x: HeldProposal): boolean {
    if (state.proposals.get(hex(x.proposal.author))?.id === x.id) return true
    return checkProposalBytes(x.bytes, this.validation, this.validationKey(), this.deps.memo).ok
  }

  private serve(request: ProtocolRequest): ProtocolResponse {
    if (request.kind === 'fetch-proposals') {
      const state = this.epochs.get(request.epoch)
      if (!state) return { kind: 'proposals', proposals: [] }
      let held: HeldProposal[]
      if (request.authors.length === 0) held = (state.own?.included ?? [...state.proposals.values()]).filter((x) => this.verifiedHeld(state, x))
      else held = request.authors.map((k) => state.proposals.get(hex(k))).filter((h): h is HeldProposal => h !== undefined)
      const proposals = held.map((h) => h.proposal)
      // Equivocation evidence travels with every answer, both faces, so the asker can exclude the author even if
      // it never saw either face (the set rebuild tells evidence from the endorsed set: endorsedSet below).
      for (const [, [first, second]] of state.equivocators) proposals.push(decodeProposal(first), decodeProposal(second))
      return { kind: 'proposals', proposals: proposals.slice(0, 4096) }
    }
    const certs: FinalityCertificate[] = []
    for (let e = request.fromEpoch; certs.length < Math.min(request.limit, 64) && e <= (this.chain.lastCertified ?? -1); e++) {
      const c = this.chain.certified.get(e)?.certificate
      if (c) certs.push(c)
    }
    return { kind: 'certificates', certificates: certs }
  }

  // ---------------------------------------------------------------- approximate agreement fallback

  private startAgreement(state: EpochState): void {
    if (!state.own) return
    // Anneal exchange result: re-run over everything now held (fetched sets included) as the starting estimate.
    const union = this.computeResult(state, state.usable((a) => this.chain.isEvicted(a, state.epoch)))
    const estimate: FeedEstimate[] = union.record.feeds.map((f) => ({ feed: f.feed, values: f.values }))
    state.phase = 'agreement'
    state.agreement = { round: 0, roundEndsAt: this.now + this.clock.roundMs(), estimate, spread: Number.POSITIVE_INFINITY }
    this.publishEstimate(state)
  }

  /**
   * False only when this node knows epoch e's committee and holds no seat in it: its endorsements and estimates
   * would not count, so it keeps them off the gossip mesh (an evicted node falling back every epoch flooded it).
   */
  private seated(epoch: number): boolean {
    const committee = this.chain.committee(epoch)
    return committee === undefined || committee.length === 0 || committee.includes(this.self)
  }

  private publishEstimate(state: EpochState): void {
    const ag = state.agreement!
    if (!this.seated(state.epoch)) return
    const estimate = signEstimate(
      {
        networkId: this.deps.config.networkId,
        epoch: state.epoch,
        round: ag.round,
        author: this.deps.identity.publicKey,
        feeds: [...ag.estimate].sort((a, b) => (a.feed < b.feed ? -1 : 1)),
      },
      this.deps.crypto.sign,
    )
    const bytes = encodeAgreementEstimate(estimate)
    this.onEstimateBytes(this.self, bytes)
    this.deps.port.publish(this.topics.agreement, bytes)
  }

  private maybeFinishRound(state: EpochState): void {
    const ag = state.agreement
    if (!ag || state.phase !== 'agreement') return
    const committee = this.chain.committee(state.epoch) ?? this.expected(state)
    const inbox = state.agreementInbox.get(ag.round) ?? new Map<AuthorId, FeedEstimate[]>()
    const allIn = committee.every((a) => inbox.has(a))
    if (!allIn && this.now < ag.roundEndsAt) return
    const members = new Set(committee)
    const received = [...inbox].filter(([a]) => members.has(a)).map(([a, feeds]) => ({ author: authorKey(a), feeds }))
    ag.spread = Math.max(0, ...ag.estimate.map(({ feed }) => spread(received.flatMap((r) => r.feeds.filter((f) => f.feed === feed).map((f) => f.values)))))
    ag.estimate = agreeFeeds(received, committee.length, ag.estimate)
    ag.round++
    if (ag.round < this.tuning.agreementRounds) {
      ag.roundEndsAt = this.now + this.clock.roundMs()
      this.publishEstimate(state)
      return
    }
    const own = state.own!
    const record: EpochRecord = {
      ...own.record,
      approximate: true,
      feeds: own.record.feeds.map((f) => ({ ...f, values: ag.estimate.find((x) => x.feed === f.feed)?.values ?? f.values, approximateSpread: ag.spread })),
    }
    this.resolveApproximate(state, record, ag.spread, ag.round)
  }

  /**
   * Load shedding (linear epochs): every view failed while this node runs late, so it closes the epoch from what it
   * holds (the batch it endorsed, else the proposals it verified) without gossip or agreement rounds. The record
   * stays local like any approximate one (a certificate that arrives later still supersedes it); its spread is
   * unknown, since no estimates were exchanged.
   */
  private closeApproximately(state: EpochState): void {
    if (state.resolved()) return
    state.own ??= this.computeResult(state, state.usable((a) => this.chain.isEvicted(a, state.epoch)))
    this.resolveApproximate(state, { ...state.own.record, approximate: true }, Number.POSITIVE_INFINITY, 0)
  }

  private resolveApproximate(state: EpochState, record: EpochRecord, spread: number, rounds: number): void {
    state.phase = 'approximate'
    state.approximateRecord = record
    this.chain.markApproximate(state.epoch)
    this.deps.port.emit({ type: 'approximate', record, spread, rounds, latencyMs: this.now - state.startMs })
    const child = this.epochs.get(state.epoch + 1)
    if (child) {
      this.tryEndorse(child)
      if (child.phase === 'linear') this.linear.retry(child)
    }
  }

  // ---------------------------------------------------------------- linear epochs (linear-path.ts)

  /**
   * The parent epoch resolved here, or ran out of time to (the same bound the gossip path's tryEndorse waits): then
   * the record links to the latest certified record before it, as on the gossip path. Without the bound, a parent
   * that never resolves on this node (its state pruned while its fallback was still running) stalled every later
   * linear epoch for good (seen in the simulator under leader-equivocate).
   */
  private parentSettled(epoch: number): boolean {
    return epoch === 0 || this.chain.resolved(epoch - 1) || this.parentWaitOver(epoch)
  }

  /** Signed evidence against `author` found in `epoch`: penalise it and evict it for good from the next epoch on. */
  private evictOnEvidence(author: AuthorId, epoch: number, detail?: string): void {
    this.deps.port.emit({ type: 'penalty', peer: author, reason: 'equivocation', detail })
    const eviction = this.chain.evictEquivocator(author, epoch)
    if (eviction) this.deps.port.emit({ type: 'eviction', author, untilEpoch: eviction.untilEpoch, reputation: eviction.reputation })
  }

  /** The longest an epoch waits for its parent: past the parent's fallback and all its agreement rounds. */
  private parentWaitOver(epoch: number): boolean {
    return this.now >= this.clock.fallbackAt(epoch - 1) + this.clock.roundMs() * (this.tuning.agreementRounds + 1)
  }

  /** This node's signed endorsement of `result` for `epoch` (both paths sign through here). */
  private signOwnEndorsement(epoch: number, result: OwnResult): Endorsement {
    const unsigned = { networkId: this.deps.config.networkId, epoch, author: this.deps.identity.publicKey, proposalSetDigest: result.setDigest, recordDigest: result.recordDigest }
    return signEndorsement(unsigned, this.deps.crypto.sign)
  }

  private linearHost(): LinearHost {
    const { config } = this.deps
    return {
      self: this.self,
      selfKey: this.deps.identity.publicKey,
      networkId: config.networkId,
      clock: this.clock,
      tuning: this.tuning,
      schedule: this.schedule,
      crypto: this.deps.crypto,
      port: this.deps.port,
      memo: this.deps.memo,
      strategy: this.deps.strategy,
      colluders: this.deps.colluders ?? 0,
      now: () => this.now,
      random: () => this.random(),
      ownValue: (feed) => this.observations.get(feed)?.[0],
      committee: (epoch) => this.chain.committee(epoch),
      committeeSet: (state) => {
        const committee = this.chain.committee(state.epoch)
        return committee ? this.committeeSet(state, committee) : undefined
      },
      quorum: (size) => quorum(size),
      isEvicted: (author, epoch) => this.chain.isEvicted(author, epoch),
      parentResolved: (epoch) => this.parentSettled(epoch),
      state: (epoch) => (epoch > this.current + 1 || epoch < this.current - this.tuning.keepEpochs ? undefined : this.stateFor(epoch)),
      checkProposal: (bytes, signatures) => checkProposalBytes(bytes, this.validation, this.validationKey(), this.deps.memo, signatures),
      admit: (c) => this.admitProposal(c, false),
      complete: (state) => this.complete(state),
      computeResult: (state, held) => this.computeResult(state, held),
      countEndorsement: (from, bytes) => this.onEndorsementBytes(from, bytes),
      endorse: (state, result) => {
        const endorsement = this.signOwnEndorsement(state.epoch, result)
        state.own = result
        state.ownEndorsement = endorsement
        return endorsement
      },
      finalizeWith: (state, result, certificate) => this.finalize(state, result, certificate),
      adopt: (certificate) => this.adopt([certificate], true),
      evictLeader: (leader, epoch, view, kind) => {
        if (this.chain.isEvicted(leader, epoch + 1)) return
        this.deps.port.emit({ type: 'leader-evidence', leader, epoch, view, kind })
        this.evictOnEvidence(leader, epoch, `leader ${kind}`)
      },
      fallBack: (state) => {
        state.phase = 'collect'
        const own = state.linear.ownProposal
        if (own) this.deps.port.publish(this.topics.proposals, own)
        this.checkFastPath(state)
      },
      closeApproximately: (state) => this.closeApproximately(state),
      penalise: (peer, reason, detail) => this.penalise(peer, reason, detail),
      publishEvidence: (bytes) => this.deps.port.publish(this.topics.evidence, bytes),
    }
  }

  // ---------------------------------------------------------------- housekeeping

  /** The committee as public keys; shared through the memo, so 1,000 simulated nodes hold one copy per epoch. */
  private committeeKeys(committee: AuthorId[]): Uint8Array[] {
    const convert = () => committee.map(authorKey)
    return this.deps.memo ? this.deps.memo.byKey('committee-keys', committee.join(''), convert) : convert()
  }

  /** Memo key of proposal verdicts, recomputed only when the epoch or the certified chain moves. */
  private validationKey(): string {
    const current = this.current
    const clock = this.validation.clockEpoch
    const certified = this.chain.lastCertified
    if (this.cachedKeyCurrent !== current || this.cachedKeyClock !== clock || this.cachedKeyCertified !== certified) {
      this.cachedKeyCurrent = current
      this.cachedKeyClock = clock
      this.cachedKeyCertified = certified
      this.cachedKey = validationStateKey(this.validation)
    }
    return this.cachedKey
  }

  /** Passes a validator's verdict on; a reject also reports the forwarding peer for a gossip-score penalty. */
  private refuse(from: PeerRef, verdict: Verdict): Verdict {
    if (verdict.action === 'reject') this.penalise(from, verdict.reason ?? 'malformed', verdict.detail)
    return verdict
  }

  private penalise(peer: PeerRef, reason: NonNullable<Verdict['reason']>, detail?: string): void {
    if (peer !== this.self) this.deps.port.emit({ type: 'penalty', peer, reason, detail })
  }

  private prune(): void {
    const keepFrom = this.current - this.tuning.keepEpochs
    for (const epoch of this.epochs.keys()) if (epoch < keepFrom) this.epochs.delete(epoch)
    this.chain.prune(keepFrom)
  }
}

/**
 * The set an endorser endorsed, from its answer to a whole-set fetch: its included proposals followed by the
 * evidence pairs it holds. An equivocator it caught before closing is not in its set, one it caught later is
 * (first face), so try both readings and keep the one whose set digest is the endorsed one.
 */
function endorsedSet(checked: CheckedProposal[], wantSet: Uint8Array): HeldProposal[] | undefined {
  const byAuthor = new Map<AuthorId, HeldProposal>()
  const twoFaced = new Set<AuthorId>()
  for (const c of checked) {
    const held = byAuthor.get(c.author)
    if (!held) byAuthor.set(c.author, { proposal: c.proposal, bytes: c.bytes, id: c.id, idBytes: c.idBytes })
    else if (held.id !== c.id) twoFaced.add(c.author)
  }
  const all = [...byAuthor.values()]
  const honestOnly = all.filter((h) => !twoFaced.has(hex(h.proposal.author)))
  for (const candidate of twoFaced.size > 0 ? [all, honestOnly] : [all]) {
    const ids = candidate.map((h) => h.idBytes).sort(compareBytes)
    if (compareBytes(proposalSetDigest(ids), wantSet) === 0) return candidate
  }
  return undefined
}

function seedFor(genesisHex: string, epoch: number, feed: string): number {
  return hashSeed(genesisHex, epoch, feed)
}

function maxT(record: EpochRecord): number {
  return record.feeds.reduce((m, f) => Math.max(m, f.temperature), 0)
}

function meanH(record: EpochRecord): number {
  return record.feeds.length === 0 ? 0 : record.feeds.reduce((s, f) => s + f.entropyBits, 0) / record.feeds.length
}
