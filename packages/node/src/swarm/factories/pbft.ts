/**
 * Baseline (b), PBFT-style all-to-all on the same libp2p stack. Per epoch e:
 *   1. every node sends its proposal directly to every other node (one persistent length-prefixed stream per peer);
 *   2. the epoch's leader (e mod n), once it holds all n proposals (or a quorum at the collection deadline),
 *      sends PRE-PREPARE(the set of included authors) to all: that fixes one proposal set, as PBFT's primary does;
 *   3. a node holding every proposal of that set computes the same aggregate the protocol computes
 *      (@thermotruth/anneal) and sends PREPARE(digest) to all;
 *   4. on floor(2n/3)+1 matching PREPAREs it sends COMMIT(digest) to all, and commits on as many matching COMMITs.
 * Finality is the time from the epoch's start until the node commits. Channels are authenticated by noise (the
 * sender is the connection's remote peer, never a field of the message): the MAC-authenticated PBFT variant, no
 * per-message signatures. No view change: a silent leader fails the epoch (honest runs only).
 */
import type { PeerId, Stream } from '@libp2p/interface'
import { type LengthPrefixedStream, lpStream } from '@libp2p/utils'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { anneal } from '@thermotruth/anneal'
import { createHash } from 'node:crypto'
import { decodeProposal, encodeProposal, HONEST_SIGMA, observationFor, REPORT_BYTES, truthFor } from '../proposal-payload.js'
import { createSwarmLibp2p, dialAll, distinctPeers, forEachBounded, libp2pMultiaddrs, stackStats } from '../stack.js'
import type { EpochOutcome, PeerAddress, SwarmNode, SwarmNodeContext, SwarmNodeFactory } from '../types.js'
import { EpochClock } from './epoch-clock.js'
import { PBFT_PROTOCOL } from './topics.js'

enum Kind {
  Proposal = 0,
  PrePrepare = 1,
  Prepare = 2,
  Commit = 3,
}

const HEADER_BYTES = 5
const MAX_MESSAGE_BYTES = 1 << 20
/** The leader proceeds with a quorum of proposals at this fraction of the period if some never arrive. */
const COLLECT_FRACTION = 0.5

interface EpochState {
  proposals: Map<number, Uint8Array>
  /** The leader's proposal set (sorted author indices), once its PRE-PREPARE arrived (or we are the leader). */
  set?: number[]
  digest?: string
  aggregate?: { value: number; temperature: number; entropyBits: number; authors: number }
  prepares: Map<string, Set<number>>
  commits: Map<string, Set<number>>
  sentCommit: boolean
  done: boolean
}

function frame(kind: Kind, epoch: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + body.length)
  out[0] = kind
  new DataView(out.buffer).setUint32(1, epoch)
  out.set(body, HEADER_BYTES)
  return out
}

function encodeSet(authors: number[]): Uint8Array {
  const out = new Uint8Array(authors.length * 2)
  const view = new DataView(out.buffer)
  for (let i = 0; i < authors.length; i++) view.setUint16(i * 2, authors[i])
  return out
}

function decodeSet(body: Uint8Array, n: number): number[] | undefined {
  if (body.length % 2 !== 0) return undefined
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const set: number[] = []
  for (let i = 0; i < body.length; i += 2) set.push(view.getUint16(i))
  const sorted = set.every((a, i) => a < n && (i === 0 || a > set[i - 1]))
  return sorted ? set : undefined
}

export const quorum = (n: number): number => Math.floor((2 * n) / 3) + 1
export const leaderOf = (epoch: number, n: number): number => epoch % n

