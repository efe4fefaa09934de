/**
 * What the swarm's aggregate dashboard knows: one compact point per (node, epoch) from the nodes' SSE streams,
 * evictions (once per identity and sentence, however many nodes report it), and swarm-wide bytes per epoch by
 * protocol. History is bounded, so a long run never grows the launcher without limit. The page
 * (src/dashboard/page/swarm-*.ts) mirrors these shapes.
 */

/** Epochs of history kept (per node), as on the node's own page. */
export const HISTORY_EPOCHS = 600

export interface SwarmFeedPoint {
  feed: string
  temperature: number
  entropyBits: number
  nEff: number
}

export interface SwarmEpochPoint {
  node: number
  epoch: number
  approximate: boolean
  feeds: SwarmFeedPoint[]
  difficulty: number
  latencyMs: number
  joules?: number
  endorsements: number
  committeeSize: number
  peers: number
  /** The node's genesis T threshold. */
  threshold?: number
}

export interface SwarmEviction {
  /** First node that reported it. */
  node: number
  epoch: number
  author: string
  untilEpoch: number
  reputation: number
}

/** Mean bytes per node exchanged during one epoch, by libp2p protocol id (sent + received). */
export interface SwarmBytes {
  epoch: number
  byProtocol: Record<string, number>
}

export interface SwarmNodeRow {
  node: number
  apiUrl: string
  byzantine: boolean
  connected: boolean
}

export type SwarmEvent =
  | { type: 'epoch'; data: SwarmEpochPoint }
  | { type: 'eviction'; data: SwarmEviction }
  | { type: 'bytes'; data: SwarmBytes }
  | { type: 'node'; data: { node: number; connected: boolean } }

export interface SwarmSnapshot {
  attack?: string
  byzantine: number
  threshold?: number
  feeds: string[]
  nodes: SwarmNodeRow[]
  history: SwarmEvent[]
}

/** The subset of a node's SSE `epoch` event read here (see node/epoch-event.ts). */
interface NodeEpochEvent {
  epoch: number
  approximate: boolean
  feeds: Array<{ feed: string; temperature: number; entropyBits: number; nEff: number }>
  nextDifficulty: number
  latencyMs: number
  endorsements: number
  committeeSize: number
  temperatureThreshold?: number
  joulesSpent?: number
  peers?: unknown[]
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

export class AggregateState {
  private readonly history: SwarmEvent[] = []
  private readonly evicted = new Set<string>()
  private threshold: number | undefined
  private feeds: string[] = []
  private previousBytes: Map<string, number> | undefined

  constructor(
    private readonly nodes: SwarmNodeRow[],
    private readonly meta: { attack?: string; byzantine: number },
    private readonly publish: (event: SwarmEvent) => void,
  ) {}

  snapshot(): SwarmSnapshot {
    return { ...this.meta, threshold: this.threshold, feeds: this.feeds, nodes: this.nodes, history: this.history }
  }

  /**
   * One SSE message from node `node`; returns the epoch of an `epoch` event. Malformed payloads are dropped (a
   * node's stream is not trusted to be tidy).
   */
  onNodeMessage(node: number, event: string, data: string): number | undefined {
    let body: unknown
    try {
      body = JSON.parse(data)
    } catch {
      return undefined
    }
    if (event === 'epoch') return this.onEpoch(node, body as NodeEpochEvent)
    if (event === 'eviction') this.onEviction(node, body as SwarmEviction)
    return undefined
  }

  onNodeState(node: number, connected: boolean): void {
    const row = this.nodes.find((n) => n.node === node)
    if (row === undefined || row.connected === connected) return
    row.connected = connected
    this.emit({ type: 'node', data: { node, connected } })
  }

  /**
   * Swarm-wide transfer totals by protocol (summed over nodes, sent + received); the difference from the previous
   * call, per node, is recorded as `epoch`'s bytes. The first call only sets the baseline.
   */
  onTransferTotals(epoch: number, totals: Map<string, number>): void {
    const before = this.previousBytes
    this.previousBytes = totals
    if (before === undefined) return
    const byProtocol: Record<string, number> = {}
    for (const [protocol, total] of totals) byProtocol[protocol] = Math.max(0, total - (before.get(protocol) ?? 0)) / Math.max(1, this.nodes.length)
    this.emit({ type: 'bytes', data: { epoch, byProtocol } })
  }

  private onEpoch(node: number, e: NodeEpochEvent): number | undefined {
    if (!isFiniteNumber(e?.epoch) || !Array.isArray(e.feeds)) return undefined
    if (isFiniteNumber(e.temperatureThreshold)) this.threshold = e.temperatureThreshold
    if (this.feeds.length === 0) this.feeds = e.feeds.map((f) => String(f.feed))
    this.emit({
      type: 'epoch',
      data: {
        node,
        epoch: e.epoch,
        approximate: e.approximate === true,
        feeds: e.feeds.map((f) => ({ feed: String(f.feed), temperature: f.temperature, entropyBits: f.entropyBits, nEff: f.nEff })),
        difficulty: e.nextDifficulty,
        latencyMs: e.latencyMs,
        joules: isFiniteNumber(e.joulesSpent) ? e.joulesSpent : undefined,
        endorsements: e.endorsements,
        committeeSize: e.committeeSize,
        peers: Array.isArray(e.peers) ? e.peers.length : 0,
        threshold: this.threshold,
      },
    })
    return e.epoch
  }

  private onEviction(node: number, e: SwarmEviction): void {
    if (!isFiniteNumber(e?.epoch) || typeof e.author !== 'string') return
    // Every honest node evicts the same identity for the same sentence: draw it once.
    const key = `${e.author}:${e.untilEpoch}`
    if (this.evicted.has(key)) return
    this.evicted.add(key)
    this.emit({ type: 'eviction', data: { node, epoch: e.epoch, author: e.author, untilEpoch: e.untilEpoch, reputation: e.reputation } })
  }

  private emit(event: SwarmEvent): void {
    this.history.push(event)
    // Bounded: drop the oldest once the history holds more than HISTORY_EPOCHS epochs' worth of points.
    const limit = HISTORY_EPOCHS * (this.nodes.length + 2)
    if (this.history.length > limit) this.history.splice(0, this.history.length - limit)
    this.publish(event)
  }
}
