/**
 * The swarm launcher: spreads N nodes over P host processes, bootstraps them through node 0, seeds a few direct
 * neighbours, waits (bounded) for the mesh and DHT, runs E clock-driven epochs, measures CPU from /proc and bytes
 * from each node's counters, and shuts everything down (stop, then SIGTERM, then SIGKILL by pid).
 */
import { loadavg } from 'node:os'
import { type AggregateDashboard, startAggregateDashboard } from './aggregate.js'
import { HostHandle } from './host-handle.js'
import type { StartedNode } from './ipc-protocol.js'
import { busyPorts, portRangeError } from './ports.js'
import { cpuMsOf, rssBytesOf } from './proc-stats.js'
import { OutcomeBook } from './outcome-book.js'
import { type EpochView, type SwarmSummary, summarizeEpoch, summarizeSwarm } from './summary.js'
import type { EpochOutcome, EpochSchedule, NodeStats, PeerAddress, SwarmRunConfig } from './types.js'
import { nodeKind } from './factories/index.js'
import { swarmStack } from './stack.js'

export interface SwarmOptions extends Omit<SwarmRunConfig, 'basePort' | 'genesisTime' | 'runId' | 'committee'> {
  processes: number
  epochs: number
  epochPeriodMs: number
  basePort: number
  /** Bounded wait for the mesh and DHT (the run continues, marked unhealthy, when it expires). */
  healthTimeoutMs: number
  /** Direct neighbours each node dials after start, besides the bootstrap node. */
  seedPeers: number
  /** Write a V8 CPU profile of every host process into this directory (where the time goes). */
  cpuProfileDir?: string
  /** Serve the aggregate dashboard of every node on this port (0 = ephemeral); every node then runs its API. */
  dashboardPort?: number
  /**
   * Change the offered client-report load during the run (bench throughput): step k, offering rates[k] reports/s,
   * starts half a period before measured epoch k * epochsPerStep, so its reports are in the mempools when that
   * epoch proposes. Step 0's rate is `reportsPerSecond`.
   */
  loadRamp?: { epochsPerStep: number; rates: number[] }
}

export type SwarmProgress =
  | { kind: 'phase'; line: string }
  | { kind: 'health'; nodes: number; meshReady: number; dhtReady: number; keptReady: number; elapsedMs: number }
  | { kind: 'epoch'; view: EpochView }
  | { kind: 'log'; line: string }

export class SwarmError extends Error {
  override name = 'SwarmError'
}

const START_TIMEOUT_MS = 120_000
const STATS_TIMEOUT_MS = 20_000
const STOP_TIMEOUT_MS = 10_000
const HEALTH_POLL_MS = 500
/** Polls (HEALTH_POLL_MS apart) with an unchanged connection count before start-up dialing counts as over. */
const SETTLED_POLLS = 6
/** Extra wait for stragglers after an epoch's resolution periods. */
const TAIL_MS = 2000
/** A node has this many periods (capped) to resolve an epoch before the launcher stops waiting for it. */
const RESOLUTION_PERIODS = 4
const MAX_RESOLUTION_MS = 60_000
/** Store reads (one period apart) for node-epochs still unresolved after the last deadline. */
const STORE_POLLS = 2
/** The idle window: after mesh formation, before the first epoch; CPU over it is the stack's idle cost. */
export const IDLE_WINDOW_MS = 10_000
/**
 * Wait between mesh formation and the idle window. Connection set-up leaves a tail (identify, stream set-up,
 * JIT and GC of start-up garbage): measured on 10 in-process nodes, 4.6 ms/node/s over the first 10 s after the
 * dials, 1.9 after 3 s, 1.2-1.4 after 5-10 s.
 */
export const IDLE_SETTLE_MS = 10_000
/**
 * Epochs before the first measured one that every node runs unmeasured (ThermoNodes from genesis, baselines from
 * `firstEpoch - warmupEpochs`): the measured window then starts in steady state, with the pipeline already full.
 */
