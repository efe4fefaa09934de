/**
 * The modelled gossipsub mesh: a connected random graph in which every node keeps about `degree` mesh peers. How a
 * message travels over it (hop by hop, each relay forwarding once its CPU queue has validated the message) is in
 * sim/transport.ts.
 */
import type { SimRandom } from './random.js'

export interface MeshParams {
  nodes: number
  degree: number
}

/** Nodes that do not forward a message (a censoring relay receives it but does not pass it on). */
export interface Relays {
  key: string
  nodes: ReadonlySet<number>
}

export class GossipMesh {
  readonly neighbours: number[][]

  constructor(
    readonly params: MeshParams,
    random: SimRandom,
  ) {
    this.neighbours = buildMesh(params.nodes, params.degree, random)
  }

  /** Hop counts from `source` to every node (BFS; 0xffff = unreachable). */
  hops(source: number): Uint16Array {
    const row = new Uint16Array(this.params.nodes).fill(0xffff)
    row[source] = 0
    const queue = [source]
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head]
      for (const v of this.neighbours[u]) {
        if (row[v] === 0xffff) {
          row[v] = row[u] + 1
          queue.push(v)
        }
      }
    }
    return row
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
