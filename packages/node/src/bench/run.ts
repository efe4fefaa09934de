/** Runs one named benchmark and writes `<out>/<name>.json` (and its SVG charts) beside each other. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ablationBench } from './ablation.js'
import { bandwidthBench } from './bandwidth.js'
import { byzantineBench } from './byzantine.js'
import { describeMachine, finishMachine } from './machine.js'
import { scalingBench } from './scaling.js'
import { throughputBench } from './throughput.js'
import type { BenchContext, BenchName, BenchReport } from './types.js'

const BENCHES: Record<BenchName, (ctx: BenchContext) => Promise<Omit<BenchReport, 'command' | 'date' | 'machine' | 'durationMs'>>> = {
  scaling: scalingBench,
  throughput: throughputBench,
  bandwidth: bandwidthBench,
  byzantine: byzantineBench,
  ablation: ablationBench,
}

export async function runBench(name: BenchName, ctx: BenchContext): Promise<BenchReport> {
  mkdirSync(ctx.outDir, { recursive: true })
  const machine = describeMachine()
  const date = new Date().toISOString()
  const started = performance.now()
  const body = await BENCHES[name](ctx)
  const report: BenchReport = { ...body, command: ctx.command, date, machine: finishMachine(machine), durationMs: Math.round(performance.now() - started) }
  writeFileSync(join(ctx.outDir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`)
  return report
}
