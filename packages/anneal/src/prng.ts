/**
 * Seeded randomness for the annealer. Nothing here reads the clock or Math.random: equal seeds give equal
 * streams on every node. The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit
 * state, passes PractRand to 2^40+ bytes), with its state expanded from the 32-bit seed by splitmix32 so that
 * nearby seeds give unrelated streams. Only 32-bit integer arithmetic is used (Math.imul, >>>), which is exact
 * and identical on every JavaScript engine.
 */
export interface Prng {
  /** Next uniform integer in [0, 2^32). */
  nextU32(): number
  /** Next uniform float in [0, 1), with 32 random bits. */
  nextFloat(): number
}

function splitmix32(state: number): () => number {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** sfc32 seeded from a uint32 (non-integers and out-of-range numbers are reduced with `>>> 0`). */
export function createPrng(seed: number): Prng {
  const expand = splitmix32(seed)
  let a = expand()
  let b = expand()
  let c = expand()
  let counter = 1
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + counter) >>> 0
    counter = (counter + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  // Warm up so the first outputs do not reflect the seed expansion directly.
  for (let i = 0; i < 12; i++) nextU32()
  return { nextU32, nextFloat: () => nextU32() / 4294967296 }
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
const utf8 = new TextEncoder()

/**
 * Derives a uint32 seed from labelled parts with 32-bit FNV-1a, e.g. `hashSeed('epoch', 42, feedId)`. Each part
 * is hashed with a type tag and a terminator, so `('a', 1)`, `('a1')` and `('a', '1')` give different seeds.
 * Numbers are hashed through their shortest round-trip decimal form (`String(x)`), so 1 and 1.0 are equal.
 */
export function hashSeed(...parts: (string | number)[]): number {
  let h = FNV_OFFSET
  const mix = (byte: number): void => {
    h = Math.imul(h ^ byte, FNV_PRIME) >>> 0
  }
  for (const part of parts) {
    mix(typeof part === 'number' ? 0x6e : 0x73) // 'n' or 's'
    for (const byte of utf8.encode(String(part))) mix(byte)
    mix(0xff) // never occurs in UTF-8: an unambiguous separator
  }
  return h >>> 0
}
