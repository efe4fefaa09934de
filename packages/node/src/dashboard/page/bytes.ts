/**
 * Bytes per epoch by protocol, from the node's own Prometheus text (libp2p's `libp2p_data_transfer_bytes_total`,
 * labelled `<protocol id> sent|received`). Read once per finalized epoch; the per-epoch figure is the difference
 * from the previous read. 'global' (raw connection bytes) is left out: it double-counts every protocol.
 */
const LINE = /^libp2p_data_transfer_bytes_total\{protocol="([^"]+) (?:sent|received)"\} ([0-9.eE+-]+)$/

export function parseTransferTotals(metricsText: string): Map<string, number> {
  const totals = new Map<string, number>()
  for (const line of metricsText.split('\n')) {
    const m = LINE.exec(line)
    if (m === null || m[1] === 'global') continue
    totals.set(m[1], (totals.get(m[1]) ?? 0) + Number(m[2]))
  }
  return totals
}

export class BytesPerEpoch {
  private previous: Map<string, number> | undefined

  /** Per-protocol bytes since the last call (undefined on the first: there is no baseline yet). */
  next(totals: Map<string, number>): Map<string, number> | undefined {
    const before = this.previous
    this.previous = totals
    if (before === undefined) return undefined
    const delta = new Map<string, number>()
    for (const [protocol, total] of totals) delta.set(protocol, Math.max(0, total - (before.get(protocol) ?? 0)))
    return delta
  }
}
