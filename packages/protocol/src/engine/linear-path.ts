/**
 * The linear epoch, in protocol order (README "Linear epochs"):
 *
 *   1. propose   every proposer sends its signed, stamped proposal to the leader of view 0 and to its backup
 *   2. receipt   the leader acknowledges each proposal it takes in with a signed receipt
 *   3. batch     at its cutoff (every expected proposer in, or a quorum and the cutoff time) the leader signs one
 *                batch of every proposal it took in and sends it to the committee and the proposers
 *   4. endorse   each committee member anneals exactly that set and sends its endorsement to the leader; an honest
 *                node endorses at most one record per epoch, across views
 *   5. certify   on a quorum of endorsements the leader sends the certificate the same way as the batch
 *   6. views     if no certificate by the end of a view, nodes move to the next view and send its leader a view
 *                change carrying their endorsement and the batch it endorsed, so the new leader re-proposes that set
 *   7. fallback  after the last view the epoch runs the gossip path (and, failing that, approximate agreement)
 *
 * Censorship is provable: a receipt and a batch of the same leader and view without the receipted proposal are
 * evidence, gossiped on the evidence topic; so are two different batches of one leader and view. Either evicts
 * the leader like an equivocator. This file holds the linear phases; the engine owns the shared state (the chain,
 * tallies, results) and reaches this class through `LinearHost`.
 */
import type { AuthorId, Batch, Endorsement, FinalityCertificate, LeaderEvidence, ViewChange } from '../messages/types.js'
import { verifyCertificate } from '../validation/index.js'
import {
  authorKey,
  batchAuditSeedBytes,
  batchSigningBytes,
  compareBytes,
  decodeBatch,
  decodeDirect,
  decodeFinalityCertificate,
  decodeLeaderEvidence,
  decodeReceipt,
  decodeViewChange,
  encodeBatch,
  encodeDirect,
  encodeEndorsement,
  encodeFinalityCertificate,
  encodeLeaderEvidence,
  encodeReceipt,
  encodeViewChange,
  messageId,
  proposalSetDigest,
  receiptSigningBytes,
  recordDigest,
  signBatch,
  signReceipt,
  signViewChange,
  viewChangeSigningBytes,
} from '../wire/index.js'
import { hex } from './aggregate.js'
import { auditSample } from './batch-audit.js'
import type { EpochClock } from './config.js'
import type { EpochState, HeldProposal, OwnResult } from './epoch-state.js'
import { type Checked, type CheckedProposal, memoised, memoisedDecode } from './inbound.js'
import type { LeaderSchedule } from './leader-schedule.js'
import type { EngineCrypto, EngineMemo, EnginePort, EngineTuning, LeaderFault, PeerRef, Verdict } from './types.js'

/** What the linear path needs from the engine; everything else stays inside the engine. */
export interface LinearHost {
  readonly self: AuthorId
  readonly selfKey: Uint8Array
  readonly networkId: string
  readonly clock: EpochClock
  readonly tuning: EngineTuning
  readonly schedule: LeaderSchedule
  readonly crypto: EngineCrypto
  readonly port: EnginePort
  /**
   * A memo shared between engines (the simulator): decoding and checking a batch or certificate, and framing one
   * for sending, are pure functions of its bytes (and of the committee), so n receivers of the same array share
   * one result. Absent on a real node, which computes everything itself.
   */
  readonly memo?: EngineMemo
  readonly strategy?: import('../attacks/types.js').AttackStrategy
  readonly colluders: number
  now(): number
  random(): number
  ownValue(feed: string): number | undefined
  committee(epoch: number): AuthorId[] | undefined
  /** committee(state.epoch) as a set, cached on the epoch state; undefined while the committee is unknown. */
  committeeSet(state: EpochState): ReadonlySet<AuthorId> | undefined
  quorum(size: number): number
  isEvicted(author: AuthorId, epoch: number): boolean
  parentResolved(epoch: number): boolean
  state(epoch: number): EpochState | undefined
  /** All checks of one proposal; `signatures: false` all but the signatures (a batch entry outside the audit sample). */
  checkProposal(bytes: Uint8Array, signatures?: boolean): Checked<CheckedProposal>
  /** Takes a checked proposal into the epoch's held set (duplicates and equivocation handled there). */
  admit(c: CheckedProposal): Verdict
  /** All proposers this node expects in the epoch are in. */
  complete(state: EpochState): boolean
  computeResult(state: EpochState, held: HeldProposal[]): OwnResult
  /** Counts an endorsement (ours or a peer's) toward the tally; may certify. */
  countEndorsement(from: PeerRef, bytes: Uint8Array): Verdict
  /** Signs this node's endorsement of `result` (once per epoch) and records it as the node's own view. */
  endorse(state: EpochState, result: OwnResult): Endorsement
  /** Finalizes the epoch with a certificate for a record this node computed (reputation, reports, events). */
  finalizeWith(state: EpochState, result: OwnResult, certificate: FinalityCertificate): void
  /** Adopts a verified certificate whose record this node did not compute (the sync path). */
  adopt(certificate: FinalityCertificate): void
  /** Evicts a leader on evidence (once) and emits the events. */
  evictLeader(leader: AuthorId, epoch: number, view: number, kind: LeaderFault): void
  /** Starts the gossip path of an epoch whose views all failed. */
  fallBack(state: EpochState): void
  /** Closes an epoch whose views all failed as approximate, from what this node holds, with no traffic (shedding). */
  closeApproximately(state: EpochState): void
  penalise(peer: PeerRef, reason: NonNullable<Verdict['reason']>, detail?: string): void
  publishEvidence(bytes: Uint8Array): void
}

