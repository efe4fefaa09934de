/**
 * False-alarm rate of the T alarm on honest networks, fixed threshold against the n-aware one
 * (src/dashboard/page/alarm-threshold.ts): the real engine in the deterministic simulator, every node honest, T per
 * certified epoch with n = the authors its record included. Bounded: `--epochs` per size (default 200), sizes 3..16.
 * Usage: node packages/node/dist/bench/temperature-alarm.js [--epochs 200] [--sizes 3,4,5,6,7,10,16] [--json]
 */
import '../src/polyfill.js'
import { parseArgs } from 'node:util'
import { runSimulation } from '@thermotruth/protocol'
import { alarmThreshold } from '../src/dashboard/alarm-threshold.js'

const CONFIGURED = 2
const MAX_EPOCHS = 2000

interface Row {
  nodes: number
  epochs: number
  fixedAlarms: number
  nAwareAlarms: number
  threshold: number
  temperatureMax: number
  temperatureP99: number
}

export function measure(nodes: number, epochs: number, seed = 1): Row {
  const report = runSimulation({ nodes, epochs, seed, temperatureThreshold: CONFIGURED })
  const points = report.epochs.filter((e) => e.temperature !== undefined && e.includedAuthors.length > 0)
  const temperatures = points.map((e) => e.temperature!).sort((a, b) => a - b)
  return {
    nodes,
    epochs: points.length,
    fixedAlarms: points.filter((e) => e.temperature! > CONFIGURED).length,
    nAwareAlarms: points.filter((e) => e.temperature! > alarmThreshold(CONFIGURED, e.includedAuthors.length)).length,
    threshold: alarmThreshold(CONFIGURED, nodes),
    temperatureMax: temperatures.at(-1) ?? 0,
    temperatureP99: temperatures[Math.min(temperatures.length - 1, Math.floor(temperatures.length * 0.99))] ?? 0,
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`
if (isMain) {
  const { values } = parseArgs({ options: { epochs: { type: 'string', default: '200' }, sizes: { type: 'string', default: '3,4,5,6,7,10,16' }, json: { type: 'boolean', default: false } } })
  const epochs = Math.min(MAX_EPOCHS, Math.max(1, Number(values.epochs)))
  const sizes = values.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 64)
  const rows: Row[] = []
  for (const nodes of sizes) {
    rows.push(measure(nodes, epochs))
    if (!values.json) {
      const r = rows.at(-1)!
      const pct = (k: number) => `${((100 * k) / Math.max(1, r.epochs)).toFixed(1)}%`
      process.stdout.write(
        `n=${String(r.nodes).padStart(2)}  epochs ${r.epochs}  T max ${r.temperatureMax.toFixed(2)} p99 ${r.temperatureP99.toFixed(2)}  fixed 2: ${r.fixedAlarms} (${pct(r.fixedAlarms)})  n-aware ${r.threshold}: ${r.nAwareAlarms} (${pct(r.nAwareAlarms)})\n`,
      )
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify({ configured: CONFIGURED, rows })}\n`)
}
