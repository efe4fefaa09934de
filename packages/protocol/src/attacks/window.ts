import type { StrategyOptions } from './types.js'

/** The epochs in which a strategy misbehaves: [fromEpoch, untilEpoch). Lets tests stop an attack and watch healing. */
export function activeWindow(options: StrategyOptions = {}): (epoch: number) => boolean {
  const from = options.fromEpoch ?? 0
  const until = options.untilEpoch ?? Number.POSITIVE_INFINITY
  return (epoch) => epoch >= from && epoch < until
}

/** Honest centre and spread estimate: the driver's truth if given, else median and 1.4826·MAD of last epoch. */
export function honestEstimate(ctx: import('./types.js').ValueContext): { mean: Float64Array; std: Float64Array } {
  if (ctx.honestStats) return ctx.honestStats
  const dim = ctx.honest.length
  const mean = new Float64Array(dim)
  const std = new Float64Array(dim)
  for (let d = 0; d < dim; d++) {
    const column = ctx.previousValues.map((v) => v[d]).filter((x) => Number.isFinite(x))
    if (column.length === 0) {
      mean[d] = ctx.honest[d]
      std[d] = 0
      continue
    }
    const med = median(column)
    mean[d] = med
    std[d] = 1.4826 * median(column.map((x) => Math.abs(x - med)))
  }
  return { mean, std }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * A strategy that only changes the proposed value: `shift(m, s, ctx)` maps the honest centre m and spread s of one
 * coordinate to the value to send. bias, noise and alie are this shape.
 */
export function valueStrategy(
  name: string,
  options: import('./types.js').StrategyOptions,
  shift: (mean: number, std: number, ctx: import('./types.js').ValueContext) => number,
): import('./types.js').AttackStrategy {
  return {
    name,
    active: activeWindow(options),
    value(ctx) {
      const { mean, std } = honestEstimate(ctx)
      return mean.map((m, d) => shift(m, std[d], ctx))
    },
  }
}
