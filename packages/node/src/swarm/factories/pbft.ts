/**
 * Baseline (b), PBFT-style all-to-all on the same libp2p stack, doing the same work per message as ThermoTruth.
 * Per epoch e:
 *   1. every node sends its proposal directly to every other node (one persistent length-prefixed stream per peer).
 *      The proposal is a protocol Proposal built as the engine builds one: the node's observations, up to 64 signed
 *      client reports from its pool, its identity ticket, a PoW stamp and an Ed25519 signature; each receiver
 *      checks it with the engine's own `validateProposalBytes` (ticket, stamp, signature, every report signature);
 *   2. the epoch's leader (e mod n), once it holds all n proposals (or a quorum at the collection deadline),
 *      sends a signed PRE-PREPARE(the set of included authors) to all: that fixes one proposal set, as PBFT's
 *      primary does;
 *   3. a node holding every proposal of that set computes the same aggregate the protocol computes
 *      (@thermotruth/anneal, per feed) and sends a signed PREPARE(digest) to all;
 *   4. on floor(2n/3)+1 matching PREPAREs it sends a signed COMMIT(digest) to all; on as many matching COMMITs it
 *      writes the commit (digest, set, aggregate, the commit signatures) to its LevelDB store in one synced batch,
 *      and only then calls the epoch final, as a ThermoNode persists a certificate before announcing it.
 * Every vote is checked against the key the connection authenticated (noise) and its own signature. Nodes pass
 * ThermoNode's identity gate (PoW ticket per connection) and keep a LevelDB peer store. No view change: a silent
 * leader fails the epoch (honest runs only). docs/BENCHMARKS.md has the per-message comparison table.
 */
import { join } from 'node:path'
import type { PeerId, Stream } from '@libp2p/interface'
import { type LengthPrefixedStream, lpStream } from '@libp2p/utils'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { anneal } from '@thermotruth/anneal'
import { mineStamp, requiredStampBits } from '@thermotruth/pow'
import {
  DEFAULT_TUNING,
  encodeProposal,
  type Proposal,
  proposalStampDigest,
  signProposal,
  type ValidationContext,
  validateEndorsementBytes,
  validateProposalBytes,
} from '@thermotruth/protocol'
import { Level } from 'level'
import { createHash } from 'node:crypto'
import { authorOf } from '../../network/identity.js'
import { BASELINE_NETWORK_ID, baselineIdentity, prepareBaselineIdentity } from '../baseline-identity.js'
import { HONEST_SIGMA, observationFor, truthFor } from '../proposal-payload.js'
import { createSwarmLibp2p, dialAll, distinctPeers, forEachBounded, libp2pMultiaddrs, rememberPeers, stackStats, swarmStack } from '../stack.js'
import type { EpochOutcome, PeerAddress, SwarmNode, SwarmNodeContext, SwarmNodeFactory } from '../types.js'
import { EpochClock } from './epoch-clock.js'
import { COMMIT_SET_DIGEST, encodeSet, frame, Kind, openPrePrepare, readFrame, signPrePrepare, signVote } from './pbft-wire.js'
import { ReportPool } from './report-pool.js'
import { PBFT_PROTOCOL } from './topics.js'

const MAX_MESSAGE_BYTES = 1 << 20
/** The leader proceeds with a quorum of proposals at this fraction of the period if some never arrive. */
const COLLECT_FRACTION = 0.5
/** Two feeds, as configs/local.json gives ThermoNodes: same proposal shape, two anneals per epoch. */
const FEEDS = ['pbft-a', 'pbft-b'] as const
/** The stamp difficulty ThermoNodes start at (the engine's controller moves it with entropy). */
const STAMP_BITS = requiredStampBits(DEFAULT_TUNING.stampDifficulty.initial)

