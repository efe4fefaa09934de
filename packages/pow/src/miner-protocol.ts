/** Messages and shared state between `mineTicket` and its worker threads. */

export interface MinerWorkerData {
  /** Ticket preimage without the nonce; the worker appends 8 nonce bytes. */
  prefix: Uint8Array
  bits: number
  /** This worker searches nonces whose high 32-bit word is ≡ workerIndex (mod workerCount): disjoint spaces. */
  workerIndex: number
  workerCount: number
  /**
   * BigUint64Array(workerCount) over shared memory: slot i holds worker i's hash count, published every
   * COUNTER_STRIDE hashes and exactly when it finds a nonce. The parent reads it for progress and the total.
   */
  counters: SharedArrayBuffer
}

/** Hashes between two counter publications: cheap (one Atomics.store per 1024 hashes) and fine-grained. */
export const COUNTER_STRIDE = 1024

export type MinerMessage = { type: 'found'; nonce: Uint8Array } | { type: 'exhausted' }
