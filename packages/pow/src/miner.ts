import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { expectedHashes, isValidBits, leadingZeroBits } from './bits.js'
import { PowParamError } from './errors.js'
import type { MinerMessage, MinerWorkerData } from './miner-protocol.js'
import { ticketHash, ticketPreimagePrefix, ticketShapeProblem } from './ticket.js'
import type { IdentityTicket } from './types.js'

export interface MineProgress {
  hashes: number
  hashesPerSecond: number
  /** 2^bits. Mining is memoryless: about 37% of runs need more than this, so progress past 100% is normal. */
  expectedHashes: number
  /** Time to reach `expectedHashes` at the current rate (0 once past it). */
  etaMs: number
}

export interface MineOptions {
  signal?: AbortSignal
  onProgress?: (p: MineProgress) => void
  /** Worker threads; default os.availableParallelism(). */
  workers?: number
}

export interface MineResult {
  ticket: IdentityTicket
  hashes: number
  elapsedMs: number
}

/** onProgress is called this often (from shared counters, so workers never send progress messages). */
const PROGRESS_INTERVAL_MS = 100

let liveWorkers = 0

/** Miner worker threads currently alive in this process (0 once every mineTicket has settled). */
export function liveMinerWorkers(): number {
  return liveWorkers
}

const workerUrl = new URL('./miner-worker.js', import.meta.url)

function validate(input: Omit<IdentityTicket, 'nonce' | 'version'>, workers: number): void {
  const problem = ticketShapeProblem({ ...input, version: 1, nonce: new Uint8Array(8) })
  if (problem !== undefined) throw new PowParamError(`cannot mine a malformed ticket: ${problem}`)
  if (!isValidBits(input.bits)) throw new PowParamError(`bits must be an integer in [0, 256], got ${input.bits}`)
  if (!Number.isInteger(workers) || workers < 1 || workers > 1024) throw new PowParamError(`workers must be an integer in [1, 1024], got ${workers}`)
}

/**
 * Mines an identity ticket on worker threads, each searching a disjoint nonce space, so the event loop stays free.
 * Resolves once a nonce is found (re-checked with @noble/hashes); rejects with `signal.reason` on abort. Either
 * way it settles only after every worker has exited.
 */
export function mineTicket(input: Omit<IdentityTicket, 'nonce' | 'version'>, opts: MineOptions = {}): Promise<MineResult> {
  const workerCount = opts.workers ?? availableParallelism()
  try {
    validate(input, workerCount)
  } catch (error) {
    return Promise.reject(error)
  }
  const { signal, onProgress } = opts
  if (signal?.aborted) return Promise.reject(signal.reason)

  return new Promise<MineResult>((resolve, reject) => {
    const started = performance.now()
    const expected = expectedHashes(input.bits)
    const pool: Worker[] = []
    const exits: Promise<unknown>[] = []
    const counters = new SharedArrayBuffer(8 * workerCount)
    const counterView = new BigUint64Array(counters)
    /** Hashes done so far: exact for a worker that found or exhausted, at most COUNTER_STRIDE - 1 behind otherwise. */
    const hashesSoFar = (): number => {
      let total = 0
      for (let i = 0; i < workerCount; i++) total += Number(Atomics.load(counterView, i))
      return total
    }
    let settled = false

    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      clearInterval(progressTimer)
      for (const worker of pool) void worker.terminate()
      void Promise.all(exits).then(outcome, outcome)
    }
    const onAbort = (): void => settle(() => reject(signal!.reason))

    const progressNow = (): MineProgress => {
      const hashes = hashesSoFar()
      const hashesPerSecond = hashes / ((performance.now() - started) / 1000)
      const etaMs = hashesPerSecond > 0 ? (Math.max(0, expected - hashes) / hashesPerSecond) * 1000 : Number.POSITIVE_INFINITY
      return { hashes, hashesPerSecond, expectedHashes: expected, etaMs }
    }

    const onFound = (nonce: Uint8Array): void => {
      const ticket: IdentityTicket = { version: 1, ...input, nonce }
      const zeros = leadingZeroBits(ticketHash(ticket))
      if (zeros < input.bits) {
        settle(() => reject(new Error(`miner worker returned a nonce with ${zeros} < ${input.bits} bits (native and noble SHA-256 disagree?)`)))
        return
      }
      const elapsedMs = performance.now() - started
      settle(() => resolve({ ticket, hashes: hashesSoFar(), elapsedMs }))
    }

    const onMessage = (message: MinerMessage): void => {
      if (settled) return
      if (message.type === 'found') onFound(message.nonce)
      else settle(() => reject(new Error(`nonce space exhausted after ${hashesSoFar()} hashes`)))
    }

    const progressTimer = onProgress && setInterval(() => onProgress(progressNow()), PROGRESS_INTERVAL_MS)
    signal?.addEventListener('abort', onAbort, { once: true })
    const prefix = ticketPreimagePrefix(input)
    try {
      for (let workerIndex = 0; workerIndex < workerCount; workerIndex++) spawn(workerIndex)
    } catch (error) {
      settle(() => reject(error))
    }

    function spawn(workerIndex: number): void {
      const workerData: MinerWorkerData = { prefix, bits: input.bits, workerIndex, workerCount, counters }
      const worker = new Worker(workerUrl, { workerData })
      liveWorkers++
      exits.push(
        new Promise<void>((exited) =>
          worker.on('exit', (code) => {
            liveWorkers--
            if (code !== 0) settle(() => reject(new Error(`miner worker exited with code ${code}`)))
            exited()
          }),
        ),
      )
      worker.on('error', (error) => settle(() => reject(error)))
      worker.on('message', onMessage)
      pool.push(worker)
    }
  })
}