interface SeenBatch {
  bytes: Uint8Array
  batch: Batch
  leader: AuthorId
  held: HeldProposal[]
  ids: Set<string>
  /** Ids of the entries whose signatures this node has verified (the audit sample, its own, those it held already). */
  checked: Set<string>
  /** Digest of the batch's proposal set, computed when a view change has to be matched against it. */
  setDigest?: Uint8Array
}

interface LeadState {
  view: number

  taken: Set<string>
  refused: number
  sent: boolean
  audience: Set<AuthorId>
}

/** The linear part of one epoch's state, owned by EpochState. */
export class LinearState {
  view = 0
  ownProposal?: Uint8Array
  ownProposalId?: string
  /** Our receipt from each view's leader. */
  readonly receipts = new Map<number, Uint8Array>()
  /** The first valid batch seen per view. */
  readonly batches = new Map<number, SeenBatch>()
  /** A batch waiting for its parent epoch to resolve before we can anneal it. */
  pendingBatch?: SeenBatch
  endorsedBatch?: SeenBatch
  lead?: LeadState
  /** View changes received as the leader of a later view: view -> author -> message. */
  readonly viewChanges = new Map<number, Map<AuthorId, ViewChange>>()
  fellBack = false
  certificateSent = false
  /**
   * When this node saw the parent epoch resolved. Views are timed from max(epoch start, this): a record links to
   * its parent, so no view can finish before the parent resolves, and timing views from the epoch start alone
   * made one late parent push every later epoch past its views in turn (measured: a cascade of fallbacks).
   */
  viewsFrom?: number
}

const ACCEPT: Verdict = { action: 'accept' }

export class LinearPath {
  /** Ids of proposal frames already handled (bounded), so a repeated frame costs a hash, not a validation. */
  private readonly seenProposals = new Set<string>()

  constructor(private readonly host: LinearHost) {}

  // ---------------------------------------------------------------- 1. propose

  /** Sends this node's proposal to the view-0 leader and its backup. False when no schedule is known (gossip path). */
  start(state: EpochState, faces: Uint8Array[]): boolean {
    const h = this.host
    const leader = h.schedule.leader(state.epoch, 0)
    if (leader === undefined) return false
    const lin = state.linear
    lin.ownProposal = faces[0]
    const to = [leader, h.schedule.leader(state.epoch, 1)].filter((p): p is AuthorId => p !== undefined)
    for (const [i, peer] of [...new Set(to)].entries()) this.sendTo(peer, 'proposal', faces[Math.min(i, faces.length - 1)])
    return true
  }

  // ---------------------------------------------------------------- inbound direct frames

  deliver(from: PeerRef, frame: Uint8Array): void {
    let message: ReturnType<typeof decodeDirect>
    try {
      message = decodeDirect(frame)
    } catch (err) {
      this.host.penalise(from, 'malformed', `direct frame: ${(err as Error).message}`)
      return
    }
    switch (message.kind) {
      case 'proposal':
        this.onProposal(from, message.bytes)
        break
      case 'receipt':
        this.onReceipt(from, message.bytes)
        break
      case 'batch':
        this.onBatch(from, message.bytes)
        break
      case 'endorsement':
        this.host.countEndorsement(from, message.bytes)
        break
      case 'certificate':
        this.onCertificate(from, message.bytes)
        break
      case 'view-change':
        this.onViewChange(from, message.bytes)
        break
    }
  }

  // ---------------------------------------------------------------- 2. receipts (leader)

  private onProposal(from: PeerRef, bytes: Uint8Array): void {
    const h = this.host
    // A proposal frame seen before (a retransmission, or the same bytes again from a flooding author) costs a hash.
    const id = hex(messageId(bytes))
    if (this.seenProposals.has(id)) return
    this.seenProposals.add(id)
    if (this.seenProposals.size > 8192) this.seenProposals.delete(this.seenProposals.values().next().value as string)
    const checked = h.checkProposal(bytes)
    if (!checked.ok) {
      if (checked.verdict.action === 'reject') h.penalise(from, checked.verdict.reason ?? 'malformed', 'direct proposal')
      return
    }
    const c = checked.value
    const state = h.state(c.proposal.epoch)
    if (!state || state.resolved()) return
    const lead = this.leadingView(state)
    if (lead && !lead.sent && !this.takes(state, lead, c)) return
    if (h.admit(c).action === 'ignore' && !state.proposals.has(c.author)) return
    if (lead && !lead.sent && state.proposals.get(c.author)?.id === c.id) this.receipt(state, lead, c, from)
    this.maybeSendBatch(state)
  }