export const WARMUP_EPOCHS = 2

/**
 * How long after the launcher starts its nodes a clock-driven kind's genesis lies: start-up, mesh formation and
 * the idle window must fit before it, or the idle window is cut short (then reported as such) and the first epochs
 * run while the mesh forms. Generous, since waiting costs no CPU: on this machine start-up plus mesh formation
 * (with every node's aggregator connections) took 49 s at n=30 beside one CPU-bound job and 86 s beside two
 * (lead then 60 s), and about 100 s at n=100 on a quiet machine.
 */
export function genesisLeadMs(nodes: number): number {
  return 10_000 + IDLE_SETTLE_MS + IDLE_WINDOW_MS + 1500 * nodes
}

/** When the launcher stops waiting for an epoch's outcomes. */
export function resolutionDeadline(schedule: EpochSchedule, epoch: number): number {
  return schedule.genesisTime + epoch * schedule.epochPeriodMs + Math.min(RESOLUTION_PERIODS * schedule.epochPeriodMs, MAX_RESOLUTION_MS) + TAIL_MS
}

/** Node i lives in host floor(i * P / N): contiguous blocks, node 0 (the bootstrap node) in host 0. */
export function hostOf(node: number, nodes: number, processes: number): number {
  return Math.floor((node * processes) / nodes)
}

/** Deterministic small-world seeding: node i dials i+1, i+2, i+4, ... (mod n), up to k peers. */
export function seedTargets(node: number, nodes: number, k: number): number[] {
  const targets: number[] = []
  for (let step = 1; step < nodes && targets.length < k; step *= 2) {
    const t = (node + step) % nodes
    if (t !== node && !targets.includes(t)) targets.push(t)
  }
  return targets
}

export class Swarm {
  private hosts: HostHandle[] = []
  private readonly outcomes: EpochOutcome[] = []
  private outcomeListener: ((outcome: EpochOutcome) => void) | undefined
  private shutdownPromise: Promise<void> | undefined
  private aggregate: AggregateDashboard | undefined

  constructor(
    private readonly opts: SwarmOptions,
    private readonly progress: (event: SwarmProgress) => void = () => undefined,
  ) {}

  /** Pids of the host processes (to verify none is left behind). */
  get pids(): number[] {
    return this.hosts.filter((h) => h !== undefined).map((h) => h.pid)
  }

