import uPlot from 'uplot'
import type { Traces } from './traces.js'

const COLORS = ['#e4572e', '#17bebb', '#ffc914', '#76b041', '#a06cd5', '#2e86ab']
const OVERLAY = '#888'
/** Epochs are integers: never tick between them. */
const EPOCH_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500]

interface TraceSpec {
  column: string
  label: string
  /** 'left' axis or the chart's right overlay axis. */
  side: 'left' | 'right'
}

interface ChartSpec {
  id: string
  title: string
  left: string
  right: string
  traces: TraceSpec[]
  /** Draw the T threshold line on the left scale. */
  threshold?: boolean
}

function chartSpecs(feeds: string[]): ChartSpec[] {
  const perFeed = (prefix: string, name: string): TraceSpec[] =>
    feeds.map((feed) => ({ column: `${prefix}:${feed}`, label: feeds.length > 1 ? `${name} ${feed}` : name, side: 'left' }))
  return [
    { id: 'temperature', title: 'Temperature T (dashed: threshold) with Joules spent', left: 'T', right: 'Joules', threshold: true, traces: [...perFeed('T', 'T'), { column: 'joules', label: 'Joules', side: 'right' }] },
    { id: 'entropy', title: 'Entropy H and n_eff', left: 'H (bits)', right: 'n_eff', traces: [...perFeed('H', 'H'), ...perFeed('nEff', 'n_eff').map((t) => ({ ...t, side: 'right' as const }))] },
    { id: 'difficulty', title: 'Stamp difficulty and finality latency', left: 'difficulty (bits)', right: 'latency (s)', traces: [{ column: 'difficulty', label: 'difficulty', side: 'left' }, { column: 'latency', label: 'latency s', side: 'right' }] },
    // Series are added as protocols show up in /metrics (see Charts.refresh).
    { id: 'bytes', title: 'Bytes per epoch by protocol (sent + received)', left: 'bytes', right: '', traces: [] },
  ]
}

/** Vertical marks at approximate epochs, and the T threshold when it lies inside the visible range. */
function markers(traces: Traces, threshold: boolean): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const { ctx, bbox } = u
        ctx.save()
        ctx.lineWidth = 1
        ctx.strokeStyle = 'rgba(255, 140, 0, 0.55)'
        ctx.setLineDash([4, 4])
        const vertical = (epoch: number): void => {
          const x = u.valToPos(epoch, 'x', true)
          if (x < bbox.left || x > bbox.left + bbox.width) return
          ctx.beginPath()
          ctx.moveTo(x, bbox.top)
          ctx.lineTo(x, bbox.top + bbox.height)
          ctx.stroke()
        }
        for (const epoch of traces.approximateEpochs) vertical(epoch)
        ctx.strokeStyle = 'rgba(200, 0, 0, 0.8)'
        ctx.lineWidth = 2
        ctx.setLineDash([])
        for (const epoch of traces.evictionEpochs) vertical(epoch)
        ctx.lineWidth = 1
        const t = traces.threshold
        const scale = u.scales.y
        if (threshold && t !== undefined && scale.min !== undefined && scale.max !== undefined && t >= scale.min && t <= scale.max) {
          const y = u.valToPos(t, 'y', true)
          ctx.lineWidth = 1
          ctx.strokeStyle = '#d00'
          ctx.setLineDash([8, 4])
          ctx.beginPath()
          ctx.moveTo(bbox.left, y)
          ctx.lineTo(bbox.left + bbox.width, y)
          ctx.stroke()
        }
        ctx.restore()
      },
    },
  }
}

export class Charts {
  private readonly plots: Array<{ plot: uPlot; spec: ChartSpec }> = []

  constructor(
    private readonly traces: Traces,
    container: HTMLElement,
  ) {
    const width = Math.max(320, Math.min(container.clientWidth || 900, 1200))
    for (const [i, spec] of chartSpecs(traces.feeds).entries()) {
      const div = document.createElement('div')
      div.className = 'chart'
      div.id = `chart-${spec.id}`
      container.append(div)
      const series: uPlot.Series[] = [
        { label: 'epoch' },
        ...spec.traces.map((t, j) => ({
          label: t.label,
          scale: t.side === 'left' ? 'y' : 'r',
          stroke: t.side === 'right' && spec.id === 'temperature' ? OVERLAY : COLORS[(i + j) % COLORS.length],
          width: 1.5,
          spanGaps: true,
          points: { show: true, size: 4 },
        })),
      ]
      const opts: uPlot.Options = {
        title: spec.title,
        width,
        height: 220,
        scales: { x: { time: false }, y: {}, r: {} },
        axes: [{ label: 'epoch', incrs: EPOCH_STEPS }, { scale: 'y', label: spec.left }, { scale: 'r', side: 1, label: spec.right, grid: { show: false } }],
        series,
        plugins: [markers(traces, spec.threshold === true)],
      }
      this.plots.push({ plot: new uPlot(opts, this.data(spec), div), spec })
    }
  }

  refresh(): void {
    for (const { plot, spec } of this.plots) {
      if (spec.id === 'bytes') this.addProtocolSeries(plot, spec)
      plot.setData(this.data(spec))
    }
  }

  private addProtocolSeries(plot: uPlot, spec: ChartSpec): void {
    for (const protocol of this.traces.protocols.slice(spec.traces.length)) {
      spec.traces.push({ column: `bytes:${protocol}`, label: protocol, side: 'left' })
      plot.addSeries({ label: protocol, scale: 'y', stroke: COLORS[spec.traces.length % COLORS.length], width: 1.5, spanGaps: true, points: { show: true, size: 4 } })
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
    return Object.fromEntries(found.spec.traces.map((t, i) => [t.label, (found.plot.data[i + 1] as Array<number | null | undefined>).filter((v) => v !== null && v !== undefined).length]))
  }

  private data(spec: ChartSpec): uPlot.AlignedData {
    return [[...this.traces.epochs], ...spec.traces.map((t) => [...this.traces.column(t.column)])] as uPlot.AlignedData
  }
}