  private takes(state: EpochState, lead: LeadState, c: CheckedProposal): boolean {
    const h = this.host
    const strategy = h.strategy?.active(state.epoch) ? h.strategy : undefined
    if (!strategy?.leaderTakes || c.author === h.self) return true
    const feed = c.proposal.observations[0]
    const ok = strategy.leaderTakes({
      epoch: state.epoch,
      view: lead.view,
      author: c.author,
      value: feed?.values[0],
      ownValue: feed ? h.ownValue(feed.feed) : undefined,
      refused: lead.refused,
      colluders: h.colluders,
      random: () => h.random(),
    })
    if (!ok) lead.refused++
    return ok
  }

  private receipt(state: EpochState, lead: LeadState, c: CheckedProposal, to: PeerRef): void {
    if (lead.taken.has(c.id)) return
    lead.taken.add(c.id)
    lead.audience.add(c.author)
    // Receipts bind view 0's leader only: a later view's leader may have to re-propose a set endorsed in an earlier
    // view, which need not hold every proposal it has since received, and must not look like censorship.
    if (c.author === this.host.self || lead.view > 0) return
    const receipt = signReceipt({ networkId: this.host.networkId, epoch: state.epoch, view: lead.view, leader: this.host.selfKey, proposalId: c.idBytes }, this.host.crypto.sign)
    this.sendTo(to, 'receipt', encodeReceipt(receipt))
  }

  /** Follower: keep the leader's receipt for our own proposal (it is the censorship evidence if the batch omits it). */
  private onReceipt(from: PeerRef, bytes: Uint8Array): void {
    const h = this.host
    let r: ReturnType<typeof decodeReceipt>
    try {
      r = decodeReceipt(bytes)
    } catch {
      h.penalise(from, 'malformed', 'receipt')
      return
    }
    const state = h.state(r.epoch)
    const lin = state?.linear
    if (!state || !lin?.ownProposal || r.networkId !== h.networkId) return
    if (hex(r.leader) !== h.schedule.leader(r.epoch, r.view)) return
    if (hex(r.proposalId) !== state.ownProposalIds[0]) return
    if (!h.crypto.verify(r.leader, receiptSigningBytes(r), r.signature)) {
      h.penalise(from, 'bad-signature', 'receipt')
      return
    }
    if (!lin.receipts.has(r.view)) lin.receipts.set(r.view, bytes)
    const batch = lin.batches.get(r.view)
    if (batch) this.checkCensorship(state, batch)
  }

  // ---------------------------------------------------------------- 3. batch (leader)

  /** The view this node leads now, if any (created on first use). */
  private leadingView(state: EpochState): LeadState | undefined {
    const h = this.host
    const lin = state.linear
    if (lin.fellBack) return undefined
    const view = lin.view
    if (h.schedule.leader(state.epoch, view) !== h.self) return undefined
    if (!lin.lead || lin.lead.view !== view) {
      lin.lead = { view, taken: new Set(), refused: 0, sent: false, audience: new Set(h.committee(state.epoch) ?? []) }
      lin.lead.audience.delete(h.self)
      // Proposals that reached us before we led (as the backup) get their receipts now.
      for (const held of state.usable((a) => h.isEvicted(a, state.epoch))) {
        const c = checkedOf(held)
        this.receipt(state, lin.lead, c, c.author)
      }
    }
    return lin.lead
  }

  private maybeSendBatch(state: EpochState): void {
    const h = this.host
    const lead = this.leadingView(state)
    if (!lead || lead.sent || state.resolved()) return
    const now = h.now()
    const view = lead.view
    if (view > 0 && now < this.viewChangeWaitEnd(state, view) && !this.viewChangeQuorum(state, view)) return
    let reproposal = this.endorsedBatchToRepropose(state, view)
    // We are about to sign the set as our own: every entry must pass the checks the sample skipped.
    if (reproposal && !this.verifyAll(reproposal)) reproposal = undefined
    let held: HeldProposal[]
    if (reproposal) held = reproposal.held
    else {
      const committee = h.committee(state.epoch)
      held = state.usable((a) => h.isEvicted(a, state.epoch)).filter((x) => lead.taken.has(x.id))
      // The epoch's cached set, not committee.includes: this runs on every proposal the leader takes in (n^3 string
      // compares at n=1,000), and a set built per call would still be O(n) each time.
      const seats = h.committeeSet(state)
      const members = seats ? held.filter((x) => seats.has(hex(x.proposal.author))).length : 0
      const needed = committee ? h.quorum(committee.length) : Number.POSITIVE_INFINITY
      const allIn = h.complete(state)
      if (members < needed) return
      if (!allIn && now < this.leaderCutoff(state, view)) return

    }
    lead.sent = true
    const strategy = h.strategy?.active(state.epoch) ? h.strategy : undefined
    if (strategy?.leaderSilent?.(state.epoch)) return
    if (strategy?.leaderIncludes) held = held.filter((x) => strategy.leaderIncludes!({ epoch: state.epoch, view, author: hex(x.proposal.author) }))
    const bytes = this.signBatch(state.epoch, view, held)
    const audience = [...this.audienceOf(state.epoch, lead, held)].sort()
    if (strategy?.leaderEquivocates?.(state.epoch) && held.length > 1) {
      const other = this.signBatch(state.epoch, view, held.slice(0, held.length - 1))
      for (const [i, peer] of audience.entries()) this.sendTo(peer, 'batch', i % 2 === 0 ? bytes : other)
    } else for (const peer of audience) this.sendTo(peer, 'batch', bytes)
    h.port.emit({ type: 'batch-sent', epoch: state.epoch, view, proposals: held.length, audience: audience.length })
    // Our own copy goes through the same checks as anyone's.
    this.onBatch(h.self, bytes)
  }

