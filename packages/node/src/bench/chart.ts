/**
 * Charts for benchmark reports: a vega-lite spec (declarative: data + encodings, the library draws the axes,
 * scales and legends) compiled to vega and rendered to SVG headless in node with `View.toSVG()`, no browser.
 */
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

export type ChartSpec = TopLevelSpec

export async function renderSvg(spec: ChartSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

export interface LineChartOptions {
  title: string
  rows: Array<Record<string, unknown>>
  x: { field: string; title: string; log?: boolean }
  y: { field: string; title: string; log?: boolean }
  series: { field: string; title: string }
  /** Optional horizontal reference line (a target), labelled. */
  rule?: { value: number; label: string }
}

/** One line per series with points, optionally a dashed target line: the shape of every bench chart here. */
export function lineChart(opts: LineChartOptions): ChartSpec {
  const rows = opts.rows.filter((r) => typeof r[opts.y.field] === 'number' && Number.isFinite(r[opts.y.field] as number))
  const layers: any[] = [
    {
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: opts.x.field, type: 'quantitative', title: opts.x.title, scale: opts.x.log ? { type: 'log' } : {} },
        y: { field: opts.y.field, type: 'quantitative', title: opts.y.title, scale: opts.y.log ? { type: 'log' } : {} },
        color: { field: opts.series.field, type: 'nominal', title: opts.series.title },
      },
    },
  ]
  if (opts.rule) {
    layers.push({
      data: { values: [{ target: opts.rule.value, label: opts.rule.label }] },
      layer: [
        { mark: { type: 'rule', strokeDash: [6, 4], color: 'gray' }, encoding: { y: { field: 'target', type: 'quantitative' } } },
        { mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'gray' }, encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'label' }, x: { value: 0 } } },
      ],
    })
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    width: 520,
    height: 300,
    data: { values: rows as any[] },
    layer: layers,
  } as ChartSpec
}
