import { type AnnealResult, type Contribution, createPrng, gaussian } from '../src/index.js'

/** Every numeric output of a result as raw bytes, so equality means bit-identical, not merely close. */
export function resultBytes(r: AnnealResult): Buffer {
  const scalars = new Float64Array([r.temperature, r.entropyBits, r.nEff, r.freeEnergy, r.logPartition, r.partition, r.scale, r.iterations])
  const weights = new Float64Array(r.weights.map((w) => w.weight))
  const text = Buffer.from(JSON.stringify([r.weights.map((w) => w.author), r.excluded]))
  const vectors = [r.value, r.annealed, r.narrow, r.reference, r.median, r.scales].map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength))
  return Buffer.concat([...vectors, Buffer.from(scalars.buffer), Buffer.from(weights.buffer), text])
}

/** n honest-looking contributions around 0 with unit spread, deterministic in `seed`. */
export function gaussianContributions(n: number, d: number, seed: number): Contribution[] {
  const prng = createPrng(seed)
  return Array.from({ length: n }, (_, i) => {
    const value = new Float64Array(d)
    for (let j = 0; j < d; j++) value[j] = gaussian(prng)
    return { author: `author-${String(i).padStart(4, '0')}`, value, weight: 1 }
  })
}
