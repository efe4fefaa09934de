/**
 * What the swarm prints while it runs. On a TTY: a table with one row per finished epoch and a status line
 * redrawn in place; otherwise plain lines (health at most every 5 s) so CI logs stay readable. Always stderr, so
 * `--json` keeps stdout to exactly one object.
 */
import type { SwarmProgress } from './launcher.js'
import type { EpochView } from './summary.js'

const HEADER = ['epoch', 'status', 'agreed', 'feeds', 'T', 'H bits', 'peers', 'final', 'p50 ms', 'max ms', 'spread']
const WIDTHS = [6, 11, 7, 6, 10, 7, 6, 9, 8, 8, 10]

const fmt = (v: number | undefined, digits: number): string => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits))

export function epochRow(v: EpochView): string[] {
  return [
    String(v.epoch),
    v.status,
    v.agreed ? 'yes' : 'NO',
    String(v.feeds),
    fmt(v.temperature, 4),
    fmt(v.entropyBits, 2),
    v.peers === undefined ? '-' : String(v.peers),
    `${v.finalized}/${v.honest}`,
    fmt(v.latencyP50, 0),
    fmt(v.latencyMax, 0),
    fmt(v.spread, 4),
  ]
}

const line = (cells: string[]): string => cells.map((c, i) => c.padStart(WIDTHS[i])).join(' ')

export function createLiveView(stream: NodeJS.WriteStream = process.stderr, verbose = false): (event: SwarmProgress) => void {
  const tty = stream.isTTY === true
  let headerPrinted = false
  let statusShown = false
  let lastPlainHealth = 0
  const clearStatus = () => {
    if (tty && statusShown) stream.write('\r\x1b[2K')
    statusShown = false
  }
  const print = (text: string) => {
    clearStatus()
    stream.write(`${text}\n`)
  }
  return (event) => {
    switch (event.kind) {
      case 'phase':
        print(`swarm: ${event.line}`)
        break
      case 'log':
        if (verbose) print(`swarm: ${event.line}`)
        break
      case 'health': {
        const text = `swarm: waiting for mesh ${event.meshReady}/${event.nodes}, dht ${event.dhtReady}/${event.nodes}, aggregators ${event.keptReady}/${event.nodes} (${(event.elapsedMs / 1000).toFixed(1)} s)`
        if (tty) {
          stream.write(`\r\x1b[2K${text}`)
          statusShown = true
        } else if (event.elapsedMs - lastPlainHealth >= 5000) {
          lastPlainHealth = event.elapsedMs
          print(text)
        }
        break
      }
      case 'epoch':
        if (!headerPrinted) {
          print(line(HEADER))
          headerPrinted = true
        }
        print(line(epochRow(event.view)))
        break
    }
  }
}
