/**
 * One approximate-agreement step (Dolev–Lynch–Pinter–Stark–Weihl, with the midpoint rule of Abraham–Amit–Dolev):
 * per feed and coordinate, drop the `faulty` lowest and highest received estimates and move to the midpoint of
 * what remains. Any value kept lies inside the honest range, and with n > 3t the honest range at least halves
 * per round. With too few estimates to trim, the node keeps its own value (never moves outside what it knows).
 */
export type Estimate = Map<string, Float64Array>

export function nextEstimate(own: Estimate, received: Estimate[], faulty: number): Estimate {
  const next: Estimate = new Map()
  for (const [feed, mine] of own) {
    const out = new Float64Array(mine.length)
    for (let d = 0; d < mine.length; d++) {
      const column: number[] = []
      for (const r of received) {
        const v = r.get(feed)
        if (v && v.length === mine.length && Number.isFinite(v[d])) column.push(v[d])
      }
      if (column.length <= 2 * faulty) {
        out[d] = mine[d]
        continue
      }
      column.sort((a, b) => a - b)
      out[d] = (column[faulty] + column[column.length - 1 - faulty]) / 2
    }
    next.set(feed, out)
  }
  return next
}

/** Largest coordinate range over the estimates (max − min): the measured spread of a round. */
export function spreadOf(estimates: Estimate[]): number {
  let spread = 0
  const lo = new Map<string, Float64Array>()
  const hi = new Map<string, Float64Array>()
  for (const e of estimates) {
    for (const [feed, v] of e) {
      const l = lo.get(feed)
      const h = hi.get(feed)
      if (!l || !h) {
        lo.set(feed, Float64Array.from(v))
        hi.set(feed, Float64Array.from(v))
        continue
      }
      for (let d = 0; d < Math.min(v.length, l.length); d++) {
        if (v[d] < l[d]) l[d] = v[d]
        if (v[d] > h[d]) h[d] = v[d]
      }
    }
  }
  for (const [feed, l] of lo) {
    const h = hi.get(feed)!
    for (let d = 0; d < l.length; d++) spread = Math.max(spread, h[d] - l[d])
  }
  return spread
}