  private signBatch(epoch: number, view: number, held: HeldProposal[]): Uint8Array {
    const sorted = [...held].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const batch = signBatch({ networkId: this.host.networkId, epoch, view, leader: this.host.selfKey, proposals: sorted.map((x) => x.bytes) }, this.host.crypto.sign)
    return encodeBatch(batch)
  }

  // ---------------------------------------------------------------- 4. endorse (follower)

  private onBatch(from: PeerRef, bytes: Uint8Array): void {
    const h = this.host
    const seen = this.checkBatch(from, bytes)
    if (!seen) return
    const state = h.state(seen.batch.epoch)
    if (!state || state.resolved()) return
    const lin = state.linear
    const first = lin.batches.get(seen.batch.view)
    if (first) {
      if (compareBytes(first.bytes, bytes) !== 0) this.equivocationEvidence(state, first, seen)
      return
    }
    lin.batches.set(seen.batch.view, seen)
    if (seen.batch.view > lin.view && !lin.fellBack) lin.view = seen.batch.view
    this.checkCensorship(state, seen)
    // Only verified entries join the proposals this node holds (and may serve or re-propose); the batch's whole set
    // is annealed all the same.
    for (const held of seen.held) if (seen.checked.has(held.id)) h.admit(checkedOf(held))
    this.endorseBatch(state, seen)
  }

  /**
   * Signature of the scheduled leader first (one verify), then every proposal's encoding, ticket and stamp, and the
   * proposals' own signatures for the audit sample only (engine/batch-audit.ts). A leader checks its own batch
   * without verifying anything again: every entry came from the proposals it holds, verified on arrival.
   */
  private checkBatch(from: PeerRef, bytes: Uint8Array): SeenBatch | undefined {
    const h = this.host
    const batch = memoisedDecode(h.memo, 'linear-batch', bytes, decodeBatch)
    if (batch === undefined) {
      h.penalise(from, 'malformed', 'batch')
      return undefined
    }
    if (batch.networkId !== h.networkId) return undefined
    const leader = hex(batch.leader)
    // Who leads depends on this node's chain: a batch from a leader it does not expect is ignored, never punished.
    if (h.schedule.leader(batch.epoch, batch.view) !== leader) return undefined
    if (from !== h.self && !memoised(h.memo, 'linear-batch-signature', bytes, () => h.crypto.verify(batch.leader, batchSigningBytes(batch), batch.signature))) {
      h.penalise(from, 'bad-signature', 'batch')
      return undefined
    }
    const holding = h.state(batch.epoch)?.proposals
    const audit = from === h.self ? undefined : auditSample(batch.proposals.length, h.tuning.batchAuditSample, h.crypto.sign(batchAuditSeedBytes(batch.signature)))
    const held: HeldProposal[] = []
    const authors = new Set<AuthorId>()
    const ids = new Set<string>()
    const checked = new Set<string>()
    let previousId = ''
    for (const [i, p] of batch.proposals.entries()) {
      let c = h.checkProposal(p, false)
      if (c.ok) {
        const mine = holding?.get(c.value.author)
        if (mine?.id === c.value.id) checked.add(c.value.id)
        // Our own entry, and one that differs from what we hold of its author, are always verified: a forgery there
        // would otherwise pass as our words or as the author's equivocation.
        else if (audit === undefined || audit.has(i) || mine !== undefined || c.value.author === h.self) {
          c = h.checkProposal(p)
          if (c.ok) checked.add(c.value.id)
        }
      }
      if (!c.ok) {
        // A stateless failure is the leader's signed fault; one that depends on our chain (stamp bits, tickets we
        // have not seen) may be ours, so the batch is only ignored.
        if (isLeaderFault(c.verdict)) {
          h.penalise(leader, c.verdict.reason, 'proposal in batch')
          this.forgeryEvidence(batch, bytes, i)
        }
        return undefined
      }
      if (c.value.proposal.epoch !== batch.epoch || authors.has(c.value.author) || c.value.id <= previousId) {
        h.penalise(leader, 'malformed', 'batch: wrong epoch, duplicate author or unsorted')
        return undefined
      }
      previousId = c.value.id
      authors.add(c.value.author)
      ids.add(c.value.id)
      held.push({ proposal: c.value.proposal, bytes: c.value.bytes, id: c.value.id, idBytes: c.value.idBytes })
    }
    return { bytes, batch, leader, held, ids, checked }
  }

