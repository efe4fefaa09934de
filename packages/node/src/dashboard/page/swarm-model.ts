import { alarmThreshold } from '../alarm-threshold.js'
import type { SeriesSource } from './charts.js'
import type { SwarmEpochPoint, SwarmEvent, SwarmEviction, SwarmNodeRow, SwarmSnapshot } from './swarm-types.js'
import { MAX_POINTS } from './traces.js'

const median = (sorted: number[]): number => {
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** One number per node point, by column name (without the min:/max: prefix). */
function metricOf(column: string): ((p: SwarmEpochPoint) => number | undefined) | undefined {
  const [kind, feed] = column.split(/:(.*)/s)
  switch (kind) {
    case 'T':
      return (p) => p.feeds.find((f) => f.feed === feed)?.temperature
    case 'H':
      return (p) => p.feeds.find((f) => f.feed === feed)?.entropyBits
    case 'nEff':
      return (p) => p.feeds.find((f) => f.feed === feed)?.nEff
    case 'difficulty':
      return (p) => p.difficulty
    case 'latency':
      return (p) => p.latencyMs / 1000
    default:
      return undefined
  }
}

/**
 * The swarm's points by epoch and node, read as columns: each metric's median over the honest nodes that reported
 * the epoch, and its min and max (`min:`/`max:` columns). Byzantine nodes are listed in the table but kept out of
 * the bands: they report what their own engine finalized, which says nothing about the honest view.
 */
export class SwarmModel implements SeriesSource {
  readonly epochs: number[] = []
  readonly approximateEpochs = new Set<number>()
  readonly evictionEpochs = new Map<number, number>()
  readonly evictions: SwarmEviction[] = []
  readonly protocols: string[] = []
  readonly nodes = new Map<number, SwarmNodeRow & { last?: SwarmEpochPoint }>()
  /** The genesis T threshold the nodes report; `threshold` raises it for the swarm's size (alarm-threshold.ts). */
  private configured: number | undefined
  feeds: string[]
  private readonly byEpoch = new Map<number, Map<number, SwarmEpochPoint>>()
  private readonly bytes = new Map<number, Record<string, number>>()
  private readonly cache = new Map<string, Array<number | null>>()

  constructor(snapshot: SwarmSnapshot) {
    this.feeds = snapshot.feeds
    this.configured = snapshot.threshold
    for (const n of snapshot.nodes) this.nodes.set(n.node, { ...n })
    for (const event of snapshot.history) this.apply(event)
  }

  apply(event: SwarmEvent): void {
    this.cache.clear()
    switch (event.type) {
      case 'epoch':
        this.addPoint(event.data)
        return
      case 'eviction':
        this.evictions.unshift(event.data)
        this.evictionEpochs.set(event.data.epoch, (this.evictionEpochs.get(event.data.epoch) ?? 0) + 1)
        return
      case 'bytes':
        for (const protocol of Object.keys(event.data.byProtocol)) if (!this.protocols.includes(protocol)) this.protocols.push(protocol)
        this.bytes.set(event.data.epoch, event.data.byProtocol)
        return
      case 'node': {
        const row = this.nodes.get(event.data.node)
        if (row !== undefined) row.connected = event.data.connected
        return
      }
    }
  }

  /** The T alarm threshold: every node of the swarm contributes a proposal, so n is the node count. */
  get threshold(): number | undefined {
    return this.configured === undefined ? undefined : alarmThreshold(this.configured, this.nodes.size)
  }

  /** Epochs seen, and those every honest node that reported them certified (the rest closed approximate somewhere). */
  outcomeCounts(): { epochs: number; certified: number; approximate: number } {
    const approximate = this.epochs.filter((e) => this.approximateEpochs.has(e)).length
    return { epochs: this.epochs.length, certified: this.epochs.length - approximate, approximate }
  }

  column(name: string): Array<number | null> {
    let col = this.cache.get(name)
    if (col === undefined) {
      col = this.compute(name)
      this.cache.set(name, col)
    }
    return col
  }

  honestAt(epoch: number): SwarmEpochPoint[] {
    return [...(this.byEpoch.get(epoch)?.values() ?? [])].filter((p) => this.nodes.get(p.node)?.byzantine !== true)
  }

  private addPoint(p: SwarmEpochPoint): void {
    if (this.feeds.length === 0) this.feeds = p.feeds.map((f) => f.feed)
    if (p.threshold !== undefined) this.configured = p.threshold
    let at = this.byEpoch.get(p.epoch)
    if (at === undefined) {
      at = new Map()
      this.byEpoch.set(p.epoch, at)
      let i = this.epochs.length
      while (i > 0 && this.epochs[i - 1] > p.epoch) i--
      this.epochs.splice(i, 0, p.epoch)
      if (this.epochs.length > MAX_POINTS) {
        const dropped = this.epochs.shift()!
        this.byEpoch.delete(dropped)
        this.bytes.delete(dropped)
        this.approximateEpochs.delete(dropped)
      }
    }
    at.set(p.node, p)
    const node = this.nodes.get(p.node)
    if (node !== undefined && (node.last === undefined || node.last.epoch <= p.epoch)) node.last = p
    // An epoch is marked approximate when any honest node closed it that way.
    if (this.honestAt(p.epoch).some((q) => q.approximate)) this.approximateEpochs.add(p.epoch)
    else this.approximateEpochs.delete(p.epoch)
  }

  private compute(name: string): Array<number | null> {
    if (name.startsWith('bytes:')) {
      const protocol = name.slice(6)
      return this.epochs.map((e) => this.bytes.get(e)?.[protocol] ?? null)
    }
    if (name === 'joules') return this.joules()
    const [stat, metric] = name.startsWith('min:') ? ['min', name.slice(4)] : name.startsWith('max:') ? ['max', name.slice(4)] : ['median', name]
    const read = metricOf(metric)
    if (read === undefined) return this.epochs.map(() => null)
    return this.epochs.map((e) => {
      const values = this.honestAt(e)
        .map(read)
        .filter((v): v is number => v !== undefined && Number.isFinite(v))
        .sort((a, b) => a - b)
      if (values.length === 0) return null
      return stat === 'min' ? values[0] : stat === 'max' ? values[values.length - 1] : median(values)
    })
  }

  /** Joules spent by all nodes so far: each node's latest cumulative figure, carried forward over epochs it missed. */
  private joules(): Array<number | null> {
    const latest = new Map<number, number>()
    return this.epochs.map((e) => {
      for (const p of this.byEpoch.get(e)?.values() ?? []) if (p.joules !== undefined) latest.set(p.node, p.joules)
      return latest.size === 0 ? null : [...latest.values()].reduce((a, b) => a + b, 0)
    })
  }
}
