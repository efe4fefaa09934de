/**
 * Baseline (b), PBFT-style all-to-all on the same libp2p stack. Per epoch every node
 *   1. sends its proposal directly to every other node (one persistent length-prefixed stream per peer),
 *   2. once it holds all n proposals (or a quorum at the collection deadline) computes the same aggregate the
 *      protocol computes (@thermotruth/anneal) and sends PREPARE(digest) to all,
 *   3. on a quorum (floor(2n/3)+1) of matching PREPAREs sends COMMIT(digest) to all,
 *   4. commits on a quorum of matching COMMITs; finality is the time from the epoch's start to that commit.
 * Channels are authenticated by noise (the sender is the connection's remote peer, never a field in the message),
 * which is the MAC-authenticated PBFT variant: no per-message signatures.
 */
import { lpStream, type LengthPrefixedStream } from '@libp2p/utils'
import { peerIdFromString } from '@libp2p/peer-id'
import type { PeerId, Stream } from '@libp2p/interface'
import { anneal } from '@thermotruth/anneal'
import { createHash } from 'node:crypto'
import { HONEST_SIGMA, decodeProposal, encodeProposal, observationFor, truthFor } from '../proposal-payload.js'
import { createSwarmLibp2p, dhtRoutingTableSize, dialAll, distinctPeers, libp2pMultiaddrs, readTransferBytes } from '../stack.js'
import type { EpochOutcome, PeerAddress, SwarmNode, SwarmNodeContext, SwarmNodeFactory } from '../types.js'
import { EpochClock } from './epoch-clock.js'
import { PBFT_PROTOCOL } from './topics.js'

const enum Kind {
  Proposal = 0,
  Prepare = 1,
  Commit = 2,
}

const HEADER_BYTES = 5
const MAX_MESSAGE_BYTES = 1 << 20
/** Proceed with a quorum of proposals at this fraction of the period if some never arrive. */
const COLLECT_FRACTION = 0.5

