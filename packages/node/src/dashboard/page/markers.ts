import type uPlot from 'uplot'

/** Marker colours; style.css's key uses the same ones, and the browser test looks for them on the canvas. */
export const MARK = {
  threshold: '#d00000',
  hot: 'rgba(221, 0, 0, 0.07)',
  approximate: 'rgba(255, 140, 0, 0.6)',
  eviction: '#8e24aa',
} as const

/** What the markers are drawn from: the node's traces or the swarm model. */
export interface MarkerSource {
  readonly approximateEpochs: ReadonlySet<number>
  /** Evicted identities per epoch. */
  readonly evictionEpochs: ReadonlyMap<number, number>
  readonly threshold: number | undefined
}

/** A threshold this far above the data would squash the trace to a flat line: leave it off scale (and say so). */
const MAX_STRETCH = 25

/** True when the T threshold is near enough the data to be drawn on the chart's scale. */
export function thresholdInView(threshold: number | undefined, dataMax: number | null | undefined): threshold is number {
  return threshold !== undefined && Number.isFinite(threshold) && threshold > 0 && (dataMax === null || dataMax === undefined || threshold <= MAX_STRETCH * Math.max(dataMax, 0))
}

/** y range of the T chart: from 0, and tall enough to show the threshold line with room above it. */
export function rangeWithThreshold(source: MarkerSource): uPlot.Range.Function {
  return (_u, min, max) => {
    const lo = Math.min(0, min ?? 0)
    let hi = max ?? 1
    if (thresholdInView(source.threshold, max)) hi = Math.max(hi, source.threshold * 1.2)
    if (!(hi > lo)) hi = lo + 1
    return [lo, hi + (hi - lo) * 0.05]
  }
}

/** Canvas y of the threshold line on `u`, or undefined when it is off scale. */
export function thresholdY(u: uPlot, source: MarkerSource): number | undefined {
  const t = source.threshold
  const { min, max } = u.scales.y
  if (t === undefined || min === undefined || max === undefined || t < min || t > max) return undefined
  return u.valToPos(t, 'y', true)
}

/**
 * The attack-recovery story on every chart: vertical marks at approximate epochs (dashed orange) and at evictions
 * (solid purple, labelled); on the T chart also the threshold (dashed red) with the region above it shaded, so
 * an excursion and its recovery read at a glance. Shading and vertical markers are drawn under the traces, the
 * threshold line over them.
 */
export function markersPlugin(source: MarkerSource, withThreshold: boolean): uPlot.Plugin {
  const vertical = (u: uPlot, epoch: number) => {
    const { ctx, bbox } = u
    const x = u.valToPos(epoch, 'x', true)
    if (x < bbox.left || x > bbox.left + bbox.width) return undefined
    ctx.beginPath()
    ctx.moveTo(x, bbox.top)
    ctx.lineTo(x, bbox.top + bbox.height)
    ctx.stroke()
    return x
  }
  return {
    hooks: {
      // Under the traces: the hot region and the vertical epoch markers (a trace point on a marker stays visible).
      drawAxes: (u: uPlot) => {
        const { ctx, bbox } = u
        const px = devicePixelRatio || 1
        ctx.save()
        const y = withThreshold ? thresholdY(u, source) : undefined
        if (y !== undefined) {
          ctx.fillStyle = MARK.hot
          ctx.fillRect(bbox.left, bbox.top, bbox.width, Math.max(0, y - bbox.top))
        }
        ctx.lineWidth = px
        ctx.strokeStyle = MARK.approximate
        ctx.setLineDash([4 * px, 4 * px])
        for (const epoch of source.approximateEpochs) vertical(u, epoch)
        ctx.setLineDash([])
        ctx.strokeStyle = MARK.eviction
        ctx.fillStyle = MARK.eviction
        ctx.lineWidth = 2 * px
        ctx.font = `${11 * px}px system-ui, sans-serif`
        ctx.textAlign = 'left'
        ctx.textBaseline = 'top'
        for (const [epoch, count] of source.evictionEpochs) {
          const x = vertical(u, epoch)
          if (x !== undefined) ctx.fillText(`evicted ${count}`, x + 3 * px, bbox.top + 2 * px)
        }
        ctx.restore()
      },
      // Over the traces: the threshold line, so an excursion reads against it.
      draw: (u: uPlot) => {
        const { ctx, bbox } = u
        const px = devicePixelRatio || 1
        ctx.save()
        const y = withThreshold ? thresholdY(u, source) : undefined
        if (y !== undefined) {
          ctx.lineWidth = 1.5 * px
          ctx.strokeStyle = MARK.threshold
          ctx.setLineDash([8 * px, 4 * px])
          ctx.beginPath()
          ctx.moveTo(bbox.left, y)
          ctx.lineTo(bbox.left + bbox.width, y)
          ctx.stroke()
          ctx.setLineDash([])
          ctx.fillStyle = MARK.threshold
          ctx.font = `${11 * px}px system-ui, sans-serif`
          ctx.textAlign = 'right'
          ctx.textBaseline = 'bottom'
          ctx.fillText(`threshold ${source.threshold}`, bbox.left + bbox.width - 4 * px, y - 2 * px)
        }
        ctx.restore()
      },
    },
  }
}
