/**
 * Finality threshold: strictly more than 2/3 of the committee. With n = 3f + 1 members and at most f Byzantine,
 * two quorums of floor(2n/3) + 1 intersect in at least f + 1 members, so in at least one honest member, which
 * endorses one record per epoch: two conflicting certificates for one epoch cannot both exist.
 */
export function quorum(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`committee size must be a non-negative integer, got ${n}`)
  return Math.floor((2 * n) / 3) + 1
}

/** Most Byzantine members the committee tolerates: f = floor((n - 1) / 3). */
export function maxFaulty(n: number): number {
  return n <= 0 ? 0 : Math.floor((n - 1) / 3)
}
