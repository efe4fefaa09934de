/**
 * Types shared by the layers below the engine (wire, validation, mempool) and the engine itself. They live here so
 * that those layers never import from engine/: dependencies inside the package flow engine -> validation -> wire.
 */
import type { Bytes } from '../messages/types.js'

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
  | 'low-reputation'

/** Outcome of validating one inbound message; `reject` costs the forwarding peer gossip score. */
export interface Verdict {
  action: VerdictAction
  reason?: RejectReason
  detail?: string
}

export interface EngineCrypto {
  sign(message: Uint8Array): Bytes
  verify(publicKey: Bytes, message: Uint8Array, signature: Bytes): boolean
  /**
   * Optional: do the per-key set-up of verification (node:crypto's key import, ~160 µs a key here) ahead of time.
   * The engine calls it with the genesis committee, so a node's first epoch does not pay one import per member
   * (at n=100 in a 2-process swarm, the imports were a fifth of the first epoch's CPU and pushed it past its views).
   */
  prepareKeys?(publicKeys: readonly Bytes[]): void
}

export type ReportSubmission = { accepted: true; reportId: string } | { accepted: false; reason: string; retryable: boolean }