interface EpochState {
  proposals: Map<number, Uint8Array>
  digest?: string
  aggregate?: { value: number; temperature: number; entropyBits: number }
  aggregatedProposals: number
  prepares: Map<string, Set<number>>
  commits: Map<string, Set<number>>
  sentPrepare: boolean
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

export const quorum = (n: number): number => Math.floor((2 * n) / 3) + 1

async function startPbftNode(ctx: SwarmNodeContext): Promise<SwarmNode> {
  const n = ctx.config.nodes
  // All-to-all needs a connection to every member: no peer manager (it would prune above 32 peers).
  const node = await createSwarmLibp2p({ port: ctx.port, bootstrapAddrs: ctx.bootstrapAddrs, managePeers: false, maxConnections: 2 * n + 16 })
  const { libp2p, registry } = node
  const q = quorum(n)
  const clock = new EpochClock()
  const epochs = new Map<number, EpochState>()
  const indexOfPeer = new Map<string, number>()
  const peerOfIndex = new Map<number, PeerId>()
  const outbound = new Map<number, Promise<LengthPrefixedStream<Stream>>>()
  let messagesSent = 0
  let lastProposalBytes = ctx.config.proposalBytes
  let stopped = false
  let reportsPerProposal = 0

  const stateOf = (epoch: number): EpochState => {
    let state = epochs.get(epoch)
    if (state === undefined) {
      state = { proposals: new Map(), aggregatedProposals: 0, prepares: new Map(), commits: new Map(), sentPrepare: false, sentCommit: false, done: false }
      epochs.set(epoch, state)
    }
    return state
  }

  const streamTo = (node: number): Promise<LengthPrefixedStream<Stream>> => {
    let stream = outbound.get(node)
    if (stream === undefined) {
      const peer = peerOfIndex.get(node)
      if (peer === undefined) return Promise.reject(new Error(`no address for node ${node}`))
      stream = libp2p.dialProtocol(peer, PBFT_PROTOCOL, { signal: AbortSignal.timeout(10_000) }).then((s: Stream) => lpStream(s, { maxDataLength: MAX_MESSAGE_BYTES }))
      stream.catch(() => outbound.delete(node))
      outbound.set(node, stream)
    }
    return stream
  }

  const sendTo = async (node: number, bytes: Uint8Array): Promise<void> => {
    try {
      await (await streamTo(node)).write(bytes)
    } catch {
      outbound.delete(node)
    }
  }

  const broadcast = (kind: Kind, epoch: number, body: Uint8Array): void => {
    const bytes = frame(kind, epoch, body)
    for (const node of peerOfIndex.keys()) {
      messagesSent++
      void sendTo(node, bytes)
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
      reports: status === 'certified' ? state.aggregatedProposals * reportsPerProposal : 0,
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

  /** Moves an epoch forward as far as its current state allows (idempotent). */
  const progress = (epoch: number): void => {
    const state = stateOf(epoch)
    if (state.done || state.digest === undefined) return
    if (!state.sentCommit && (state.prepares.get(state.digest)?.size ?? 0) >= q) {
      state.sentCommit = true
      votesFor(state.commits, state.digest).add(ctx.index)
      broadcast(Kind.Commit, epoch, Buffer.from(state.digest, 'hex'))
    }
    if (state.sentCommit && (state.commits.get(state.digest)?.size ?? 0) >= q) finish(epoch, 'certified')
  }

  const aggregateAndPrepare = (epoch: number): void => {
    const state = stateOf(epoch)
    if (state.sentPrepare || state.done) return
    const contributions = [...state.proposals.entries()].map(([author, bytes]) => ({
      author: String(author).padStart(6, '0'),
      value: Float64Array.of(decodeProposal(bytes)?.value ?? Number.NaN),
      weight: 1,
    }))
    const result = anneal(contributions, { seed: epoch >>> 0 })
    const hash = createHash('sha256')
    for (const c of contributions.sort((a, b) => (a.author < b.author ? -1 : 1))) hash.update(c.author)
    hash.update(Buffer.from(result.value.buffer))
    state.digest = hash.digest('hex')
    state.aggregate = { value: result.value[0], temperature: result.temperature, entropyBits: result.entropyBits }
    state.aggregatedProposals = contributions.length
    state.sentPrepare = true
    votesFor(state.prepares, state.digest).add(ctx.index)
    broadcast(Kind.Prepare, epoch, Buffer.from(state.digest, 'hex'))
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
      if (proposal === undefined || proposal.epoch !== epoch || proposal.author !== from || state.sentPrepare) return
      state.proposals.set(from, body)
      if (state.proposals.size === n) aggregateAndPrepare(epoch)
    } else if ((kind === Kind.Prepare || kind === Kind.Commit) && body.length === 32) {
      votesFor(kind === Kind.Prepare ? state.prepares : state.commits, Buffer.from(body).toString('hex')).add(from)
      progress(epoch)
    }
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
    async stats() {
      return {
        node: ctx.index,
        bytes: await readTransferBytes(registry),
        connections: libp2p.getConnections().length,
        peers: distinctPeers(libp2p),
        meshPeers: 0,
        dhtPeers: dhtRoutingTableSize(libp2p),
        messagesSent,
        proposalBytes: lastProposalBytes,
      }
    },
    async connect(peers: PeerAddress[]) {
      for (const { node, addr } of peers) {
        const id = addr.slice(addr.lastIndexOf('/p2p/') + 5)
        indexOfPeer.set(id, node)
        peerOfIndex.set(node, peerIdFromString(id))
      }
      // Dial only higher indices: one connection per pair instead of two crossing dials.
      await dialAll(
        libp2p,
        peers.filter((p) => p.node > ctx.index).map((p) => p.addr),
      )
    },
    run(schedule) {
      reportsPerProposal = Math.ceil((ctx.config.reportsPerSecond * schedule.epochPeriodMs) / 1000 / n)
      clock.start(
        schedule,
        (epoch) => {
          const body = encodeProposal({ epoch, author: ctx.index, value: observationFor(ctx.index, epoch) }, ctx.config.proposalBytes)
          lastProposalBytes = body.length
          stateOf(epoch).proposals.set(ctx.index, body)
          broadcast(Kind.Proposal, epoch, body)
          if (stateOf(epoch).proposals.size === n) aggregateAndPrepare(epoch)
          setTimeout(
            () => {
              if (stateOf(epoch).proposals.size >= q) aggregateAndPrepare(epoch)
            },
            Math.max(0, clock.epochStart(epoch) + COLLECT_FRACTION * schedule.epochPeriodMs - Date.now()),
          ).unref()
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
