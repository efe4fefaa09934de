/**
 * Ed25519 backends on this machine: sign and verify throughput, node:crypto (cached KeyObjects) vs @noble/curves.
 *   pnpm build && node packages/protocol/dist/bench/ed25519.js [--ms 1500]
 * Bounded: each measurement runs for --ms milliseconds (default 1500). Prints one JSON object.
 */
import { performance } from 'node:perf_hooks'
import { createEd25519, createVerify, type Ed25519Backend } from '../src/wire/crypto.js'

const msArg = process.argv.indexOf('--ms')
const budgetMs = msArg > 0 ? Number(process.argv[msArg + 1]) : 1500

function rate(fn: (i: number) => void): number {
  for (let i = 0; i < 200; i++) fn(i) // warm up
  const start = performance.now()
  let n = 0
  while (performance.now() - start < budgetMs) {
    for (let k = 0; k < 50; k++) fn(n++)
  }
  return Math.round(n / ((performance.now() - start) / 1000))
}

const messages = Array.from({ length: 64 }, (_, i) => new Uint8Array(600).fill(i)) // ~ a proposal's signing bytes
const result: Record<string, { signPerSec: number; verifyPerSec: number }> = {}
for (const backend of ['node', 'noble'] as Ed25519Backend[]) {
  const keys = Array.from({ length: 16 }, (_, i) => createEd25519(new Uint8Array(32).fill(i + 1), backend))
  const sigs = messages.map((m, i) => keys[i % 16].sign(m))
  const verify = createVerify(backend)
  const signPerSec = rate((i) => keys[i % 16].sign(messages[i % 64]))
  const verifyPerSec = rate((i) => {
    if (!verify(keys[i % 16].publicKey, messages[i % 64], sigs[i % 64])) throw new Error('verify failed')
  })
  result[backend] = { signPerSec, verifyPerSec }
}
console.log(JSON.stringify({ nodeVersion: process.version, messageBytes: 600, budgetMs, ...result }))
