// Turns what scripts/wan-run.mjs read from the nodes' APIs into the run's summary: agreement per epoch, conflicting
// certificates, finality percentiles, and (with a partition) whether every node ended with identical certified
// records. Pure functions: no I/O.

/** Nearest-rank percentile of a non-empty list (null when empty). */
export function percentile(values, p) {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/** Per epoch of the window: which nodes certified it, with which record digests. */
export function epochViews(records, firstEpoch, lastEpoch) {
  const views = []
  for (let epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
    const entries = records.map((r) => r[epoch] ?? null)
    const certified = entries.filter((s) => s !== null && !s.approximate)
    views.push({
      epoch,
      certifiedBy: certified.length,
      approximateOrMissing: entries.length - certified.length,
      digests: [...new Set(certified.map((s) => s.recordDigest))],
    })
  }
  return views
}

export function summarize({ nodes, records, extra, firstEpoch, lastEpoch, partition }) {
  const views = epochViews(records, firstEpoch, lastEpoch)
  const conflicts = views.filter((v) => v.digests.length > 1).map((v) => ({ epoch: v.epoch, digests: v.digests }))
  const certifiedEpochs = views.filter((v) => v.certifiedBy === nodes.length && v.digests.length === 1).length
  // Finality as each node saw it: epochs it certified itself (a synced certificate carries latency 0).
  const latencies = records.flatMap((r) =>
    Object.values(r)
      .filter((s) => s !== null && !s.approximate && s.latencyMs > 0)
      .map((s) => s.latencyMs),
  )
  const result = {
    firstEpoch,
    lastEpoch,
    epochs: views.length,
    certifiedEpochs,
    approximateEpochs: views.filter((v) => v.approximateOrMissing > 0).length,
    allAgreed: conflicts.length === 0 && certifiedEpochs === views.length,
    conflicts,
    finalityMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length },
    perNode: nodes.map((n, k) => ({
      node: n.i,
      peerId: n.peerId,
      addr: n.addr,
      certified: Object.values(records[k]).filter((s) => s !== null && !s.approximate).length,
      approximate: Object.values(records[k]).filter((s) => s?.approximate === true).length,
      missing: Object.values(records[k]).filter((s) => s === null).length,
      ...extra[k],
    })),
  }
  if (partition) {
    // Converged: every epoch that anyone certified is certified by every node, with one digest.
    const certifiedSomewhere = views.filter((v) => v.certifiedBy > 0)
    result.partition = {
      ...partition,
      identicalAfterHeal: conflicts.length === 0 && certifiedSomewhere.every((v) => v.certifiedBy === nodes.length),
      notEverywhere: certifiedSomewhere.filter((v) => v.certifiedBy < nodes.length).map((v) => v.epoch),
      records: views,
    }
  }
  return result
}