  async run(): Promise<SwarmSummary> {
    const { nodes, processes, epochs } = this.opts
    const rangeError = portRangeError(this.opts.basePort, nodes)
    if (rangeError) throw new SwarmError(rangeError)
    const busy = await busyPorts(this.opts.basePort, nodes)
    if (busy.length > 0) throw new SwarmError(`ports already in use: ${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', ...' : ''} (pick another --base-port)`)
    const factory = nodeKind(this.opts.factory)

    const t0 = performance.now()
    this.progress({ kind: 'phase', line: `starting ${nodes} ${factory.name} nodes in ${processes} processes (${this.opts.basePort === 0 ? 'ephemeral ports' : `ports ${this.opts.basePort}..${this.opts.basePort + nodes - 1}`})` })
    // Each handle is recorded as soon as it exists, so shutdown() reaches it even if a sibling fails to spawn.
    await Promise.all(
      Array.from({ length: processes }, async (_, k) => {
        this.hosts[k] = await HostHandle.spawn(
          k,
          this.opts.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', this.opts.cpuProfileDir] : [],
          (outcomes) => this.acceptOutcomes(outcomes),
          (line) => this.progress({ kind: 'log', line }),
        )
      }),
    )
    if (factory.prepares) {
      this.progress({ kind: 'phase', line: 'creating identities (data dirs and PoW tickets)' })
      this.committee = await this.prepareNodes()
    }
    // A clock-driven kind runs epochs from genesis: put genesis after start-up, mesh formation and the idle window.
    this.genesisTime = Date.now() + (factory.runsFromGenesis ? genesisLeadMs(nodes) : 0)
    const started = await this.startNodes()
    const startupMs = performance.now() - t0
    const byNode = new Map(started.map((s) => [s.node, s]))
    const apiUrl = byNode.get(0)?.apiUrl
    if (apiUrl !== undefined) this.progress({ kind: 'phase', line: `node 0 API and dashboard: ${apiUrl}` })
    await this.startAggregate(started)
    await this.seed(byNode, factory.fullMembership === true)

    const meshStart = performance.now()
    const healthy = await this.waitHealthy(factory.meshTopic !== undefined, factory.usesDht && swarmStack(this.opts).dht !== 'off', factory.fullMembership === true)
    const meshMs = performance.now() - meshStart
    this.progress({ kind: 'phase', line: `${healthy ? 'mesh ready, connections settled' : 'health wait expired (continuing)'} after ${(meshMs / 1000).toFixed(1)} s` })

    // A clock-driven kind whose genesis passed during start-up has been running epochs (before its mesh was ready,
    // so likely in fallback): no idle window is left to measure, and the first measured epochs may still carry that.
    const lateStart = factory.runsFromGenesis === true && Date.now() >= this.genesisTime
    if (lateStart) {
      this.progress({ kind: 'phase', line: `start-up and mesh formation outlasted the ${(genesisLeadMs(nodes) / 1000).toFixed(0)} s genesis lead (machine busy?): epochs began before the mesh was ready; idle CPU not measured` })
    }
    const idle = lateStart ? { cpuMsPerNodePerSecond: undefined, windowMs: 0 } : await this.measureIdle()
    if (idle.windowMs > 0) this.progress({ kind: 'phase', line: `idle: ${idle.cpuMsPerNodePerSecond?.toFixed(2)} ms CPU per node per second over ${(idle.windowMs / 1000).toFixed(1)} s` })

    // The first measured epoch starts after a lead that lets the 'run' message reach every host, and after the
    // warm-up epochs (start-up excluded from the measurement).
    const lead = 1000 + 10 * nodes
    const period = this.opts.epochPeriodMs
    const firstEpoch = Math.max(WARMUP_EPOCHS, Math.ceil((Date.now() + lead - this.genesisTime) / period) + WARMUP_EPOCHS)
    const schedule: EpochSchedule = { genesisTime: this.genesisTime, epochPeriodMs: period, firstEpoch, lastEpoch: firstEpoch + epochs - 1, warmupEpochs: WARMUP_EPOCHS, cooldownEpochs: 1 }
    // CPU and bytes are read over exactly `epochs` periods of steady state, whatever start-up or stragglers cost
    // outside them: from the first measured epoch's start to the start of the epoch after the last, both shifted
    // back half a period so neither reading lands in the burst of messages an epoch's start sets off (an epoch
    // that spills past its period is then counted at the window's start in place of its end).
    const windowStart = this.sampleAt(schedule.genesisTime + (schedule.firstEpoch - 0.5) * period)
    const windowEnd = this.sampleAt(schedule.genesisTime + (schedule.lastEpoch + 0.5) * period)
    await Promise.all(this.hosts.map((h) => h.request({ op: 'run', schedule }, STATS_TIMEOUT_MS)))
    this.progress({ kind: 'phase', line: `running ${WARMUP_EPOCHS} warm-up and ${epochs} measured epochs of ${this.opts.epochPeriodMs} ms` })
    const book = new OutcomeBook(schedule.firstEpoch, schedule.lastEpoch, nodes)
    this.book = book
    this.schedule = schedule
    const rampTimers = this.scheduleLoadRamp(schedule)
    await this.awaitEpochs(schedule, book)
    for (const timer of rampTimers) clearTimeout(timer)
    const before = await windowStart
    const after = await windowEnd
    if ('error' in before) throw new SwarmError(before.error)
    if ('error' in after) throw new SwarmError(after.error)
    const statsBefore = before.stats
    const cpuMsDelta = after.cpuMs - before.cpuMs
    // After the measurement window: reading stores (and waiting for stragglers) must not count as epoch cost.
    await this.resolveFromStores(schedule, book)
    const rssBytesTotal = this.hosts.reduce((sum, h) => sum + (rssBytesOf(h.pid) ?? 0), 0)

    return summarizeSwarm({
      factory: factory.name,
      nodes,
      processes,
      epochs,
      firstEpoch: schedule.firstEpoch,
      byzantine: this.opts.byzantine,
      attack: this.opts.attack,
      epochPeriodMs: this.opts.epochPeriodMs,
      outcomes: book.outcomes(),
      upgradedNodeEpochs: book.upgradedCount,
      statsBefore,
      statsAfter: after.stats,
      cpuMsDelta,
      idleCpuMsPerNodePerSecond: idle.cpuMsPerNodePerSecond,
      idleWindowMs: idle.windowMs,
      loadAverage: loadavg(),
      rssBytesTotal,
      healthy,
      startupMs,
      meshMs,
      eventLoopDelayMaxMs: after.eventLoopDelayMaxMs,
      apiUrl: byNode.get(0)?.apiUrl,
    })
  }

