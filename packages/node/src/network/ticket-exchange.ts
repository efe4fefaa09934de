/**
 * The identity gate. Right after a connection opens, each side pushes its ticket on `/thermotruth/ticket/1.0.0`
 * (one length-prefixed message per stream, opened by the sender) and verifies the ticket the other side pushes
 * against the key the noise handshake authenticated. A peer that has not presented a valid ticket when its grace
 * period ends, or presents an invalid one, is disconnected and banned for a cooldown (the connection gater reads
 * the ban list). Push in both directions, rather than request/response, keeps both sides symmetric: neither waits
 * for the other before sending.
 *
 * A ticket whose work verifies but whose anchor this node cannot judge yet (an epoch it has not synced, or one ahead
 * of its clock) is *provisional*, not rejected: that verdict depends on local chain state, and banning on it made a
 * joiner ban the very peers it must sync from. Provisional peers may serve and request history; their gossip is
 * ignored (the gossip router asks `isVerified`) until a re-check finds the anchor, and they are disconnected, with
 * the reason, if it is still unknown after `provisionalMs`. A node whose own ticket renews calls `repush()`.
 * Every rejection is logged with its reason and counted in `rejections` (thermotruth_ticket_rejections_total).
 *
 * Only the ticket's bytes can convict a peer. A push that times out, is reset or ends early proves nothing about its
 * sender: under a start-up storm (100 nodes on 2 cores) the reader's 5 s timer ran out on honest tickets still queued
 * behind handshakes, and the 10-minute bans that followed set off a loop of redials (see peer-manager.ts) that held
 * both cores at ~60 % with no protocol traffic. So a failed read leaves the peer pending, the sender pushes again
 * (`PUSH_RETRY_DELAYS_MS`), and a peer that presents nothing by the end of its grace period is refused only for
 * `NO_TICKET_BAN_MS` (long enough to stop a stranger's redial loop, short enough for a slow honest peer).
 */