  /**
   * Verifies every entry of `seen` not verified yet, before this node signs the set as its own (a re-proposal). A
   * forged entry is evidence against the batch's leader; false then, and the set is not re-proposed.
   */
  private verifyAll(seen: SeenBatch): boolean {
    const h = this.host
    for (const [i, x] of seen.held.entries()) {
      if (seen.checked.has(x.id)) continue
      const c = h.checkProposal(x.bytes)
      if (!c.ok) {
        if (isLeaderFault(c.verdict)) this.forgeryEvidence(seen.batch, seen.bytes, i)
        return false
      }
      seen.checked.add(x.id)
    }
    return true
  }

  /** Endorse exactly the batch's set, once per epoch; wait while the parent epoch is unresolved. */
  endorseBatch(state: EpochState, seen: SeenBatch): void {
    const h = this.host
    const lin = state.linear
    if (state.resolved()) return
    if (!h.parentResolved(state.epoch)) {
      lin.pendingBatch ??= seen
      return
    }
    if (lin.pendingBatch === seen) lin.pendingBatch = undefined
    const committee = h.committee(state.epoch)
    if (!committee || committee.length === 0) return
    // No local eviction check here: evictions learnt from evidence reach nodes at different times, and refusing a
    // batch over one would split the vote. The leader leaves out whom it knows to be evicted; we anneal its set.
    const members = new Set(committee)
    const inBatch = seen.held.filter((x) => members.has(hex(x.proposal.author))).length
    if (inBatch < h.quorum(committee.length)) return
    const result = h.computeResult(state, seen.held)
    if (!state.foreignResults.has(result.recordDigestHex)) state.foreignResults.set(result.recordDigestHex, result)
    if (state.ownEndorsement) {
      // One record per epoch: re-send the same endorsement to a leader re-proposing our set, nothing otherwise.
      if (compareBytes(state.ownEndorsement.recordDigest, result.recordDigest) === 0 && members.has(h.self)) {
        this.sendTo(seen.leader, 'endorsement', encodeEndorsement(state.ownEndorsement))
      }
      return
    }
    if (!members.has(h.self)) return
    const strategy = h.strategy?.active(state.epoch) ? h.strategy : undefined
    if (strategy?.endorses && !strategy.endorses(state.epoch)) return
    const endorsement = h.endorse(state, result)
    lin.endorsedBatch = seen
    const bytes = encodeEndorsement(endorsement)
    if (seen.leader === h.self) h.countEndorsement(h.self, bytes)
    else this.sendTo(seen.leader, 'endorsement', bytes)
  }

  /** The parent of an epoch resolved: a batch that waited for it can be annealed now. */
  retry(state: EpochState): void {
    if (state.linear.viewsFrom === undefined && this.host.parentResolved(state.epoch)) state.linear.viewsFrom = Math.max(this.host.now(), state.startMs)
    const pending = state.linear.pendingBatch
    if (pending) this.endorseBatch(state, pending)
    this.maybeSendBatch(state)
  }

  // ---------------------------------------------------------------- 5. certificate

  /** The leader certified: send the certificate to everyone it sent the batch to. */
  onCertified(state: EpochState, certificate: FinalityCertificate): void {
    const lin = state.linear
    const lead = lin.lead
    if (!lead?.sent || lin.certificateSent) return
    const strategy = this.host.strategy?.active(state.epoch) ? this.host.strategy : undefined
    if (strategy?.leaderSilent?.(state.epoch)) return
    lin.certificateSent = true
    const bytes = encodeFinalityCertificate(certificate)
    const batch = lin.batches.get(lead.view)
    for (const peer of [...this.audienceOf(state.epoch, lead, batch?.held ?? [])].sort()) this.sendTo(peer, 'certificate', bytes)
  }

  /**
   * Who gets the batch and the certificate: the committee, every author in the batch, and the aggregators of this
   * epoch and the next two. Future leaders must follow the chain even when they hold no seat (just evicted, or
   * not yet seated): a leader that misses a certificate cannot close its own view until sync catches it up.
   */
  private audienceOf(epoch: number, lead: LeadState, held: HeldProposal[]): Set<AuthorId> {
    const h = this.host
    const audience = new Set<AuthorId>(lead.audience)
    for (const x of held) audience.add(hex(x.proposal.author))
    for (let e = epoch; e <= epoch + 2; e++) for (const a of h.schedule.aggregators(e) ?? []) audience.add(a)
    audience.delete(h.self)
    return audience
  }