  /** Epoch 0's start (set in run(): in the future for clock-driven kinds, so their mesh forms before it). */
  private genesisTime = Date.now()
  private readonly launchTime = Date.now()
  private book: OutcomeBook | undefined
  /** The measured epochs, once the run reached them. */
  schedule: EpochSchedule | undefined

  /** One final outcome per (node, measured epoch), once the run is over (empty before). */
  finalOutcomes(): EpochOutcome[] {
    return this.book?.outcomes() ?? []
  }

  private scheduleLoadRamp(schedule: EpochSchedule): NodeJS.Timeout[] {
    const ramp = this.opts.loadRamp
    if (ramp === undefined) return []
    return ramp.rates.slice(1).map((rate, k) => {
      const epoch = schedule.firstEpoch + (k + 1) * ramp.epochsPerStep
      const at = schedule.genesisTime + epoch * schedule.epochPeriodMs - schedule.epochPeriodMs / 2
      return setTimeout(() => {
        for (const h of this.hosts) void h.request({ op: 'load', reportsPerSecond: rate }, STATS_TIMEOUT_MS).catch(() => undefined)
      }, Math.max(0, at - Date.now()))
    })
  }
  private readonly runId = `${this.launchTime.toString(36)}-${process.pid}`
  private committee: string[] = []

  private runConfig(): SwarmRunConfig {
    return { ...this.opts, genesisTime: this.genesisTime, runId: this.runId, committee: this.committee, apiOnEveryNode: this.opts.dashboardPort !== undefined }
  }

  /** The aggregate dashboard (aggregate.ts), when asked for and the node kind serves APIs. */
  private async startAggregate(started: StartedNode[]): Promise<void> {
    const nodes = started.flatMap((s) => (s.apiUrl === undefined ? [] : [{ node: s.node, apiUrl: s.apiUrl }]))
    if (this.opts.dashboardPort === undefined || nodes.length === 0) return
    const readStats = () => this.collectStats().then((r) => r.stats)
    this.aggregate = await startAggregateDashboard({ port: this.opts.dashboardPort, nodes, byzantine: this.opts.byzantine, attack: this.opts.attack, readStats }).catch((error: Error) => {
      throw new SwarmError(error.message)
    })
    this.progress({ kind: 'phase', line: `swarm dashboard (all ${nodes.length} nodes): ${this.aggregate.url}` })
  }

  private indicesOf(host: number): number[] {
    const { nodes, processes } = this.opts
    return Array.from({ length: nodes }, (_, i) => i).filter((i) => hostOf(i, nodes, processes) === host)
  }