import type { Connection, Libp2p, PeerId, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import type { Uint8ArrayList } from 'uint8arraylist'
import { TICKET_PROTOCOL } from '../libp2p/protocols.js'
import type { BanRecord, PeerBanList } from './ban-list.js'
import { errorMessage, toError } from './errors.js'
import { ed25519KeyOf } from './identity.js'
import { rejectionReasonOf, TicketRejections } from './ticket-rejections.js'
import type { TicketGate } from './types.js'

/** Tickets are ~200 B of JSON; anything much larger is not a ticket. */
export const MAX_TICKET_BYTES = 4096

export type TicketStatus = 'pending' | 'provisional' | 'ticketed' | 'rejected'

/**
 * Gate reasons that depend on this node's chain or clock, not on the ticket alone: provisional, never a ban at once.
 * `bad-anchor` (a record for the anchor epoch other than ours) is here too: nodes whose chains split must not ban
 * each other for it; it becomes a rejection only if it still holds when the provisional period ends.
 */
const LOCAL_STATE_REASONS = new Set(['unknown-anchor', 'from-future', 'bad-anchor'])
/** Pauses before the sender pushes its ticket again after a push that failed on a still-open connection. */
const PUSH_RETRY_DELAYS_MS = [1000, 3000, 9000]
/** Ban for presenting no ticket at all within the grace period (invalid tickets get the full `banCooldownMs`). */
export const NO_TICKET_BAN_MS = 60_000
/**
 * The ticket frame's length prefix: tickets are under MAX_TICKET_BYTES (4096), so at most two varint bytes. A
 * RangeError asks lpStream for the next byte; any longer prefix is the sender's fault at once (lpStream's own varint
 * decoder keeps reading a prefix that never ends until the stream does, which would look like an early end).
 */
export function ticketLengthDecoder(data: Uint8ArrayList): number {
  const first = data.get(0)
  if ((first & 0x80) === 0) return first
  if (data.byteLength < 2) throw new RangeError('length prefix continues')
  const second = data.get(1)
  if ((second & 0x80) !== 0) throw new TypeError('ticket length prefix longer than 2 bytes')
  return (first & 0x7f) | (second << 7)
}

/**
 * Read errors that come from time, a reset or an early end of the stream, not from the bytes the peer sent
 * (AbortSignal.timeout's TimeoutError, @libp2p/utils' UnexpectedEOFError, stream resets and closes). Any other read
 * error is the bytes' fault (a frame over MAX_TICKET_BYTES: InvalidDataLengthError; a prefix over 2 bytes: the
 * TypeError of `ticketLengthDecoder`) and rejects.
 */
const TRANSIENT_READ_ERROR = /Timeout|Abort|EOF|Reset|Closed|StreamState/i

/** Default time a provisional peer has for its anchor to become known here. */
export const DEFAULT_PROVISIONAL_MS = 5 * 60_000

export interface TicketExchangeInit {
  gate: TicketGate
  banList: PeerBanList
  /** How long a connected peer may go without a valid ticket. */
  graceMs: number
  /** How long a rejected peer is refused by the connection gater. */
  banCooldownMs: number
  /** Bound on one ticket push / read, so a silent peer cannot hold a stream open. */
  streamTimeoutMs: number
  /**
   * Accepted tickets are re-verified this often (one hash per peer), so a ticket that expires while its holder
   * stays connected is caught: the policy's current epoch moves on, the ticket does not.
   */
  recheckIntervalMs: number
  /** How long a ticket with an anchor unknown here stays provisional before the peer is disconnected. */
  provisionalMs?: number
  onTicketed: (peerId: string) => void
  onRejected: (peerId: string, reason: string) => void
}

export interface TicketExchangeComponents {
  node: Pick<Libp2p, 'handle' | 'unhandle' | 'hangUp' | 'getConnections' | 'addEventListener' | 'removeEventListener'>
  log: (msg: string) => void
}

interface PeerTicketState {
  status: TicketStatus
  graceTimer?: ReturnType<typeof setTimeout>
  /** The accepted ticket and the key it was checked against, kept for re-checks. */
  accepted?: { key: Uint8Array; ticket: Uint8Array }
  /** A newer ticket this node cannot judge yet (renewal anchored at an epoch it has not synced), tried on re-checks. */
  renewal?: { key: Uint8Array; ticket: Uint8Array }
  provisionalSince?: number
  waiters: Array<(status: TicketStatus) => void>
}

export class TicketExchange {
  readonly rejections = new TicketRejections()
  private readonly peers = new Map<string, PeerTicketState>()
  private running = false
  private recheckTimer?: ReturnType<typeof setInterval>
  private localTicketOverride?: Uint8Array

  constructor(
    private readonly components: TicketExchangeComponents,
    private readonly init: TicketExchangeInit,
  ) {
    init.banList.onRefused = (record) => this.onBanRefusal(record)
  }

  /** The gater refused a banned peer: count every refusal, log the first of each ban (dials retry often). */
  private onBanRefusal(record: BanRecord): void {
    this.rejections.note('banned')
    if (record.refusals === 1) {
      const left = Math.max(0, Math.round((record.untilMs - Date.now()) / 1000))
      this.components.log(`identity gate: refused connection with ${record.peerId}: banned for another ${left} s (${record.reason})`)
    }
  }

  async start(): Promise<void> {
    if (this.running) return
    this.running = true
    await this.components.node.handle(TICKET_PROTOCOL, this.onInboundStream, { maxInboundStreams: 4 })
    this.components.node.addEventListener('connection:open', this.onConnectionOpen)
    this.components.node.addEventListener('peer:disconnect', this.onPeerDisconnect)
    this.recheckTimer = setInterval(() => this.recheck(), this.init.recheckIntervalMs)
  }

  async stop(): Promise<void> {
    if (!this.running) return
    this.running = false
    clearInterval(this.recheckTimer)
    this.recheckTimer = undefined
    this.components.node.removeEventListener('connection:open', this.onConnectionOpen)
    this.components.node.removeEventListener('peer:disconnect', this.onPeerDisconnect)
    for (const [peerId, state] of this.peers) this.settle(peerId, state, 'rejected', false)
    this.peers.clear()
    await this.components.node.unhandle(TICKET_PROTOCOL).catch(() => {})
  }

  status(peerId: string): TicketStatus | undefined {
    return this.peers.get(peerId)?.status
  }

  /** The peer paid for its identity: ticketed, or provisional (work verified, anchor not yet known here). */
  isTicketed(peerId: string): boolean {
    const status = this.peers.get(peerId)?.status
    return status === 'ticketed' || status === 'provisional'
  }

  /** Ticket fully verified against this node's chain: the gossip router's test (provisional gossip is ignored). */
  isVerified(peerId: string): boolean {
    return this.peers.get(peerId)?.status === 'ticketed'
  }

  /**
   * Presents `ticketBytes` (a renewed ticket, same encoding as the gate's) from now on, and pushes it to every
   * connected peer at once so none of them is left holding only the old one when it expires.
   */
  presentTicket(ticketBytes: Uint8Array): void {
    this.localTicketOverride = ticketBytes
    this.repush()
  }

  /** Sends our (possibly renewed) ticket to every connected peer; their exchange replaces the one they hold. */
  repush(): void {
    const seen = new Set<string>()
    for (const connection of this.components.node.getConnections()) {
      const peerId = connection.remotePeer.toString()
      if (seen.has(peerId) || connection.status !== 'open') continue
      seen.add(peerId)
      void this.pushTicket(connection)
    }
  }

  /**
   * Resolves when the peer's ticket is decided (or its grace period ends), without polling. A provisional peer
   * resolves as 'ticketed': it may be served (its work is verified; the anchor is this node's own gap).
   */
  waitForVerdict(peerId: string): Promise<TicketStatus> {
    const state = this.peers.get(peerId)
    if (state === undefined) return Promise.resolve('rejected')
    if (state.status === 'provisional') return Promise.resolve('ticketed')
    if (state.status !== 'pending') return Promise.resolve(state.status)
    return new Promise((resolve) => state.waiters.push(resolve))
  }

  private readonly onConnectionOpen = (evt: CustomEvent<Connection>): void => {
    const connection = evt.detail
    const peerId = connection.remotePeer.toString()
    if (this.init.banList.isBanned(peerId)) {
      // The gater refuses banned peers on new connections; this catches one that raced in before the ban.
      void this.components.node.hangUp(connection.remotePeer).catch(() => {})
      return
    }
    this.ensurePending(peerId)
    void this.pushTicket(connection)
  }

  private readonly onPeerDisconnect = (evt: CustomEvent<PeerId>): void => {
    const peerId = evt.detail.toString()
    const state = this.peers.get(peerId)
    if (state === undefined) return
    // A rejected peer's record lives on in the ban list; a pending one gets a fresh grace period next time.
    this.settle(peerId, state, state.status === 'ticketed' ? 'ticketed' : 'rejected', false)
    this.peers.delete(peerId)
  }

  private ensurePending(peerId: string): void {
    if (this.peers.has(peerId)) return
    const state: PeerTicketState = { status: 'pending', waiters: [] }
    state.graceTimer = setTimeout(() => {
      if (state.status === 'pending') this.reject(peerId, `no valid ticket within ${this.init.graceMs} ms`)
    }, this.init.graceMs)
    this.peers.set(peerId, state)
  }

  /**
   * Pushes our ticket on a new stream; a push that fails while the connection stays open (the reader timed out
   * under load, a reset) is tried again after `PUSH_RETRY_DELAYS_MS`. A closed connection ends it: the remote may
   * have closed it first (e.g. it bans us); our own verdict on the remote does not depend on this.
   */
  private async pushTicket(connection: Connection): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const signal = AbortSignal.timeout(this.init.streamTimeoutMs)
      let stream: Stream | undefined
      try {
        stream = await connection.newStream(TICKET_PROTOCOL, { signal })
        await lpStream(stream).write(this.localTicketOverride ?? this.init.gate.localTicket(), { signal })
        await stream.close({ signal })
        return
      } catch (err) {
        stream?.abort(toError(err))
        const retryInMs = PUSH_RETRY_DELAYS_MS[attempt]
        const retry = this.running && connection.status === 'open' && retryInMs !== undefined
        if (this.running) this.components.log(`ticket push to ${connection.remotePeer} failed: ${errorMessage(err)}${retry ? `; trying again in ${retryInMs / 1000} s` : ''}`)
        if (!retry) return
        await new Promise((resolve) => setTimeout(resolve, retryInMs))
        if (!this.running || connection.status !== 'open') return
      }
    }
  }

  private readonly onInboundStream = async (stream: Stream, connection: Connection): Promise<void> => {
    const peerId = connection.remotePeer.toString()
    const signal = AbortSignal.timeout(this.init.streamTimeoutMs)
    let bytes: Uint8Array
    try {
      const lp = lpStream(stream, { maxDataLength: MAX_TICKET_BYTES, lengthDecoder: ticketLengthDecoder })
      bytes = (await lp.read({ signal })).subarray()
      await stream.close({ signal })
    } catch (err) {
      stream.abort(toError(err))
      if (!TRANSIENT_READ_ERROR.test((err as Error).name ?? '')) this.reject(peerId, `unreadable ticket: ${errorMessage(err)}`)
      // Time, a reset or an early end: the sender pushes again; its grace period still bounds the wait.
      else if (this.running) this.components.log(`identity gate: ticket from ${peerId} not read (${errorMessage(err)}); waiting for another push`)
      return
    }
    const key = ed25519KeyOf(connection.remotePeer)
    if (key === undefined) {
      this.reject(peerId, `identity is ${connection.remotePeer.type}, not Ed25519`)
      return
    }
    const verdict = this.verify(key, bytes)
    if (verdict.ok) this.accept(peerId, { key, ticket: bytes })
    else if (LOCAL_STATE_REASONS.has(rejectionReasonOf(verdict.reason))) this.provisional(peerId, { key, ticket: bytes }, verdict.reason)
    else this.reject(peerId, verdict.reason)
  }

  private verify(key: Uint8Array, ticket: Uint8Array): ReturnType<TicketGate['verifyRemote']> {
    try {
      return this.init.gate.verifyRemote(key, ticket)
    } catch (err) {
      return { ok: false, reason: `ticket verifier failed: ${errorMessage(err)}` }
    }
  }

  /**
   * Re-verify every held ticket under the gate's current policy: expired ones fail the gate now, provisional ones
   * and pending renewals are promoted once their anchor is known here. The node may call it after sync brings anchors
   * (`onlyUnsettled`: just those, one hash each, cheap enough to run every epoch).
   */
  recheck(onlyUnsettled = false): void {
    const now = Date.now()
    for (const [peerId, state] of this.peers) {
      if (onlyUnsettled && state.status !== 'provisional' && state.renewal === undefined) continue
      if (state.renewal !== undefined) {
        const renewal = this.verify(state.renewal.key, state.renewal.ticket)
        if (renewal.ok) {
          const held = state.renewal
          state.renewal = undefined
          this.accept(peerId, held)
          continue
        }
        if (!LOCAL_STATE_REASONS.has(rejectionReasonOf(renewal.reason))) state.renewal = undefined
      }
      if (state.status === 'provisional' && state.accepted !== undefined) {
        const verdict = this.verify(state.accepted.key, state.accepted.ticket)
        if (verdict.ok) this.accept(peerId, state.accepted)
        else if (!LOCAL_STATE_REASONS.has(rejectionReasonOf(verdict.reason))) this.reject(peerId, verdict.reason)
        else if (now - (state.provisionalSince ?? now) >= (this.init.provisionalMs ?? DEFAULT_PROVISIONAL_MS)) {
          this.reject(peerId, `${verdict.reason} (still unknown after ${Math.round((now - state.provisionalSince!) / 1000)} s provisional)`)
        }
        continue
      }
      if (state.status !== 'ticketed' || state.accepted === undefined) continue
      const verdict = this.verify(state.accepted.key, state.accepted.ticket)
      if (!verdict.ok) this.reject(peerId, verdict.reason)
    }
  }

  /** Work verified, anchor not judgeable here yet: keep the peer (no ban), and re-check. */
  private provisional(peerId: string, held: NonNullable<PeerTicketState['accepted']>, reason: string): void {
    if (!this.running) return
    this.ensurePending(peerId)
    const state = this.peers.get(peerId)!
    if (state.status === 'rejected') return
    if (state.status === 'ticketed') {
      // A renewal this node cannot judge yet: keep the verified ticket until it expires, try the new one on re-checks.
      state.renewal = held
      return
    }
    state.accepted = held
    if (state.status === 'provisional') return
    state.provisionalSince = Date.now()
    this.components.log(`identity gate: ticket of ${peerId} is provisional (${reason}); its gossip is ignored until this node knows the anchor`)
    clearTimeout(state.graceTimer)
    state.graceTimer = undefined
    state.status = 'provisional'
    for (const resolve of state.waiters.splice(0)) resolve('ticketed')
  }

  private accept(peerId: string, accepted: PeerTicketState['accepted']): void {
    if (!this.running) return
    this.ensurePending(peerId)
    const state = this.peers.get(peerId)!
    if (state.status === 'rejected') return
    // A fresh ticket on a later connection replaces the one kept for re-checks (it may be newer).
    state.accepted = accepted
    if (state.status === 'ticketed') return
    this.settle(peerId, state, 'ticketed')
  }

  private reject(peerId: string, reason: string): void {
    if (!this.running) return
    this.ensurePending(peerId)
    const state = this.peers.get(peerId)!
    if (state.status === 'rejected') return
    state.accepted = undefined
    state.renewal = undefined
    const label = rejectionReasonOf(reason)
    this.rejections.note(label)
    const banMs = label === 'no-ticket' ? Math.min(NO_TICKET_BAN_MS, this.init.banCooldownMs) : this.init.banCooldownMs
    this.components.log(`identity gate: rejected ${peerId} (${label}): ${reason}; banned for ${Math.round(banMs / 1000)} s`)
    this.init.banList.ban(peerId, reason, banMs)
    this.settle(peerId, state, 'rejected', reason)
    const peer = this.components.node.getConnections().find((c) => c.remotePeer.toString() === peerId)?.remotePeer
    if (peer !== undefined) void this.components.node.hangUp(peer).catch(() => {})
  }

  /** `notify`: emit the verdict (true, or the rejection reason); false when tearing down quietly. */
  private settle(peerId: string, state: PeerTicketState, status: TicketStatus, notify: boolean | string = true): void {
    clearTimeout(state.graceTimer)
    state.graceTimer = undefined
    state.status = status
    for (const resolve of state.waiters.splice(0)) resolve(status)
    if (!notify) return
    if (status === 'ticketed') this.init.onTicketed(peerId)
    if (status === 'rejected') this.init.onRejected(peerId, typeof notify === 'string' ? notify : 'rejected')
  }
}
