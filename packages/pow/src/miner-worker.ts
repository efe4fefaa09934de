/**
 * Worker-thread entry of `mineTicket`: hashes prefix ‖ nonce over its own slice of the nonce space and reports
 * progress every `batch` hashes. It never waits for messages, so the parent stops it with `worker.terminate()`.
 * It loads no libp2p code, so it needs no Promise.withResolvers polyfill (pow cannot import node's anyway).
 *
 * Node's native `crypto.hash` (~1.7 M/s/core here, vs ~0.9 M/s for @noble/hashes) is used in this loop only;
 * test/sha256-identity.test.ts proves it gives the same digests as noble, and the parent re-checks the winning
 * nonce with noble before accepting it.
 */
import { hash } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import { leadingZeroBits } from './bits.js'
import type { MinerMessage, MinerWorkerData } from './miner-protocol.js'

const LOW_WORDS = 2 ** 32

function post(message: MinerMessage): void {
  parentPort!.postMessage(message)
}

function search({ prefix, bits, workerIndex, workerCount, batch }: MinerWorkerData): void {
  const preimage = Buffer.alloc(prefix.length + 8)
  preimage.set(prefix, 0)
  const highAt = prefix.length
  const lowAt = prefix.length + 4
  let sinceReport = 0
  for (let high = workerIndex; high < LOW_WORDS; high += workerCount) {
    preimage.writeUInt32BE(high, highAt)
    for (let low = 0; low < LOW_WORDS; low++) {
      preimage.writeUInt32BE(low, lowAt)
      sinceReport++
      if (leadingZeroBits(hash('sha256', preimage, 'buffer')) >= bits) {
        post({ type: 'found', nonce: Uint8Array.from(preimage.subarray(highAt)), hashes: sinceReport })
        return
      }
      if (sinceReport === batch) {
        post({ type: 'progress', hashes: sinceReport })
        sinceReport = 0
      }
    }
  }
  post({ type: 'exhausted', hashes: sinceReport })
}

search(workerData as MinerWorkerData)