  private async prepareNodes(): Promise<string[]> {
    const config = this.runConfig()
    const replies = await Promise.all(this.hosts.map((h, k) => h.request({ op: 'prepare', config, indices: this.indicesOf(k) }, START_TIMEOUT_MS)))
    return replies.flatMap((r) => r.authors.map((a) => a.author)).sort()
  }

  private async startNodes(): Promise<StartedNode[]> {
    const config = this.runConfig()
    const indicesOf = (k: number) => this.indicesOf(k).filter((i) => i !== 0)
    const boot = await this.hosts[0].request({ op: 'start', config, indices: [0], bootstrapAddrs: [] }, START_TIMEOUT_MS)
    const bootstrapAddrs = boot.nodes[0].multiaddrs.filter((a) => a.includes('/p2p/'))
    if (bootstrapAddrs.length === 0) throw new SwarmError('bootstrap node reported no /p2p/ multiaddr')
    this.progress({ kind: 'phase', line: `bootstrap node 0 at ${bootstrapAddrs[0]}` })
    const rest = await Promise.all(
      this.hosts.map((h, k) => {
        const indices = indicesOf(k)
        if (indices.length === 0) return Promise.resolve({ op: 'start' as const, nodes: [] })
        return h.request({ op: 'start', config, indices, bootstrapAddrs }, START_TIMEOUT_MS)
      }),
    )
    return [...boot.nodes, ...rest.flatMap((r) => r.nodes)]
  }

  private async seed(byNode: Map<number, StartedNode>, fullMembership: boolean): Promise<void> {
    const { nodes, processes, seedPeers } = this.opts
    const addrOf = (i: number) => byNode.get(i)?.multiaddrs.find((a) => a.includes('/p2p/'))
    const perHost = this.hosts.map(() => [] as Array<{ node: number; peers: PeerAddress[]; known?: PeerAddress[] }>)
    const everyone = Array.from({ length: nodes }, (_, node) => ({ node, addr: addrOf(node) })).filter((p): p is PeerAddress => p.addr !== undefined)
    // Without a DHT the launcher is the discovery service: every node learns every address (no dials).
    const known = swarmStack(this.opts).dht === 'off' ? everyone : undefined
    for (let i = 0; i < nodes; i++) {
      const targets = fullMembership ? Array.from({ length: nodes }, (_, j) => j).filter((j) => j !== i) : seedTargets(i, nodes, seedPeers)
      const peers = targets.flatMap((node) => {
        const addr = addrOf(node)
        return addr === undefined ? [] : [{ node, addr }]
      })
      if (peers.length > 0 || known !== undefined) perHost[hostOf(i, nodes, processes)].push({ node: i, peers, known: known?.filter((p) => p.node !== i) })
    }
    await Promise.all(this.hosts.map((h, k) => (perHost[k].length > 0 ? h.request({ op: 'connect', links: perHost[k] }, START_TIMEOUT_MS) : undefined)))
  }

