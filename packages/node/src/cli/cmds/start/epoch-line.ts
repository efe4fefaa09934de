import type { EpochSummary } from '../../../store/types.js'

/** One line per finalized epoch: epoch, feeds, T, H, peers and finality latency. */
export function epochLine(summary: EpochSummary, peers: number): string {
  const feeds = summary.feeds
    .map((f) => `${f.feed}=${f.values.map((v) => v.toPrecision(7)).join(',')} (T=${f.temperature.toPrecision(3)} H=${f.entropyBits.toFixed(2)})`)
    .join(' ')
  const kind = summary.approximate ? 'approx   ' : 'certified'
  return `epoch ${summary.epoch} ${kind} ${feeds} peers=${peers} endorsements=${summary.endorsements}/${summary.committeeSize} latency=${Math.round(summary.latencyMs)}ms`
}
