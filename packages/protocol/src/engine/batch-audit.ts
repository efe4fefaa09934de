import { createPrng } from '@thermotruth/anneal'

/**
 * Which proposals of a received batch a follower checks the signatures of.
 *
 * The leader verified every proposal it took in and signed the batch, so a follower need not verify them all again:
 * at n = 100 that was ~100 of the ~170 Ed25519 verifies a follower did per epoch, the largest item of its CPU
 * (docs/BENCHMARKS.md). A follower checks every entry's encoding, ticket and stamp (hashes), but the signatures only
 * of: a random sample of `sample` entries, its own entry (a leader cannot put words in an honest node's mouth
 * unseen), and any entry that conflicts with a proposal it already holds (which would otherwise read as the
 * author's equivocation). Entries it already holds were verified on arrival.
 *
 * A forged entry (a proposal whose signature fails, signed into the batch by the leader) is thereby found by each
 * honest follower with probability sample/size, by at least one of h honest followers with 1 − (1 − sample/size)^h
 * (0.996 at sample 8, size 100, h = 67), and always by its named author when that author is honest and follows the
 * epoch. The finder gossips the batch with the entry's index as evidence; anyone checks it with two verifies and
 * evicts the leader. The sample is seeded by the follower's own signature over the batch's signature: fixed for
 * this node and batch (so runs replay), unknowable to anyone without its key, so a leader cannot grind its batch
 * until the forged entry falls outside every honest sample.
 *
 * Anything this node passes on to others (a re-proposed batch, proposals served to a fetch) is fully verified first,
 * so an unchecked forgery never gets an honest node penalised.
 */
/** `seedSignature`: this node's signature over `batchAuditSeedBytes(batch.signature)`. */
export function auditSample(size: number, sample: number, seedSignature: Uint8Array): Set<number> {
  const picked = new Set<number>()
  if (sample >= size) {
    for (let i = 0; i < size; i++) picked.add(i)
    return picked
  }
  const seed = new DataView(seedSignature.buffer, seedSignature.byteOffset, seedSignature.byteLength).getUint32(0)
  const prng = createPrng(seed)
  const random = () => prng.nextFloat()
  // Floyd's algorithm: `sample` distinct indices in [0, size) from exactly `sample` draws.
  for (let j = size - sample; j < size; j++) {
    const t = Math.floor(random() * (j + 1))
    picked.add(picked.has(t) ? j : t)
  }
  return picked
}
