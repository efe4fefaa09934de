/** Messages between `mineTicket` and its worker threads (structured-cloned). */

export interface MinerWorkerData {
  /** Ticket preimage without the nonce; the worker appends 8 nonce bytes. */
  prefix: Uint8Array
  bits: number
  /** This worker searches nonces whose high 32-bit word is ≡ workerIndex (mod workerCount): disjoint spaces. */
  workerIndex: number
  workerCount: number
  /** Hashes between two progress messages. */
  batch: number
}

export type MinerMessage =
  | { type: 'progress'; hashes: number }
  | { type: 'found'; nonce: Uint8Array; hashes: number }
  | { type: 'exhausted'; hashes: number }
