import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import type { ObservationResult, ObservationSource } from './types.js'

/** sfc32: a small, fast, well-distributed seeded PRNG; the state comes from sha256(seed ‖ feed). */
function sfc32(state: Uint32Array): () => number {
  let [a, b, c, d] = state
  return () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    const t = (a + b + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
}

/** Seeded Gaussian samples (Box–Muller), one per epoch: the same seed and feed give the same sequence. */
export function createSimGaussSource(feed: string, spec: string, mean: number, sigma: number, seed: Uint8Array): ObservationSource {
  const digest = sha256(new Uint8Array([...seed, ...utf8ToBytes(`\u0000${feed}`)]))
  const next = sfc32(new Uint32Array(digest.buffer, digest.byteOffset, 4).slice())
  return {
    feed,
    spec,
    async observe(): Promise<ObservationResult> {
      const u1 = 1 - next() // (0, 1]: log is finite
      const u2 = next()
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
      return { kind: 'values', values: Float64Array.of(mean + sigma * z) }
    },
  }
}