  /**
   * Gossiping kinds need a mesh (and the DHT a routing table); all-to-all kinds need a connection to every other
   * node, else their first epochs measure connection set-up (n(n-1)/2 noise handshakes) instead of the protocol.
   */
  private async waitHealthy(needMesh: boolean, needDht: boolean, needAllPeers: boolean): Promise<boolean> {
    const { nodes } = this.opts
    const meshTarget = Math.min(3, nodes - 1)
    const start = performance.now()
    // Mesh degree alone is reached long before start-up dialing ends: at n=100 the pre-dials of the aggregator set
    // (~1,900 connections) went on for 40 s after the mesh was ready, and the idle window measured their handshakes.
    // So also wait until the swarm's connection count has held still for SETTLED_POLLS polls.
    let connections = -1
    let stillPolls = 0
    for (;;) {
      const { stats } = await this.collectStats()
      const meshReady = needMesh ? stats.filter((s) => s.meshPeers >= meshTarget).length : needAllPeers ? stats.filter((s) => s.peers >= nodes - 1).length : nodes
      const dhtReady = needDht ? stats.filter((s) => s.dhtPeers >= 1).length : nodes
      // Linear epochs: a node not yet connected to the aggregators it keeps would spend its first epochs dialing the
      // leaders (measured at n=100: ~3,000 timed-out start-up dials, then epochs without a quorum at the leader).
      const keptReady = stats.filter((s) => (s.keptConnected ?? 0) >= (s.keptPeers ?? 0)).length
      const total = stats.reduce((sum, s) => sum + s.connections, 0)
      stillPolls = total === connections ? stillPolls + 1 : 0
      connections = total
      const elapsedMs = performance.now() - start
      this.progress({ kind: 'health', nodes, meshReady, dhtReady, keptReady, elapsedMs })
      if (meshReady === nodes && dhtReady === nodes && keptReady === nodes && stillPolls >= SETTLED_POLLS) return true
      if (elapsedMs >= this.opts.healthTimeoutMs) return false
      await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS))
    }
  }

  private async collectStats(timeoutMs = STATS_TIMEOUT_MS): Promise<{ stats: NodeStats[]; eventLoopDelayMaxMs: number }> {
    const replies = await Promise.all(this.hosts.map((h) => h.request({ op: 'stats' }, timeoutMs)))
    return {
      stats: replies.flatMap((r) => r.stats),
      eventLoopDelayMaxMs: Math.max(0, ...replies.map((r) => r.eventLoopDelayMaxMs)),
    }
  }

  private cpuMs(): number {
    return this.hosts.reduce((sum, h) => sum + (cpuMsOf(h.pid) ?? 0), 0)
  }

  /**
   * CPU of the host processes over IDLE_WINDOW_MS after mesh formation (and IDLE_SETTLE_MS), per node per second:
   * what the stack costs with no protocol traffic. Cut short (and reported so) when a clock-driven kind's genesis comes first;
   * undefined when less than a second is left (and never measured once such a kind's epochs run: see the caller).
   */
  private async measureIdle(): Promise<{ cpuMsPerNodePerSecond: number | undefined; windowMs: number }> {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(IDLE_SETTLE_MS, this.genesisTime - Date.now() - IDLE_WINDOW_MS - 500))))
    const available = this.genesisTime - Date.now() - 500
    const windowMs = this.genesisTime > Date.now() ? Math.min(IDLE_WINDOW_MS, available) : IDLE_WINDOW_MS
    if (windowMs < 1000) return { cpuMsPerNodePerSecond: undefined, windowMs: 0 }
    const cpuStart = this.cpuMs()
    const start = performance.now()
    await new Promise((resolve) => setTimeout(resolve, windowMs))
    const elapsedMs = performance.now() - start
    return { cpuMsPerNodePerSecond: (this.cpuMs() - cpuStart) / this.opts.nodes / (elapsedMs / 1000), windowMs: elapsedMs }
  }

  /**
   * CPU now and byte counters right after, at wall-clock time `at` (at once if it has passed). A host too starved
   * to answer within the stats timeout gets one more, longer try; then the run fails with a one-line SwarmError.
   * Never rejects before it is awaited: the caller holds this promise while the epochs run.
   */
  private sampleAt(at: number): Promise<{ cpuMs: number; stats: NodeStats[]; eventLoopDelayMaxMs: number } | { error: string }> {
    return (async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())))
      const cpuMs = this.cpuMs()
      try {
        return { cpuMs, ...(await this.collectStats()) }
      } catch {
        try {
          return { cpuMs, ...(await this.collectStats(3 * STATS_TIMEOUT_MS)) }
        } catch (error) {
          return { error: `could not read the nodes' counters at the measurement window's edge: ${(error as Error).message}` }
        }
      }
    })()
  }

  private acceptOutcomes(outcomes: EpochOutcome[]): void {
    for (const outcome of outcomes) {
      this.outcomes.push(outcome)
      this.outcomeListener?.(outcome)
    }
  }

  /**
   * Resolves when every node resolved every measured epoch, or at the last epoch's resolution deadline (bounded
   * either way). Counts (node, epoch) pairs, not outcomes: a node that announces an epoch twice (approximate,
   * then certified after catch-up) must not end the wait while another node has not resolved it.
   */
  private awaitEpochs(schedule: EpochSchedule, book: OutcomeBook): Promise<void> {
    const { nodes } = this.opts
    const reported = new Set<number>()
    const report = (epoch: number) => {
      if (reported.has(epoch)) return
      reported.add(epoch)
      this.progress({ kind: 'epoch', view: this.epochView(epoch, book) })
    }
    return new Promise((resolve) => {
      const timers: NodeJS.Timeout[] = []
      const done = () => {
        for (const t of timers) clearTimeout(t)
        this.outcomeListener = undefined
        for (let e = schedule.firstEpoch; e <= schedule.lastEpoch; e++) report(e)
        resolve()
      }
      // An epoch's row is printed when all its nodes resolved it, or at its own deadline.
      for (let e = schedule.firstEpoch; e <= schedule.lastEpoch; e++) {
        timers.push(setTimeout(() => report(e), Math.max(0, resolutionDeadline(schedule, e) - Date.now())))
      }
      timers.push(setTimeout(done, Math.max(0, resolutionDeadline(schedule, schedule.lastEpoch) - Date.now())))
      const consider = (outcome: EpochOutcome) => {
        if (!book.add(outcome)) return
        if (book.resolvedIn(outcome.epoch) === nodes) report(outcome.epoch)
        if (book.complete) done()
      }
      for (const outcome of this.outcomes) consider(outcome)
      if (book.complete) done()
      else this.outcomeListener = consider
    })
  }

  private epochView(epoch: number, book: OutcomeBook): EpochView {
    const { nodes, byzantine } = this.opts
    return summarizeEpoch(
      epoch,
      book.epochOutcomes(epoch).filter((o) => o.node >= byzantine),
      nodes - byzantine,
    )
  }

  /**
   * What each node durably finalized, read from the nodes that keep a store: certificates adopted by catch-up are
   * stored without being announced. Pairs still unresolved get up to STORE_POLLS more periods (the nodes keep
   * running epochs, and catch-up needs a later epoch to trigger it); then whatever is missing is a real miss.
   */
  private async resolveFromStores(schedule: EpochSchedule, book: OutcomeBook): Promise<void> {
    for (let poll = 0; ; poll++) {
      const replies = await Promise.all(
        this.hosts.map((h) => h.request({ op: 'resolve', firstEpoch: schedule.firstEpoch, lastEpoch: schedule.lastEpoch }, STATS_TIMEOUT_MS).catch(() => undefined)),
      )
      for (const reply of replies) for (const outcome of reply?.outcomes ?? []) book.add(outcome)
      if (book.complete || poll >= STORE_POLLS || replies.every((r) => r === undefined || r.outcomes.length === 0)) return
      const missing = book.missing()
      this.progress({ kind: 'phase', line: `waiting for ${missing.length} unresolved node-epochs (e.g. node ${missing[0].node}, epoch ${missing[0].epoch})` })
      await new Promise((resolve) => setTimeout(resolve, schedule.epochPeriodMs))
    }
  }

  /** Hands the aggregate dashboard to the caller (`swarm --keep-open`): shutdown then leaves it serving the run's history. */
  detachDashboard(): AggregateDashboard | undefined {
    const aggregate = this.aggregate
    this.aggregate = undefined
    return aggregate
  }

  /** Stop every node, then make sure every host process is gone (SIGTERM, then SIGKILL by pid). Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      await this.aggregate?.close().catch(() => undefined)
      const hosts = this.hosts.filter((h) => h !== undefined)
      await Promise.all(hosts.filter((h) => h.alive).map((h) => h.request({ op: 'stop' }, STOP_TIMEOUT_MS).catch(() => undefined)))
      await Promise.all(hosts.map((h) => h.kill()))
    })()
    return this.shutdownPromise
  }
}