async function startPbftNode(ctx: SwarmNodeContext): Promise<SwarmNode> {
  const n = ctx.config.nodes
  // All-to-all needs a connection to every member: no peer manager (it would prune above 32 peers).
  const node = await createSwarmLibp2p({ port: ctx.port, bootstrapAddrs: ctx.bootstrapAddrs, managePeers: false, maxConnections: 2 * n + 16 })
  const { libp2p, registry } = node
  const q = quorum(n)
  const clock = new EpochClock()
  const epochs = new Map<number, EpochState>()
  const indexOfPeer = new Map<string, number>()
  const addrOfIndex = new Map<number, Multiaddr>()
  const outbound = new Map<number, Promise<LengthPrefixedStream<Stream>>>()
  let messagesSent = 0
  let lastProposalBytes = ctx.config.proposalBytes
  let offered = ctx.config.reportsPerSecond
  /** Client reports each proposal carries (opaque payload of REPORT_BYTES each), by epoch. */
  const reportsIn = new Map<number, number>()
  let stopped = false

  const stateOf = (epoch: number): EpochState => {
    let state = epochs.get(epoch)
    if (state === undefined) {
      state = { proposals: new Map(), prepares: new Map(), commits: new Map(), sentCommit: false, done: false }
      epochs.set(epoch, state)
    }
    return state
  }

  const streamTo = (peer: number): Promise<LengthPrefixedStream<Stream>> => {
    let stream = outbound.get(peer)
    if (stream === undefined) {
      const addr = addrOfIndex.get(peer)
      if (addr === undefined) return Promise.reject(new Error(`no address for node ${peer}`))
      // By full multiaddr: reuses the connection when there is one, dials again when a start-up dial failed.
      stream = libp2p.dialProtocol(addr, PBFT_PROTOCOL, { signal: AbortSignal.timeout(10_000) }).then((s: Stream) => lpStream(s, { maxDataLength: MAX_MESSAGE_BYTES }))
      stream.catch(() => outbound.delete(peer))
      outbound.set(peer, stream)
    }
    return stream
  }

  /** One retry on a fresh stream: a stream reset under load must not silently drop a vote. */
  const sendTo = async (peer: number, bytes: Uint8Array): Promise<void> => {
    for (let attempt = 0; attempt < 2 && !stopped; attempt++) {
      try {
        await (await streamTo(peer)).write(bytes)
        return
      } catch {
        outbound.delete(peer)
      }
    }
  }

  const broadcast = (kind: Kind, epoch: number, body: Uint8Array): void => {
    const bytes = frame(kind, epoch, body)
    for (const peer of addrOfIndex.keys()) {
      messagesSent++
      void sendTo(peer, bytes)
    }
  }

  const finish = (epoch: number, status: EpochOutcome['status']): void => {
    const state = stateOf(epoch)
    if (state.done) return
    state.done = true
    const agg = state.aggregate
    ctx.onEpoch({
      node: ctx.index,
      epoch,
      status,
      finalityMs: Date.now() - clock.epochStart(epoch),
      digest: state.digest ?? '',
      values: agg ? { pbft: agg.value } : undefined,
      temperature: agg?.temperature,
      entropyBits: agg?.entropyBits,
      errorSigma: agg ? Math.abs(agg.value - truthFor(epoch)) / HONEST_SIGMA : undefined,
      peers: distinctPeers(libp2p),
      // The baseline carries client reports as opaque payload: each aggregated proposal holds its share.
      reports: status === 'certified' && agg ? agg.authors * (reportsIn.get(epoch) ?? 0) : 0,
    })
    state.proposals.clear()
  }

  const votesFor = (votes: Map<string, Set<number>>, digest: string): Set<number> => {
    let set = votes.get(digest)
    if (set === undefined) {
      set = new Set()
      votes.set(digest, set)
    }
    return set
  }

  /** Moves an epoch forward as far as its state allows; idempotent, so every event just calls it. */
  const progress = (epoch: number): void => {
    const state = stateOf(epoch)
    if (state.done) return
    if (state.digest === undefined && state.set !== undefined && state.set.every((a) => state.proposals.has(a))) aggregateAndPrepare(epoch, state.set)
    if (state.digest === undefined) return
    if (!state.sentCommit && (state.prepares.get(state.digest)?.size ?? 0) >= q) {
      state.sentCommit = true
      votesFor(state.commits, state.digest).add(ctx.index)
      broadcast(Kind.Commit, epoch, Buffer.from(state.digest, 'hex'))
    }
    if (state.sentCommit && (state.commits.get(state.digest)?.size ?? 0) >= q) finish(epoch, 'certified')
  }

  const aggregateAndPrepare = (epoch: number, set: number[]): void => {
    const state = stateOf(epoch)
    const contributions = set.map((author) => ({
      author: String(author).padStart(6, '0'),
      value: Float64Array.of(decodeProposal(state.proposals.get(author)!)?.value ?? Number.NaN),
      weight: 1,
    }))
    const result = anneal(contributions, { seed: epoch >>> 0 })
    const hash = createHash('sha256').update(encodeSet(set))
    // The value may be a view into a larger buffer: hash exactly its bytes.
    hash.update(new Uint8Array(result.value.buffer, result.value.byteOffset, result.value.byteLength))
    state.digest = hash.digest('hex')
    state.aggregate = { value: result.value[0], temperature: result.temperature, entropyBits: result.entropyBits, authors: set.length }
    votesFor(state.prepares, state.digest).add(ctx.index)
    broadcast(Kind.Prepare, epoch, Buffer.from(state.digest, 'hex'))
  }

  /** The leader fixes the proposal set: everything it holds, once it holds all n or a quorum at the deadline. */
  const lead = (epoch: number, force: boolean): void => {
    const state = stateOf(epoch)
    if (leaderOf(epoch, n) !== ctx.index || state.set !== undefined || state.done) return
    if (state.proposals.size < (force ? q : n)) return
    state.set = [...state.proposals.keys()].sort((a, b) => a - b)
    broadcast(Kind.PrePrepare, epoch, encodeSet(state.set))
    progress(epoch)
  }

  const receive = (from: number, bytes: Uint8Array): void => {
    if (bytes.length < HEADER_BYTES) return
    const kind = bytes[0] as Kind
    const epoch = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1)
    if (!clock.inWindow(epoch)) return
    const state = stateOf(epoch)
    if (state.done) return
    const body = bytes.subarray(HEADER_BYTES)
    if (kind === Kind.Proposal) {
      const proposal = decodeProposal(body)
      if (proposal === undefined || proposal.epoch !== epoch || proposal.author !== from) return
      state.proposals.set(from, body)
      lead(epoch, false)
    } else if (kind === Kind.PrePrepare) {
      if (from !== leaderOf(epoch, n) || state.set !== undefined) return
      const set = decodeSet(body, n)
      if (set === undefined || set.length < q) return
      state.set = set
    } else if ((kind === Kind.Prepare || kind === Kind.Commit) && body.length === 32) {
      votesFor(kind === Kind.Prepare ? state.prepares : state.commits, Buffer.from(body).toString('hex')).add(from)
    } else {
      return
    }
    progress(epoch)
  }

  await libp2p.handle(
    PBFT_PROTOCOL,
    async (stream: Stream, connection: { remotePeer: PeerId }) => {
      const from = indexOfPeer.get(connection.remotePeer.toString())
      if (from === undefined) {
        stream.abort(new Error('not a member'))
        return
      }
      const lp = lpStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
      try {
        while (!stopped) receive(from, (await lp.read()).subarray())
      } catch {
        // stream closed or reset: the sender re-opens on its next message
      }
    },
    { maxInboundStreams: 4, maxOutboundStreams: 4 },
  )

  return {
    multiaddrs: libp2pMultiaddrs(libp2p),
    stats: () => stackStats(ctx.index, libp2p, registry, { meshPeers: 0, messagesSent, proposalBytes: lastProposalBytes }),
    async connect(peers: PeerAddress[]) {
      for (const { node: index, addr } of peers) {
        indexOfPeer.set(addr.slice(addr.lastIndexOf('/p2p/') + 5), index)
        addrOfIndex.set(index, multiaddr(addr))
      }
      // Dial only higher indices: one connection per pair instead of two crossing dials.
      await dialAll(
        libp2p,
        peers.filter((p) => p.node > ctx.index).map((p) => p.addr),
      )
      // Open the vote streams now, as gossipsub's streams exist before its first message (a few at a time: each
      // may dial a peer whose own dial to us failed).
      await forEachBounded(peers, 8, async (p) => {
        await streamTo(p.node).catch(() => undefined)
      })
    },
    setLoad(reportsPerSecond) {
      offered = Math.max(0, reportsPerSecond)
    },
    run(schedule) {
      clock.start(
        schedule,
        (epoch) => {
          // The baseline carries its share of the offered reports as payload: the same bytes ThermoTruth moves.
          const reports = Math.ceil((offered * schedule.epochPeriodMs) / 1000 / n)
          reportsIn.set(epoch, reports)
          reportsIn.delete(epoch - 8)
          const body = encodeProposal({ epoch, author: ctx.index, value: observationFor(ctx.index, epoch) }, ctx.config.proposalBytes + reports * REPORT_BYTES)
          lastProposalBytes = body.length
          stateOf(epoch).proposals.set(ctx.index, body)
          broadcast(Kind.Proposal, epoch, body)
          lead(epoch, false)
          const collectDeadline = clock.epochStart(epoch) + COLLECT_FRACTION * schedule.epochPeriodMs
          setTimeout(() => lead(epoch, true), Math.max(0, collectDeadline - Date.now())).unref()
        },
        (epoch) => finish(epoch, 'failed'),
      )
    },
    async stop() {
      stopped = true
      clock.stop()
      await node.stop()
    },
  }
}

export const pbftFactory: SwarmNodeFactory = { start: startPbftNode }