  private onCertificate(from: PeerRef, bytes: Uint8Array): void {
    const h = this.host
    const cert = memoisedDecode(h.memo, 'linear-certificate', bytes, decodeFinalityCertificate)
    if (cert === undefined) {
      h.penalise(from, 'malformed', 'certificate')
      return
    }
    if (cert.record.networkId !== h.networkId) return
    const state = h.state(cert.record.epoch)
    if (state?.phase === 'certified') return
    const digestHex = memoised(h.memo, 'linear-certificate-digest', bytes, () => hex(recordDigest(cert.record)))
    const result = state?.own?.recordDigestHex === digestHex ? state.own : state?.foreignResults.get(digestHex)
    const committee = h.committee(cert.record.epoch)
    if (!state || !result || !committee) {
      h.adopt(cert)
      return
    }
    const verify = () => verifyCertificate(cert, { committee: committee.map(authorKey), networkId: h.networkId, crypto: h.crypto })
    // The verdict depends on the bytes and on this node's committee and network: the memo's namespace carries both.
    const verdict = h.memo ? h.memo.byBytes(certificateNamespace(committee, h.networkId), bytes, verify) : verify()
    if (!verdict.ok) {
      h.penalise(from, 'bad-signature', `certificate: ${verdict.reason}`)
      return
    }
    h.finalizeWith(state, result, cert)
  }

  // ---------------------------------------------------------------- 6. views

  /**
   * Timers: the leader's cutoff, view ends, and the fallback after the last view: the gossip path, or an approximate
   * close at once when this node is already running late (`fallbackShedFraction`).
   */
  advance(state: EpochState): void {
    const h = this.host
    const lin = state.linear
    if (lin.fellBack || state.resolved()) return
    const now = h.now()
    if (lin.viewsFrom === undefined) {
      if (!h.parentResolved(state.epoch)) {
        this.maybeSendBatch(state)
        return
      }
      lin.viewsFrom = Math.max(now, state.startMs)
    }
    while (!lin.fellBack && now >= this.viewEnd(state, lin.view)) {
      if (lin.view + 1 >= h.tuning.linearViews) {
        lin.fellBack = true
        // Lag behind this node's own timer (its last view's end), not behind the epoch clock: after a parent's
        // fallback, views start late by design, and an on-time node then still runs the gossip path (measured under
        // leader-equivocate at f = 0.33: judged against the epoch clock, two epochs closed without agreement and
        // honest values spread). A node whose timers fire this late is overloaded.
        const lagMs = now - this.viewEnd(state, h.tuning.linearViews - 1)
        const shed = lagMs > h.tuning.fallbackShedFraction * h.clock.periodMs()
        h.port.emit({ type: 'linear-fallback', epoch: state.epoch, lagMs, shed })
        if (shed) {
          h.closeApproximately(state)
          return
        }
        h.clock.startGossipAt(state.epoch, now)
        h.fallBack(state)
        return
      }
      this.moveTo(state, lin.view + 1)
    }
    this.maybeSendBatch(state)
  }

  /** Start of view v on this node: views are timed from when the parent resolved here, never before the epoch start. */
  private viewBegin(state: EpochState, view: number): number {
    return (state.linear.viewsFrom ?? Number.POSITIVE_INFINITY) + view * this.host.clock.viewMs()
  }

  private viewEnd(state: EpochState, view: number): number {
    return this.viewBegin(state, view + 1)
  }

  /** A later view's leader first waits this long for view changes, which may carry an endorsed batch to re-propose. */
  private viewChangeWaitEnd(state: EpochState, view: number): number {
    return this.viewBegin(state, view) + this.host.tuning.viewChangeWaitFraction * this.host.clock.periodMs()
  }

  /** A leader holding a quorum but not every expected proposer closes its batch at this time. */
  private leaderCutoff(state: EpochState, view: number): number {
    return (view > 0 ? this.viewChangeWaitEnd(state, view) : this.viewBegin(state, view)) + this.host.tuning.leaderCutoffFraction * this.host.clock.periodMs()
  }

  dueAt(state: EpochState): number | undefined {
    const h = this.host
    const lin = state.linear
    if (lin.fellBack || state.resolved()) return undefined
    // Waiting for the parent: its resolution re-runs this epoch (engine.retry); the engine's own bound on that wait
    // comes due at the parent's fallback, which the parent's state wakes the engine for (or the next epoch start).
    if (lin.viewsFrom === undefined) return h.parentResolved(state.epoch) ? h.now() : undefined
    let due = this.viewEnd(state, lin.view)
    // A leader still short of a quorum waits for proposals, not for a timer it already passed.
    if (lin.lead && !lin.lead.sent) {
      const now = h.now()
      for (const t of [this.viewChangeWaitEnd(state, lin.view), this.leaderCutoff(state, lin.view)]) if (t > now) due = Math.min(due, t)
    }
    return due
  }

  private moveTo(state: EpochState, view: number): void {
    const h = this.host
    const lin = state.linear
    lin.view = view
    const leader = h.schedule.leader(state.epoch, view)
    h.port.emit({ type: 'view-change', epoch: state.epoch, view, leader })
    if (leader === undefined || leader === h.self) {
      this.maybeSendBatch(state)
      return
    }
    const endorsed = lin.endorsedBatch
    const change = signViewChange(
      {
        networkId: h.networkId,
        epoch: state.epoch,
        view,
        author: h.selfKey,
        endorsement: endorsed ? state.ownEndorsement : undefined,
        endorsedBatch: endorsed?.bytes,
      },
      h.crypto.sign,
    )
    this.sendTo(leader, 'view-change', encodeViewChange(change))
    // Views past the backup's have leaders that never got our proposal.
    if (view >= 2 && lin.ownProposal) this.sendTo(leader, 'proposal', lin.ownProposal)
  }

