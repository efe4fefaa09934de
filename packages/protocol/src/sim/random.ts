import { createPrng } from '@thermotruth/anneal'

/** The simulator's seeded randomness (one stream per purpose, so adding draws in one place does not shift others). */
export interface SimRandom {
  uniform(): number
  int(bound: number): number
  normal(): number
  bytes(length: number): Uint8Array
}

export function simRandom(seed: number): SimRandom {
  const prng = createPrng(seed)
  const uniform = (): number => prng.nextFloat()
  return {
    uniform,
    int: (bound) => Math.min(bound - 1, Math.floor(uniform() * bound)),
    normal: () => {
      // Box–Muller; 1 - u keeps the log argument in (0, 1].
      const u = 1 - uniform()
      const v = uniform()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    bytes: (length) => {
      const out = new Uint8Array(length)
      for (let i = 0; i < length; i++) out[i] = Math.floor(uniform() * 256) & 0xff
      return out
    },
  }
}
