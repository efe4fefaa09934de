import type { ChartSpec, TraceSpec } from './charts.js'

const perFeed = (feeds: string[], prefix: string, name: string, extra: Partial<TraceSpec> = {}): TraceSpec[] =>
  feeds.map((feed) => ({ column: `${prefix}:${feed}`, label: feeds.length > 1 ? `${name} ${feed}` : name, side: 'left', ...extra }))

/** One chart per feed for the agreed value (feeds differ in magnitude, so they never share an axis). */
const valueCharts = (feeds: string[], band: string): ChartSpec[] =>
  feeds.map((feed) => ({ id: `value-${feed}`, title: `Agreed ${feed} (${band})`, left: feed, right: '', traces: [{ column: `value:${feed}`, label: feed, side: 'left', band: true }] }))

/**
 * The node's own page: T (whose colours the attack story and the browser test read, so it stays the first chart),
 * then the agreed value of each feed (what the network is for), then one trace per feed.
 */
export function nodeChartSpecs(feeds: string[]): ChartSpec[] {
  return [
    { id: 'temperature', title: 'Temperature T (dashed: threshold) with Joules spent', left: 'T', right: 'Joules', threshold: true, traces: [...perFeed(feeds, 'T', 'T'), { column: 'joules', label: 'Joules', side: 'right', overlay: true }] },
    ...valueCharts(feeds, 'band: honest spread, zero when certified'),
    { id: 'entropy', title: 'Entropy H and n_eff', left: 'H (bits)', right: 'n_eff', traces: [...perFeed(feeds, 'H', 'H'), ...perFeed(feeds, 'nEff', 'n_eff', { side: 'right' })] },
    { id: 'difficulty', title: 'Stamp difficulty and finality latency', left: 'difficulty (bits)', right: 'latency (s)', traces: [{ column: 'difficulty', label: 'difficulty', side: 'left' }, { column: 'latency', label: 'latency s', side: 'right' }] },
    { id: 'bytes', title: 'Bytes per epoch by protocol (sent + received)', left: 'bytes', right: '', traces: [], perProtocol: 'bytes:' },
  ]
}

/** The swarm's aggregate page: the honest nodes' median per epoch, with their min..max as a band. */
export function swarmChartSpecs(feeds: string[]): ChartSpec[] {
  const band = { band: true }
  return [
    { id: 'temperature', title: 'Temperature T, honest median and min–max (dashed: threshold), with the swarm’s Joules', left: 'T', right: 'Joules (all nodes)', threshold: true, traces: [...perFeed(feeds, 'T', 'T', band), { column: 'joules', label: 'Joules', side: 'right', overlay: true }] },
    { id: 'entropy', title: 'Entropy H (median, min–max) and n_eff (median)', left: 'H (bits)', right: 'n_eff', traces: [...perFeed(feeds, 'H', 'H', band), ...perFeed(feeds, 'nEff', 'n_eff', { side: 'right' })] },
    { id: 'difficulty', title: 'Stamp difficulty and finality latency (median, min–max)', left: 'difficulty (bits)', right: 'latency (s)', traces: [{ column: 'difficulty', label: 'difficulty', side: 'left', band: true }, { column: 'latency', label: 'latency s', side: 'right', band: true }] },
    { id: 'bytes', title: 'Bytes per node per epoch by protocol (sent + received, swarm mean)', left: 'bytes', right: '', traces: [], perProtocol: 'bytes:' },
  ]
}