  /** As the leader of a later view: collect view changes; an endorsement inside counts toward the tally at once. */
  private onViewChange(from: PeerRef, bytes: Uint8Array): void {
    const h = this.host
    let v: ViewChange
    try {
      v = decodeViewChange(bytes)
    } catch {
      h.penalise(from, 'malformed', 'view change')
      return
    }
    const state = h.state(v.epoch)
    if (!state || state.resolved() || v.networkId !== h.networkId) return
    const author = hex(v.author)
    if (!h.crypto.verify(v.author, viewChangeSigningBytes(v), v.signature)) {
      h.penalise(from, 'bad-signature', 'view change')
      return
    }
    let byAuthor = state.linear.viewChanges.get(v.view)
    if (!byAuthor) {
      byAuthor = new Map()
      state.linear.viewChanges.set(v.view, byAuthor)
    }
    if (byAuthor.has(author)) return
    byAuthor.set(author, v)
    if (v.endorsement && v.endorsedBatch) {
      // Every honest member endorsed the same batch, which this leader usually holds already: reuse its checks
      // (at n=100 re-checking ~99 carried copies of a 30 KB batch cost the new leader ~0.6 s of CPU).
      const carried = v.endorsedBatch
      const seen = [...state.linear.batches.values()].find((b) => compareBytes(b.bytes, carried) === 0) ?? this.checkBatch(from, carried)
      if (seen && seen.batch.epoch === v.epoch && seen.batch.view < v.view) {
        const known = state.linear.batches.get(seen.batch.view)
        if (known && compareBytes(known.bytes, seen.bytes) !== 0) this.equivocationEvidence(state, known, seen)
        else if (!known) state.linear.batches.set(seen.batch.view, seen)
        h.countEndorsement(from, encodeEndorsement(v.endorsement))
      }
    }
    if (state.linear.view < v.view && h.schedule.leader(v.epoch, v.view) === h.self && this.viewChangeQuorum(state, v.view)) {
      // A quorum has moved on: so do we, without waiting for our own timer.
      this.moveTo(state, v.view)
    }
    this.maybeSendBatch(state)
  }

  private viewChangeQuorum(state: EpochState, view: number): boolean {
    const committee = this.host.committee(state.epoch)
    const changes = state.linear.viewChanges.get(view)
    if (!committee || !changes) return false
    let members = 0
    for (const a of committee) if (changes.has(a) || a === this.host.self) members++
    return members >= this.host.quorum(committee.length)
  }

  /** A batch some node endorsed (ours, or carried in a view change), which a new leader must re-propose. */
  private endorsedBatchToRepropose(state: EpochState, view: number): SeenBatch | undefined {
    if (view === 0) return undefined
    const lin = state.linear
    if (lin.endorsedBatch) return lin.endorsedBatch
    const changes = lin.viewChanges.get(view)
    if (!changes) return undefined
    for (const author of [...changes.keys()].sort()) {
      const v = changes.get(author)!
      if (!v.endorsement) continue
      for (const seen of lin.batches.values()) {
        if (seen.batch.view >= view) continue
        // The endorsement names its set by digest: hashing the batch's ids is enough, no anneal needed to match it.
        seen.setDigest ??= proposalSetDigest(seen.held.map((x) => x.idBytes))
        if (compareBytes(seen.setDigest, v.endorsement.proposalSetDigest) === 0) return seen
      }
    }
    return undefined
  }

  // ---------------------------------------------------------------- 7. evidence

  private checkCensorship(state: EpochState, seen: SeenBatch): void {
    const lin = state.linear
    const receipt = lin.receipts.get(seen.batch.view)
    const own = state.ownProposalIds[0]
    if (!receipt || own === undefined || seen.ids.has(own)) return
    const evidence: LeaderEvidence = { batch: seen.bytes, receipt }
    this.host.evictLeader(seen.leader, state.epoch, seen.batch.view, 'censorship')
    this.host.publishEvidence(encodeLeaderEvidence(evidence))
  }

  /** A batch whose entry `index` fails its own checks: its leader signed a forgery. */
  private forgeryEvidence(batch: Batch, bytes: Uint8Array, index: number): void {
    this.host.evictLeader(hex(batch.leader), batch.epoch, batch.view, 'forgery')
    this.host.publishEvidence(encodeLeaderEvidence({ batch: bytes, forgedIndex: index }))
  }

  private equivocationEvidence(state: EpochState, first: SeenBatch, second: SeenBatch): void {
    this.host.evictLeader(first.leader, state.epoch, first.batch.view, 'equivocation')
    this.host.publishEvidence(encodeLeaderEvidence({ batch: first.bytes, secondBatch: second.bytes }))
  }

