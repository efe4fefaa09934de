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

export type VerdictAction = 'accept' | 'ignore' | 'reject'

export type RejectReason =
  | 'malformed'
  | 'oversize'
  | 'wrong-network'
  | 'wrong-epoch'
  | 'bad-ticket'
  | 'expired-ticket'
  | 'unknown-ticket'
  | 'bad-stamp'
  | 'bad-signature'
  | 'duplicate'
  | 'equivocation'
  | 'not-committee'

/** Outcome of validating one inbound message; `reject` costs the forwarding peer gossip score. */
export interface Verdict {
  action: VerdictAction
  reason?: RejectReason
  detail?: string
}

/** A peer as the engine sees it: the hex author id (the libp2p Ed25519 key maps 1:1 to it). */
export type PeerRef = AuthorId

export interface EnginePort {
  publish(topic: string, data: Uint8Array): void
  /** A direct request; the driver answers later with `engine.onResponse(requestId, peer, bytes)` or `onRequestFailed`. */
  request(requestId: number, peer: PeerRef, data: Uint8Array): void
  emit(event: EngineEvent): void
}

export interface EngineCrypto {
  sign(message: Uint8Array): Bytes
  verify(publicKey: Bytes, message: Uint8Array, signature: Bytes): boolean
}

export type EngineEvent =
  | { type: 'proposed'; epoch: number; bytes: number }
  | { type: 'certified'; certificate: FinalityCertificate; latencyMs: number }
  | { type: 'approximate'; record: EpochRecord; spread: number; rounds: number; latencyMs: number }
  | { type: 'penalty'; peer: PeerRef; reason: RejectReason; detail?: string }
  | { type: 'equivocation'; author: AuthorId; epoch: number; evidence: [Uint8Array, Uint8Array] }
  | { type: 'eviction'; author: AuthorId; untilEpoch: number; reputation: number }
  | { type: 'report'; reportId: string; status: 'finalized' | 'rejected'; epoch?: number; reason?: string }

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

export type ReportSubmission = { accepted: true; reportId: string } | { accepted: false; reason: string; retryable: boolean }

export type { ClientReport }
