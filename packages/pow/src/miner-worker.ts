/**
 * Worker-thread entry of `mineTicket`: hashes prefix ‖ nonce over its own slice of the nonce space and publishes
 * its hash count in shared memory. It never waits for messages, so the parent stops it with `worker.terminate()`.
 * It loads no libp2p code, so it needs no Promise.withResolvers polyfill (pow cannot import node's anyway).
 *
 * It calls node's `crypto.hash` directly, as `sha256.ts` does for everything else, minus that function's Uint8Array
 * view per digest; test/sha256-identity.test.ts proves both give @noble/hashes' digests, and the parent re-checks
 * the winning nonce.
 */
import { hash } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import { leadingZeroBits } from './bits.js'
import { COUNTER_STRIDE, type MinerMessage, type MinerWorkerData } from './miner-protocol.js'

const WORD = 2 ** 32

function post(message: MinerMessage): void {
  parentPort!.postMessage(message)
}

function search({ prefix, bits, workerIndex, workerCount, counters }: MinerWorkerData): void {
  const counter = new BigUint64Array(counters)
  const preimage = Buffer.alloc(prefix.length + 8)
  preimage.set(prefix, 0)
  const highAt = prefix.length
  const lowAt = prefix.length + 4
  let hashes = 0
  for (let high = workerIndex; high < WORD; high += workerCount) {
    preimage.writeUInt32BE(high, highAt)
    for (let low = 0; low < WORD; low++) {
      preimage.writeUInt32BE(low, lowAt)
      hashes++
      if (leadingZeroBits(hash('sha256', preimage, 'buffer')) >= bits) {
        Atomics.store(counter, workerIndex, BigInt(hashes))
        post({ type: 'found', nonce: Uint8Array.from(preimage.subarray(highAt)) })
        return
      }
      if (hashes % COUNTER_STRIDE === 0) Atomics.store(counter, workerIndex, BigInt(hashes))
    }
  }
  Atomics.store(counter, workerIndex, BigInt(hashes))
  post({ type: 'exhausted' })
}

search(workerData as MinerWorkerData)
