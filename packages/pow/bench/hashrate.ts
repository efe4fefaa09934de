/**
 * Hash-rate benchmark of the pow package on this machine (not a test: speed is never asserted).
 * Build, then run:  node packages/pow/dist/bench/hashrate.js [--seconds 3] [--runs 9]
 * Prints a Markdown table for packages/pow/README.md.
 */
import { hash } from 'node:crypto'
import { availableParallelism, cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { sha256 } from '@noble/hashes/sha2.js'
import {
  DEFAULT_IDENTITY_BITS,
  DEFAULT_NETWORK_ID,
  DEFAULT_STAMP_DIFFICULTY,
  genesisHash,
  identityKeyFromSecret,
  type MineProgress,
  mineStampCounted,
  mineTicket,
  ticketPreimage,
  verifyTicket,
} from '../src/index.js'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, runs: { type: 'string', default: '9' } } })
const seconds = Number(values.seconds)
const runs = Number(values.runs)

const key = identityKeyFromSecret(new Uint8Array(32).fill(1))
const input = { networkId: DEFAULT_NETWORK_ID, publicKey: key.publicKey, anchor: genesisHash(DEFAULT_NETWORK_ID), anchorEpoch: 0 }
const preimage = ticketPreimage({ version: 1, ...input, bits: 0, nonce: new Uint8Array(8) })

/** Calls `fn` for about `seconds` and returns calls per second. */
function rate(fn: (i: number) => void): number {
  const start = performance.now()
  let calls = 0
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 10_000; i++) fn(calls + i)
    calls += 10_000
  }
  return calls / ((performance.now() - start) / 1000)
}

function loopRate(hashFn: (bytes: Uint8Array) => Uint8Array): number {
  const buf = Buffer.from(preimage)
  return rate((i) => {
    buf.writeUInt32BE(i >>> 0, buf.length - 4)
    hashFn(buf)
  })
}

/** Steady-state miner rate: mine an unreachable target and read the aggregated progress for `seconds`. */
async function minerRate(workers: number): Promise<number> {
  const controller = new AbortController()
  let last: MineProgress | undefined
  const timer = setTimeout(() => controller.abort(), seconds * 1000)
  await mineTicket({ ...input, bits: 64 }, { workers, signal: controller.signal, onProgress: (p) => (last = p) }).catch(() => undefined)
  clearTimeout(timer)
  return last?.hashesPerSecond ?? 0
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const fmt = (perSecond: number) => `${(perSecond / 1e6).toFixed(2)} M/s`
const rows: Array<[string, string]> = []
rows.push([`@noble/hashes sha256, ${preimage.length}-byte ticket preimage, 1 thread`, fmt(loopRate((b) => sha256(b)))])
rows.push([`node crypto.hash('sha256'), same preimage, 1 thread`, fmt(loopRate((b) => hash('sha256', b, 'buffer')))])
rows.push(['mineTicket, 1 worker (steady state)', fmt(await minerRate(1))])
const all = availableParallelism()
rows.push([`mineTicket, ${all} workers = all cores (steady state)`, fmt(await minerRate(all))])

const elapsed: number[] = []
const hashes: number[] = []
for (let run = 0; run < runs; run++) {
  const runKey = identityKeyFromSecret(new Uint8Array(32).fill(run + 2))
  const result = await mineTicket({ ...input, publicKey: runKey.publicKey, bits: DEFAULT_IDENTITY_BITS })
  elapsed.push(result.elapsedMs)
  hashes.push(result.hashes)
}
rows.push([`mineTicket ${DEFAULT_IDENTITY_BITS} bits, all cores: median time of ${runs} runs (min–max)`, `${(median(elapsed) / 1000).toFixed(2)} s (${(Math.min(...elapsed) / 1000).toFixed(2)}–${(Math.max(...elapsed) / 1000).toFixed(2)} s)`])
rows.push([`  hashes those runs needed: median (expected 2^${DEFAULT_IDENTITY_BITS} = ${2 ** DEFAULT_IDENTITY_BITS})`, `${median(hashes)}`])

const { ticket } = await mineTicket({ ...input, bits: 8 }, { workers: 1 })
const policy = { networkId: DEFAULT_NETWORK_ID, minBits: 8, validForEpochs: 10, currentEpoch: 0, anchorFor: () => input.anchor }
rows.push(['verifyTicket (one noble hash + checks)', fmt(rate(() => verifyTicket(ticket, policy)))])
const digest = sha256(new Uint8Array(32))
const stampStart = performance.now()
let stampHashes = 0
for (let i = 0; i < 200; i++) {
  digest[0] = i
  stampHashes += mineStampCounted(digest, DEFAULT_STAMP_DIFFICULTY.initial).hashes
}
rows.push([`mineStamp ${DEFAULT_STAMP_DIFFICULTY.initial} bits (noble, sync): mean time over 200 stamps`, `${((performance.now() - stampStart) / 200).toFixed(3)} ms (${(stampHashes / 200).toFixed(0)} hashes)`])

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${all} cores (availableParallelism), Node ${process.version}\n`)
console.log('| measurement | result |\n|---|---|')
for (const [what, value] of rows) console.log(`| ${what} | ${value} |`)
