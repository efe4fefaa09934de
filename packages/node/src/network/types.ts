/**
 * The node's view of the network: everything the glue (`ThermoNode`) needs from libp2p, behind one interface, so
 * the glue can be tested without sockets and libp2p specifics stay in `libp2p/`.
 * Peers are named by their libp2p peer id string; `authorOf(peerId)` maps to the protocol's hex author id (the
 * node's libp2p key is its Ed25519 protocol identity, so the two are the same key).
 */
import type { Registry } from 'prom-client'

export type GossipVerdict = 'accept' | 'ignore' | 'reject'

export interface PeerSummary {
  peerId: string
  author: string
  addresses: string[]
  direction: 'inbound' | 'outbound'
  /** The peer presented a valid, unexpired ticket on /thermotruth/ticket/1.0.0. */
  ticketed: boolean
  gossipScore: number
  inMesh: boolean
}

/** Verifies a remote identity ticket (bytes as exchanged on the ticket protocol) against the remote's public key. */
export interface TicketGate {
  localTicket(): Uint8Array
  verifyRemote(remotePublicKey: Uint8Array, ticketBytes: Uint8Array): { ok: true } | { ok: false; reason: string }
}

export type RequestHandler = (fromPeerId: string, request: Uint8Array) => Promise<Uint8Array>

export interface NetworkEvents {
  'peer:ticketed': CustomEvent<{ peerId: string }>
  'peer:rejected': CustomEvent<{ peerId: string; reason: string }>
  'peer:disconnected': CustomEvent<{ peerId: string }>
}

export interface Network extends EventTarget {
  readonly peerId: string
  readonly publicKey: Uint8Array
  start(): Promise<void>
  stop(): Promise<void>
  listenAddresses(): string[]
  /**
   * Subscribe with a synchronous validator whose verdict is reported to gossipsub (reject = P4 penalty).
   * `fromPeerId` is the peer that forwarded the message to us, not its author: gossip is unsigned (StrictNoSign),
   * so the author is whatever the payload's own signature says.
   */
  subscribe(
    topic: string,
    validate: (fromPeerId: string, data: Uint8Array) => GossipVerdict,
    onMessage: (fromPeerId: string, data: Uint8Array) => void,
  ): void
  /**
   * Publish to the topic mesh (no flood-publish). Resolves even before any topic peer exists (the message is then
   * not sent; re-gossip is the engine's job). Identical bytes are one message (content-addressed ids).
   */
  publish(topic: string, data: Uint8Array): Promise<void>
  /** Serve a request/response protocol (length-prefixed, one request per stream). */
  handle(protocol: string, handler: RequestHandler, maxRequestBytes: number): Promise<void>
  request(peerId: string, protocol: string, data: Uint8Array, opts: { timeoutMs: number; maxResponseBytes: number }): Promise<Uint8Array>
  peers(): PeerSummary[]
  /** Application-specific gossipsub score (P5) from the engine's reputation and equivocation evidence. */
  setApplicationScore(peerId: string, score: number): void
  authorOf(peerId: string): string
  peerIdOf(author: string): string
  readonly metrics: Registry
}
