import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { leadingZeroBits, liveMinerWorkers, type MineProgress, mineTicket, PowParamError, ticketHash, verifyTicket } from '../src/index.js'
import { GENESIS, KEY, NETWORK, policy } from './fixtures.js'

const input = (bits: number) => ({ networkId: NETWORK, publicKey: KEY.publicKey, anchor: GENESIS, anchorEpoch: 0, bits })

describe('mineTicket', () => {
  test('mines a ticket that verifies, with two workers, and counts its hashes', async () => {
    const { ticket, hashes, elapsedMs } = await mineTicket(input(10), { workers: 2 })
    assert.ok(leadingZeroBits(ticketHash(ticket)) >= 10)
    assert.ok(verifyTicket(ticket, policy({ minBits: 10 })).ok)
    assert.ok(hashes >= 1)
    assert.ok(elapsedMs >= 0)
    assert.equal(liveMinerWorkers(), 0)
  })

  test('a single worker counts exactly the nonces it scanned', async () => {
    const { ticket, hashes } = await mineTicket(input(12), { workers: 1 })
    const view = new DataView(ticket.nonce.buffer, ticket.nonce.byteOffset)
    assert.equal(view.getUint32(0), 0)
    assert.equal(hashes, view.getUint32(4) + 1)
  })

  test('bits 0 succeeds on the first nonce of a single worker', async () => {
    const { ticket, hashes } = await mineTicket(input(0), { workers: 1 })
    assert.deepEqual([...ticket.nonce], [0, 0, 0, 0, 0, 0, 0, 0])
    assert.equal(hashes, 1)
  })

  test('abort stops mining, terminates every worker, and the event loop stays free meanwhile', { timeout: 30_000 }, async () => {
    const controller = new AbortController()
    const progress: MineProgress[] = []
    let settled = false
    let progressAfterSettle = 0
    let timerTicks = 0
    const ticker = setInterval(() => timerTicks++, 5)
    const mining = mineTicket(input(64), {
      workers: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (settled) progressAfterSettle++
        progress.push(p)
        // Aborting from a callback proves timers run while the workers hash (workers may take a while to start).
        if (progress.length >= 2 && p.hashes > 0) controller.abort(new Error('enough'))
      },
    })
    assert.ok(liveMinerWorkers() >= 2)
    await assert.rejects(mining, /enough/)
    settled = true
    clearInterval(ticker)
    assert.equal(liveMinerWorkers(), 0)
    assert.ok(timerTicks > 0)
    const last = progress.at(-1)!
    assert.equal(last.expectedHashes, 2 ** 64)
    assert.ok(last.hashes > 0 && last.hashesPerSecond > 0 && last.etaMs > 0)
    assert.ok(progress.every((p, i) => i === 0 || p.hashes >= progress[i - 1].hashes))
    await new Promise((resolve) => setTimeout(resolve, 150))
    assert.equal(progressAfterSettle, 0)
  })

  test('an already-aborted signal rejects without starting workers', async () => {
    const before = liveMinerWorkers()
    await assert.rejects(mineTicket(input(8), { signal: AbortSignal.abort(new Error('pre-aborted')) }), /pre-aborted/)
    assert.equal(liveMinerWorkers(), before)
  })

  test('bad input is a PowParamError, not a crash', async () => {
    await assert.rejects(mineTicket(input(257)), PowParamError)
    await assert.rejects(mineTicket(input(8), { workers: 0 }), PowParamError)
    await assert.rejects(mineTicket({ ...input(8), publicKey: new Uint8Array(3) }), PowParamError)
  })
})
