/** Small, dependency-free statistics for measured samples. */

/** Nearest-rank percentile (p in [0, 100]) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN
  let sum = 0
  for (const x of samples) sum += x
  return sum / samples.length
}

/** Rounds for JSON output: keeps reports readable without pretending to more precision than was measured. */
export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value
  const f = 10 ** digits
  return Math.round(value * f) / f
}
