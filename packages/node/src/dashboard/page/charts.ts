import uPlot from 'uplot'
import { type MarkerSource, markersPlugin, rangeWithThreshold, thresholdY } from './markers.js'

export const COLORS = ['#e4572e', '#17bebb', '#ffc914', '#76b041', '#a06cd5', '#2e86ab']
const OVERLAY = '#888'
/** Epochs are integers: never tick between them. */
const EPOCH_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500]

export interface TraceSpec {
  column: string
  label: string
  /** 'left' axis or the chart's right overlay axis. */
  side: 'left' | 'right'
  /** Also draw `min:<column>`..`max:<column>` as a shaded band around the trace (the swarm view). */
  band?: boolean
  /** Grey overlay (Joules on the T chart). */
  overlay?: boolean
}

export interface ChartSpec {
  id: string
  title: string
  left: string
  right: string
  traces: TraceSpec[]
  /** Draw the T threshold line (and make room for it) on the left scale. */
  threshold?: boolean
  /** Series are added as protocols show up in the source, with this column prefix (bytes by protocol). */
  perProtocol?: string
}

/** Columns aligned with one epoch axis: the node's traces or the swarm model. */
export interface SeriesSource extends MarkerSource {
  readonly epochs: number[]
  readonly protocols: string[]
  column(name: string): Array<number | null>
}

const line = (label: string, scale: string, stroke: string, width = 1.5): uPlot.Series => ({ label, scale, stroke, width, spanGaps: true, points: { show: true, size: 4 } })

function seriesOf(trace: TraceSpec, color: string): uPlot.Series[] {
  const scale = trace.side === 'left' ? 'y' : 'r'
  const main = line(trace.label, scale, trace.overlay ? OVERLAY : color)
  if (!trace.band) return [main]
  const faint = `${color}66`
  return [main, { ...line(`${trace.label} min`, scale, faint, 0.75), points: { show: false } }, { ...line(`${trace.label} max`, scale, faint, 0.75), points: { show: false } }]
}

/** The columns behind a trace's series, in seriesOf's order. */
const columnsOf = (trace: TraceSpec): string[] => (trace.band ? [trace.column, `min:${trace.column}`, `max:${trace.column}`] : [trace.column])

/** Every chart of a page: uPlot instances over one shared epoch axis, with the attack-recovery markers. */
export class Charts {
  private readonly plots: Array<{ plot: uPlot; spec: ChartSpec; columns: string[] }> = []

  constructor(
    private readonly source: SeriesSource,
    specs: ChartSpec[],
    container: HTMLElement,
  ) {
    const width = Math.max(320, Math.min(container.clientWidth || 900, 1200))
    for (const [i, spec] of specs.entries()) {
      const div = document.createElement('div')
      div.className = 'chart'
      div.id = `chart-${spec.id}`
      container.append(div)
      const series: uPlot.Series[] = [{ label: 'epoch' }]
      const bands: uPlot.Band[] = []
      const columns: string[] = []
      for (const [j, trace] of spec.traces.entries()) {
        const color = COLORS[(i + j) % COLORS.length]
        if (trace.band) bands.push({ series: [series.length + 2, series.length + 1], fill: `${color}22` })
        series.push(...seriesOf(trace, color))
        columns.push(...columnsOf(trace))
      }
      const opts: uPlot.Options = {
        title: spec.title,
        width,
        height: 220,
        scales: { x: { time: false }, y: spec.threshold ? { range: rangeWithThreshold(source) } : {}, r: {} },
        axes: [{ label: 'epoch', incrs: EPOCH_STEPS }, { scale: 'y', label: spec.left }, { scale: 'r', side: 1, label: spec.right, grid: { show: false } }],
        series,
        bands,
        plugins: [markersPlugin(source, spec.threshold === true)],
      }
      const entry = { plot: new uPlot(opts, this.data(columns), div), spec, columns }
      // A band's min and max are drawn, but their legend rows would only repeat the trace's name.
      const rows = div.querySelectorAll<HTMLElement>('.u-legend .u-series')
      series.forEach((s, k) => {
        if (/ (min|max)$/.test(String(s.label)) && rows[k] !== undefined) rows[k].style.display = 'none'
      })
      this.plots.push(entry)
    }
  }

  refresh(): void {
    for (const entry of this.plots) {
      if (entry.spec.perProtocol !== undefined) this.addProtocolSeries(entry)
      entry.plot.setData(this.data(entry.columns))
    }
  }

  private addProtocolSeries(entry: { plot: uPlot; spec: ChartSpec; columns: string[] }): void {
    for (const protocol of this.source.protocols.slice(entry.spec.traces.length)) {
      entry.spec.traces.push({ column: `${entry.spec.perProtocol}${protocol}`, label: protocol, side: 'left' })
      entry.columns.push(`${entry.spec.perProtocol}${protocol}`)
      entry.plot.addSeries(line(protocol, 'y', COLORS[entry.spec.traces.length % COLORS.length]))
    }
  }

  /** Points each chart holds, by chart id: the test hook reads these. */
  pointCounts(): Record<string, number> {
    return Object.fromEntries(this.plots.map(({ plot, spec }) => [spec.id, plot.data[0].length]))
  }

  /** Non-empty points per series label of one chart: the test hook reads these. */
  seriesPoints(id: string): Record<string, number> {
    const found = this.plots.find((p) => p.spec.id === id)
    if (found === undefined) return {}
    return Object.fromEntries(found.plot.series.slice(1).map((s, i) => [String(s.label), (found.plot.data[i + 1] as Array<number | null | undefined>).filter((v) => v !== null && v !== undefined).length]))
  }

  /**
   * Where a chart's plot area and threshold line are, in canvas pixels, and the canvas x of every epoch: the browser
   * test reads the canvas against these.
   */
  geometry(id: string): { left: number; top: number; width: number; height: number; thresholdY?: number; epochX: Record<number, number> } | undefined {
    const found = this.plots.find((p) => p.spec.id === id)
    if (found === undefined) return undefined
    const u = found.plot
    const epochX = Object.fromEntries(this.source.epochs.map((e) => [e, u.valToPos(e, 'x', true)]))
    return { ...u.bbox, thresholdY: found.spec.threshold ? thresholdY(u, this.source) : undefined, epochX }
  }

  private data(columns: string[]): uPlot.AlignedData {
    return [[...this.source.epochs], ...columns.map((c) => [...this.source.column(c)])] as uPlot.AlignedData
  }
}