interface EpochState {
  /** Verified proposal of each author index. */
  proposals: Map<number, Proposal>
  /** The leader's proposal set (sorted author indices), once its PRE-PREPARE arrived (or we are the leader). */
  set?: number[]
  setDigest?: Uint8Array
  digest?: string
  aggregate?: { values: number[]; temperature: number; entropyBits: number; reports: number }
  prepares: Map<string, Set<number>>
  commits: Map<string, Map<number, Uint8Array>>
  sentCommit: boolean
  committing: boolean
  done: boolean
}

export const quorum = (n: number): number => Math.floor((2 * n) / 3) + 1
export const leaderOf = (epoch: number, n: number): number => epoch % n

/** The second feed's truth sits apart from the first's so both anneals do real work. */
const feedValue = (feed: number, author: number, epoch: number): number => observationFor(author + feed * 7919, epoch) + feed * 100

async function startPbftNode(ctx: SwarmNodeContext): Promise<SwarmNode> {
  const n = ctx.config.nodes
  const identity = await baselineIdentity(ctx.config, ctx.index)
  const { crypto } = identity
  // All-to-all needs a connection to every member: no peer manager (it would prune above 32 peers).
  const node = await createSwarmLibp2p({ port: ctx.port, bootstrapAddrs: ctx.bootstrapAddrs, managePeers: false, maxConnections: 2 * n + 16, stack: swarmStack(ctx.config), identity })
  const { libp2p, registry } = node
  const db = new Level<string, string>(join(identity.dataDir, 'db'), { valueEncoding: 'utf8' })
  await db.open()
  const q = quorum(n)
  const clock = new EpochClock()
  const epochs = new Map<number, EpochState>()
  const indexOfPeer = new Map<string, number>()
  const keyOfIndex = new Map<number, Uint8Array>([[ctx.index, crypto.publicKey]])
  const addrOfIndex = new Map<number, Multiaddr>()
  const outbound = new Map<number, Promise<LengthPrefixedStream<Stream>>>()
  const reports = new ReportPool(crypto, FEEDS[0], () => truthFor(0))
  let messagesSent = 0
  let lastProposalBytes = ctx.config.proposalBytes
  let offered = ctx.config.reportsPerSecond
  let stopped = false
  let periodMs = ctx.config.epochPeriodMs

  const currentEpoch = (): number => Math.floor((Date.now() - ctx.config.genesisTime) / periodMs)
  const validation = (): ValidationContext => ({
    networkId: BASELINE_NETWORK_ID,
    currentEpoch: currentEpoch(),
    crypto,
    ticketPolicy: identity.policy,
    // Full tickets in every proposal, as ThermoNodes send today.
    knownTicket: () => undefined,
    requiredStampBits: () => STAMP_BITS,
  })

  const stateOf = (epoch: number): EpochState => {
    let state = epochs.get(epoch)
    if (state === undefined) {
      state = { proposals: new Map(), prepares: new Map(), commits: new Map(), sentCommit: false, committing: false, done: false }
      epochs.set(epoch, state)
      epochs.delete(epoch - 8)
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
    reports.settle(epoch, status === 'certified' && state.set?.includes(ctx.index) === true)
    ctx.onEpoch({
      node: ctx.index,
      epoch,
      status,
      finalityMs: Date.now() - clock.epochStart(epoch),
      digest: state.digest ?? '',
      values: agg ? Object.fromEntries(FEEDS.map((f, i) => [f, agg.values[i]])) : undefined,
      temperature: agg?.temperature,
      entropyBits: agg?.entropyBits,
      errorSigma: agg ? Math.abs(agg.values[0] - truthFor(epoch)) / HONEST_SIGMA : undefined,
      peers: distinctPeers(libp2p),
      // Client reports inside the committed proposals, each verified by every node.
      reports: status === 'certified' && agg ? agg.reports : 0,
    })
    state.proposals.clear()
  }

  /** The durable commit (one synced LevelDB batch), then the epoch is final. */
  const commit = (epoch: number): void => {
    const state = stateOf(epoch)
    if (state.committing || state.done || state.digest === undefined) return
    state.committing = true
    const signatures = [...(state.commits.get(state.digest)?.entries() ?? [])].map(([author, bytes]) => [author, Buffer.from(bytes).toString('base64')])
    const record = JSON.stringify({ epoch, digest: state.digest, set: state.set, aggregate: state.aggregate, commits: signatures })
    db.batch([{ type: 'put', key: `epoch/${String(epoch).padStart(10, '0')}`, value: record }], { sync: true }).then(
      () => finish(epoch, 'certified'),
      () => {
        if (!stopped) finish(epoch, 'failed')
      },
    )
  }

  /** Moves an epoch forward as far as its state allows; idempotent, so every event just calls it. */
  const progress = (epoch: number): void => {
    const state = stateOf(epoch)
    if (state.done || state.committing) return
    if (state.digest === undefined && state.set !== undefined && state.set.every((a) => state.proposals.has(a))) aggregateAndPrepare(epoch, state.set)
    if (state.digest === undefined) return
    if (!state.sentCommit && (state.prepares.get(state.digest)?.size ?? 0) >= q) {
      state.sentCommit = true
      const vote = signVote(Kind.Commit, { networkId: BASELINE_NETWORK_ID, epoch, setDigest: COMMIT_SET_DIGEST, digest: Buffer.from(state.digest, 'hex') }, crypto)
      commitsFor(state, state.digest).set(ctx.index, vote)
      broadcast(Kind.Commit, epoch, vote)
    }
    if (state.sentCommit && (state.commits.get(state.digest)?.size ?? 0) >= q) commit(epoch)
  }

  const commitsFor = (state: EpochState, digest: string): Map<number, Uint8Array> => {
    let votes = state.commits.get(digest)
    if (votes === undefined) {
      votes = new Map()
      state.commits.set(digest, votes)
    }
    return votes
  }

  const preparesFor = (state: EpochState, digest: string): Set<number> => {
    let votes = state.prepares.get(digest)
    if (votes === undefined) {
      votes = new Set()
      state.prepares.set(digest, votes)
    }
    return votes
  }

  const aggregateAndPrepare = (epoch: number, set: number[]): void => {
    const state = stateOf(epoch)
    const included = set.map((author) => state.proposals.get(author)!)
    const values: number[] = []
    let temperature = 0
    let entropyBits = 0
    const hash = createHash('sha256').update(encodeSet(set))
    FEEDS.forEach((feed, f) => {
      const contributions = included.map((p, i) => ({
        author: String(set[i]).padStart(6, '0'),
        value: p.observations.find((o) => o.feed === feed)?.values ?? Float64Array.of(Number.NaN),
        weight: 1,
      }))
      const result = anneal(contributions, { seed: (epoch * FEEDS.length + f) >>> 0 })
      // The value may be a view into a larger buffer: hash exactly its bytes.
      hash.update(new Uint8Array(result.value.buffer, result.value.byteOffset, result.value.byteLength))
      values.push(result.value[0])
      if (f === 0) {
        temperature = result.temperature
        entropyBits = result.entropyBits
      }
    })
    state.setDigest = createHash('sha256').update(encodeSet(set)).digest()
    state.digest = hash.digest('hex')
    state.aggregate = { values, temperature, entropyBits, reports: included.reduce((sum, p) => sum + p.reports.length, 0) }
    preparesFor(state, state.digest).add(ctx.index)
    broadcast(Kind.Prepare, epoch, signVote(Kind.Prepare, { networkId: BASELINE_NETWORK_ID, epoch, setDigest: state.setDigest, digest: Buffer.from(state.digest, 'hex') }, crypto))
  }

  /** The leader fixes the proposal set: everything it holds, once it holds all n or a quorum at the deadline. */
  const lead = (epoch: number, force: boolean): void => {
    const state = stateOf(epoch)
    if (leaderOf(epoch, n) !== ctx.index || state.set !== undefined || state.done) return
    if (state.proposals.size < (force ? q : n)) return
    state.set = [...state.proposals.keys()].sort((a, b) => a - b)
    broadcast(Kind.PrePrepare, epoch, signPrePrepare(epoch, state.set, crypto.sign))
    progress(epoch)
  }

  const sameKey = (a: Uint8Array, b: Uint8Array | undefined): boolean => b !== undefined && Buffer.compare(a, b) === 0

  const receive = (from: number, bytes: Uint8Array): void => {
    const msg = readFrame(bytes)
    if (msg === undefined || !clock.inWindow(msg.epoch)) return
    const { kind, epoch, body } = msg
    const state = stateOf(epoch)
    if (state.done) return
    const fromKey = keyOfIndex.get(from)
    if (kind === Kind.Proposal) {
      const checked = validateProposalBytes(body, validation())
      // The author must be the peer the connection authenticated: a node cannot relay another's proposal.
      if (checked.verdict.action !== 'accept' || checked.proposal === undefined || checked.proposal.epoch !== epoch || !sameKey(checked.proposal.author, fromKey)) return
      state.proposals.set(from, checked.proposal)
      lead(epoch, false)
    } else if (kind === Kind.PrePrepare) {
      if (from !== leaderOf(epoch, n) || state.set !== undefined || fromKey === undefined) return
      const set = openPrePrepare(epoch, body, n, fromKey, crypto.verify)
      if (set === undefined || set.length < q) return
      state.set = set
    } else if (kind === Kind.Prepare || kind === Kind.Commit) {
      const { verdict, endorsement } = validateEndorsementBytes(body, { networkId: BASELINE_NETWORK_ID, currentEpoch: currentEpoch(), crypto })
      if (verdict.action !== 'accept' || endorsement === undefined || endorsement.epoch !== epoch || !sameKey(endorsement.author, fromKey)) return
      const isCommit = sameKey(endorsement.proposalSetDigest, COMMIT_SET_DIGEST)
      if (isCommit !== (kind === Kind.Commit)) return
      const digest = Buffer.from(endorsement.recordDigest).toString('hex')
      if (isCommit) commitsFor(state, digest).set(from, body)
      else preparesFor(state, digest).add(from)
    } else {
      return
    }
    progress(epoch)
  }

  const propose = (epoch: number): void => {
    const unsigned = {
      networkId: BASELINE_NETWORK_ID,
      epoch,
      author: crypto.publicKey,
      ticket: identity.ticket,
      observations: FEEDS.map((feed, f) => ({ feed, values: Float64Array.of(feedValue(f, ctx.index, epoch)) })),
      reports: reports.take(epoch),
    }
    const stamp = mineStamp(proposalStampDigest(unsigned), STAMP_BITS)
    const proposal = signProposal({ ...unsigned, stamp }, crypto.sign)
    const body = encodeProposal(proposal)
    lastProposalBytes = body.length
    stateOf(epoch).proposals.set(ctx.index, proposal)
    broadcast(Kind.Proposal, epoch, body)
    lead(epoch, false)
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
    async connect(peers: PeerAddress[], known: PeerAddress[] = []) {
      for (const { node: index, addr } of peers) {
        const peerId = addr.slice(addr.lastIndexOf('/p2p/') + 5)
        indexOfPeer.set(peerId, index)
        keyOfIndex.set(index, Buffer.from(authorOf(peerId), 'hex'))
        addrOfIndex.set(index, multiaddr(addr))
      }
      await rememberPeers(libp2p, known)
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
      periodMs = schedule.epochPeriodMs
      reports.start(() => (offered * 100) / 1000 / n)
      clock.start(
        schedule,
        (epoch) => {
          propose(epoch)
          const collectDeadline = clock.epochStart(epoch) + COLLECT_FRACTION * schedule.epochPeriodMs
          setTimeout(() => lead(epoch, true), Math.max(0, collectDeadline - Date.now())).unref()
        },
        (epoch) => finish(epoch, 'failed'),
      )
    },
    async stop() {
      stopped = true
      clock.stop()
      reports.stop()
      await node.stop()
      await db.close().catch(() => undefined)
      identity.remove()
    },
  }
}

export const pbftFactory: SwarmNodeFactory = { prepare: (ctx) => prepareBaselineIdentity(ctx.config, ctx.index), start: startPbftNode }
