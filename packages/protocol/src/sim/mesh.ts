/**
 * A modelled gossipsub mesh: a connected random graph in which every node keeps about `degree` mesh peers. A
 * published message floods the mesh (each node forwards it once to every mesh peer except the one it came from),
 * so it reaches node v after (hops · (one-way latency + per-message CPU cost)) plus jitter. Duplicates are real in
 * gossipsub but are dropped by the seen-cache before the application sees them, so the model counts them as
 * traffic (bytes, messages) and delivers only the first copy to the engine.
 */
import type { SimRandom } from './random.js'

export interface MeshParams {
  nodes: number
  degree: number
  /** Round-trip time of one mesh link (ms); one hop costs rtt/2. */
  rttMs: number
  /** Uniform extra delay per delivery, in [0, jitterMs). */
  jitterMs: number
  /** Probability that one link transmission is lost (gossip redundancy usually hides it, at a latency cost). */
  loss: number
  /** Per-message validation cost at every hop before forwarding (ms): plug in measured decode+verify time. */
  cpuCostMs: number
}

/** Nodes that do not forward a message; `key` names the set so hop rows can be cached per set. */
export interface Relays {
  key: string
  nodes: ReadonlySet<number>
}

export class GossipMesh {
  readonly neighbours: number[][]
  private readonly hopRows = new Map<number | string, Uint16Array>()
  private readonly hopMs: number
  /** Transmissions when a message floods from anyone: each node forwards to its peers but the sender. */
  readonly floodTransmissions: number

  constructor(
    readonly params: MeshParams,
    random: SimRandom,
  ) {
    this.neighbours = buildMesh(params.nodes, params.degree, random)
    this.hopMs = params.rttMs / 2 + params.cpuCostMs
    const degreeSum = this.neighbours.reduce((sum, peers) => sum + peers.length, 0)
    this.floodTransmissions = Math.max(0, degreeSum - (params.nodes - 1))
  }

  /** Hop counts from `source` to every node (BFS; cached because every epoch floods from the same sources). */
  hops(source: number, silent?: Relays): Uint16Array {
    const key = silent ? `${silent.key}|${source}` : source
    let row = this.hopRows.get(key)
    if (row) return row
    row = new Uint16Array(this.params.nodes).fill(0xffff)
    row[source] = 0
    const queue = [source]
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head]
      // A silent relay (a censor) receives the message but does not pass it on.
      if (silent?.nodes.has(u)) continue
      for (const v of this.neighbours[u]) {
        if (row[v] === 0xffff) {
          row[v] = row[u] + 1
          queue.push(v)
        }
      }
    }
    this.hopRows.set(source, row)
    return row
  }

  /**
   * Arrival time offsets (ms after publish) at every node when `source` hands the message to `firstPeers` (all its
   * mesh peers for an ordinary publish). Infinity = never arrives. Index `source` is 0. `silent` relays receive
   * but do not forward.
   */
  spread(source: number, firstPeers: readonly number[], random: SimRandom, silent?: Relays): Float64Array {
    const n = this.params.nodes
    const arrival = new Float64Array(n).fill(Number.POSITIVE_INFINITY)
    arrival[source] = 0
    if (firstPeers.length === 0) return arrival
    const rows = firstPeers.map((p) => this.hops(p, silent))
    const { jitterMs, loss, rttMs } = this.params
    for (let v = 0; v < n; v++) {
      if (v === source) continue
      let best = 0xffff
      for (const row of rows) if (row[v] < best) best = row[v]
      if (best === 0xffff) continue
      const hops = best + 1
      // Every copy on the first path is lost with probability `loss`; a redundant path then delivers ~one hop later.
      let delay = hops * this.hopMs + jitterMs * random.uniform()
      if (loss > 0 && random.uniform() < 1 - (1 - loss) ** hops) delay += rttMs / 2
      // All of v's mesh peers lose their copies: the message never arrives (rare; gossip IHAVE would repair it).
      if (loss > 0 && random.uniform() < loss ** this.neighbours[v].length) continue
      arrival[v] = delay
    }
    return arrival
  }

  /** A seeded share of `source`'s mesh peers (at least one): where a withholder or a two-faced author sends. */
  pickPeers(source: number, fraction: number, random: SimRandom, exclude: ReadonlySet<number> = new Set()): number[] {
    const peers = this.neighbours[source].filter((p) => !exclude.has(p))
    if (fraction >= 1) return peers
    const count = Math.max(1, Math.round(peers.length * fraction))
    const shuffled = [...peers]
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = random.int(i + 1)
      const t = shuffled[i]
      shuffled[i] = shuffled[j]
      shuffled[j] = t
    }
    return shuffled.slice(0, count)
  }
}

/** A ring (for connectivity) plus random chords until each node has `degree` peers, capped at the node count. */
function buildMesh(n: number, degree: number, random: SimRandom): number[][] {
  const peers: Set<number>[] = Array.from({ length: n }, () => new Set<number>())
  const link = (a: number, b: number) => {
    if (a === b) return
    peers[a].add(b)
    peers[b].add(a)
  }
  if (n > 1) for (let i = 0; i < n; i++) link(i, (i + 1) % n)
  const target = Math.min(degree, n - 1)
  for (let i = 0; i < n; i++) {
    let tries = 0
    while (peers[i].size < target && tries < 20 * target) {
      tries++
      const j = random.int(n)
      if (j !== i && peers[j].size < target + 2) link(i, j)
    }
  }
  return peers.map((s) => [...s].sort((a, b) => a - b))
}