  /** Evidence gossiped by another node: check it from the leader's own signatures, then evict. */
  onEvidence(_from: PeerRef, bytes: Uint8Array): Verdict {
    const h = this.host
    let e: LeaderEvidence
    try {
      e = decodeLeaderEvidence(bytes)
    } catch {
      return { action: 'reject', reason: 'malformed', detail: 'evidence' }
    }
    let batch: Batch
    try {
      batch = decodeBatch(e.batch)
    } catch {
      return { action: 'reject', reason: 'malformed', detail: 'evidence batch' }
    }
    if (batch.networkId !== h.networkId) return { action: 'ignore', reason: 'wrong-network' }
    if (!h.crypto.verify(batch.leader, batchSigningBytes(batch), batch.signature)) return { action: 'reject', reason: 'bad-signature', detail: 'evidence batch' }
    const leader = hex(batch.leader)
    if (h.isEvicted(leader, batch.epoch + 1)) return { action: 'ignore', reason: 'duplicate' }
    if (e.receipt) {
      let r: ReturnType<typeof decodeReceipt>
      try {
        r = decodeReceipt(e.receipt)
      } catch {
        return { action: 'reject', reason: 'malformed', detail: 'evidence receipt' }
      }
      if (r.epoch !== batch.epoch || r.view !== batch.view || compareBytes(r.leader, batch.leader) !== 0) return { action: 'reject', reason: 'malformed', detail: 'evidence: receipt and batch differ' }
      if (!h.crypto.verify(r.leader, receiptSigningBytes(r), r.signature)) return { action: 'reject', reason: 'bad-signature', detail: 'evidence receipt' }
      const omitted = !batch.proposals.some((p) => {
        const c = h.checkProposal(p)
        return c.ok && c.value.id === hex(r.proposalId)
      })
      if (!omitted) return { action: 'reject', reason: 'malformed', detail: 'evidence: the batch holds the receipted proposal' }
      h.evictLeader(leader, batch.epoch, batch.view, 'censorship')
      return ACCEPT
    }
    if (e.forgedIndex !== undefined) {
      const entry = batch.proposals[e.forgedIndex]
      if (entry === undefined) return { action: 'reject', reason: 'malformed', detail: 'evidence: no such entry' }
      const c = h.checkProposal(entry)
      if (c.ok || !isLeaderFault(c.verdict)) return { action: 'reject', reason: 'malformed', detail: 'evidence: the entry is not forged' }
      h.evictLeader(leader, batch.epoch, batch.view, 'forgery')
      return ACCEPT
    }
    let second: Batch
    try {
      second = decodeBatch(e.secondBatch!)
    } catch {
      return { action: 'reject', reason: 'malformed', detail: 'evidence second batch' }
    }
    if (second.epoch !== batch.epoch || second.view !== batch.view || compareBytes(second.leader, batch.leader) !== 0 || compareBytes(e.batch, e.secondBatch!) === 0) {
      return { action: 'reject', reason: 'malformed', detail: 'evidence: not two batches of one view' }
    }
    if (!h.crypto.verify(second.leader, batchSigningBytes(second), second.signature)) return { action: 'reject', reason: 'bad-signature', detail: 'evidence second batch' }
    h.evictLeader(leader, batch.epoch, batch.view, 'equivocation')
    return ACCEPT
  }

  // ---------------------------------------------------------------- transport

  private sendTo(peer: PeerRef, kind: 'proposal' | 'receipt' | 'batch' | 'endorsement' | 'certificate' | 'view-change', bytes: Uint8Array): void {
    if (peer === this.host.self) return
    // A leader's fan-out frames the same batch or certificate once per peer; with a shared memo every peer gets
    // the one frame (the bytes are identical either way).
    this.host.port.send?.(peer, memoised(this.host.memo, `direct-frame:${kind}`, bytes, () => encodeDirect({ kind, bytes })))
  }
}

/** Memo namespace of certificate verdicts under one committee array (the chain keeps one per epoch): built once per array. */
const certificateNamespaces = new WeakMap<readonly AuthorId[], { networkId: string; namespace: string }>()
function certificateNamespace(committee: readonly AuthorId[], networkId: string): string {
  const known = certificateNamespaces.get(committee)
  if (known !== undefined && known.networkId === networkId) return known.namespace
  const namespace = `linear-certificate-verdict|${networkId}|${committee.join(',')}`
  certificateNamespaces.set(committee, { networkId, namespace })
  return namespace
}

/**
 * A batch entry's verdict that is the leader's signed fault: a stateless failure (its encoding, its signatures)
 * that every node reaches from the bytes alone. One that depends on the checker's chain (stamp bits, tickets it has
 * not seen) is not, so finders and checkers of forgery evidence always agree.
 */
function isLeaderFault(verdict: Verdict): verdict is Verdict & { reason: 'malformed' | 'bad-signature' } {
  return verdict.action === 'reject' && (verdict.reason === 'malformed' || verdict.reason === 'bad-signature')
}

/** A held proposal as the checked form the engine's admit and the receipts take (it passed its checks already). */
function checkedOf(held: HeldProposal): CheckedProposal {
  return { proposal: held.proposal, bytes: held.bytes, id: held.id, idBytes: held.idBytes, author: hex(held.proposal.author) }
}
