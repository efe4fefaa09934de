/**
 * The node's components (network, engine sink, observer, sync) report through one plain `log(line)` hook, so they
 * stay free of any logger type. This adapter turns each line into a pino record: the `net: ` prefix becomes a
 * `component` field, and the kind of line picks the level. The table is the one place that decides what an
 * operator sees at `--log-level warn`.
 */
import type { Logger } from 'pino'

type Level = 'error' | 'warn' | 'info' | 'debug'

/** First match wins. Anything unmatched is `info`. */
const LEVEL_RULES: Array<[RegExp, Level]> = [
  [/^(engine tick failed|store write failed)/, 'error'],
  // A peer going away mid-dial or a fruitless DHT walk is routine churn on an open network.
  [/^(dial \S+ failed|random walk failed|hang up \S+ failed|request on \S+ from \S+ failed)/, 'debug'],
  // A leader's batch: one line per epoch on the aggregators, for following the linear path at --log-level debug.
  [/^epoch \d+ view \d+: led, batch of/, 'debug'],
  [/failed|threw|refused|not endorsing|equivocation|evicted|no observation/, 'warn'],
]

export function levelOfLine(line: string): Level {
  return LEVEL_RULES.find(([pattern]) => pattern.test(line))?.[1] ?? 'info'
}

/** A `log(line)` hook for ThermoNode (and anything else that logs plain lines) writing to `logger`. */
export function nodeLineLogger(logger: Logger): (line: string) => void {
  const net = logger.child({ component: 'net' })
  return (line) => {
    const isNet = line.startsWith('net: ')
    const text = isNet ? line.slice(5) : line
    const target = isNet ? net : logger
    target[levelOfLine(text)](text)
  }
}
