/**
 * The swarm launcher: spreads N nodes over P host processes, bootstraps them through node 0, seeds a few direct
 * neighbours, waits (bounded) for the mesh and DHT, runs E clock-driven epochs, measures CPU from /proc and bytes
 * from each node's counters, and shuts everything down (stop, then SIGTERM, then SIGKILL by pid).
 */
import { type AggregateDashboard, startAggregateDashboard } from './aggregate.js'
import { HostHandle } from './host-handle.js'
import type { StartedNode } from './ipc-protocol.js'
import { busyPorts, portRangeError } from './ports.js'
import { cpuMsOf, rssBytesOf } from './proc-stats.js'
import { type EpochView, type SwarmSummary, summarizeEpoch, summarizeSwarm } from './summary.js'
import type { EpochOutcome, EpochSchedule, NodeStats, PeerAddress, SwarmRunConfig } from './types.js'
import { nodeKind } from './factories/index.js'

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
}

export type SwarmProgress =
  | { kind: 'phase'; line: string }
  | { kind: 'health'; nodes: number; meshReady: number; dhtReady: number; elapsedMs: number }
  | { kind: 'epoch'; view: EpochView }
  | { kind: 'log'; line: string }

export class SwarmError extends Error {
  override name = 'SwarmError'
}

const START_TIMEOUT_MS = 120_000
const STATS_TIMEOUT_MS = 20_000
const STOP_TIMEOUT_MS = 10_000
const HEALTH_POLL_MS = 500
/** Extra wait for stragglers after the last epoch's deadline. */
const TAIL_MS = 2000

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
    const started = await this.startNodes()
    const startupMs = performance.now() - t0
    const byNode = new Map(started.map((s) => [s.node, s]))
    const apiUrl = byNode.get(0)?.apiUrl
    if (apiUrl !== undefined) this.progress({ kind: 'phase', line: `node 0 API and dashboard: ${apiUrl}` })
    await this.startAggregate(started)
    await this.seed(byNode, factory.fullMembership === true)

    const meshStart = performance.now()
    const healthy = await this.waitHealthy(factory.meshTopic !== undefined, factory.usesDht)
    const meshMs = performance.now() - meshStart
    this.progress({ kind: 'phase', line: `${healthy ? 'mesh and DHT ready' : 'health wait expired (continuing)'} after ${(meshMs / 1000).toFixed(1)} s` })

    const statsBefore = (await this.collectStats()).stats
    const cpuBefore = this.cpuMs()
    // The first measured epoch starts after a lead that lets the 'run' message reach every host.
    const lead = 1000 + 10 * nodes
    const period = this.opts.epochPeriodMs
    const firstEpoch = Math.ceil((Date.now() + lead - this.genesisTime) / period)
    const schedule: EpochSchedule = { genesisTime: this.genesisTime, epochPeriodMs: period, firstEpoch, lastEpoch: firstEpoch + epochs - 1 }
    await Promise.all(this.hosts.map((h) => h.request({ op: 'run', schedule }, STATS_TIMEOUT_MS)))
    this.progress({ kind: 'phase', line: `running ${epochs} epochs of ${this.opts.epochPeriodMs} ms` })
    await this.awaitEpochs(schedule)
    const cpuMsDelta = this.cpuMs() - cpuBefore
    const after = await this.collectStats()
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
      outcomes: this.outcomes,
      statsBefore,
      statsAfter: after.stats,
      cpuMsDelta,
      rssBytesTotal,
      healthy,
      startupMs,
      meshMs,
      eventLoopDelayMaxMs: after.eventLoopDelayMaxMs,
      apiUrl: byNode.get(0)?.apiUrl,
    })
  }

  /** Epoch 0 starts when the launcher starts: clock-driven nodes run epochs while the mesh forms; only the
   * epochs after the health check are measured. */
  private readonly genesisTime = Date.now()
  private readonly runId = `${this.genesisTime.toString(36)}-${process.pid}`
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
    const perHost = this.hosts.map(() => [] as Array<{ node: number; peers: PeerAddress[] }>)
    for (let i = 0; i < nodes; i++) {
      const targets = fullMembership ? Array.from({ length: nodes }, (_, j) => j).filter((j) => j !== i) : seedTargets(i, nodes, seedPeers)
      const peers = targets.flatMap((node) => {
        const addr = addrOf(node)
        return addr === undefined ? [] : [{ node, addr }]
      })
      if (peers.length > 0) perHost[hostOf(i, nodes, processes)].push({ node: i, peers })
    }
    await Promise.all(this.hosts.map((h, k) => (perHost[k].length > 0 ? h.request({ op: 'connect', links: perHost[k] }, START_TIMEOUT_MS) : undefined)))
  }

  private async waitHealthy(needMesh: boolean, needDht: boolean): Promise<boolean> {
    const { nodes } = this.opts
    const meshTarget = Math.min(3, nodes - 1)
    const start = performance.now()
    for (;;) {
      const { stats } = await this.collectStats()
      const meshReady = needMesh ? stats.filter((s) => s.meshPeers >= meshTarget).length : nodes
      const dhtReady = needDht ? stats.filter((s) => s.dhtPeers >= 1).length : nodes
      const elapsedMs = performance.now() - start
      this.progress({ kind: 'health', nodes, meshReady, dhtReady, elapsedMs })
      if (meshReady === nodes && dhtReady === nodes) return true
      if (elapsedMs >= this.opts.healthTimeoutMs) return false
      await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS))
    }
  }

  private async collectStats(): Promise<{ stats: NodeStats[]; eventLoopDelayMaxMs: number }> {
    const replies = await Promise.all(this.hosts.map((h) => h.request({ op: 'stats' }, STATS_TIMEOUT_MS)))
    return {
      stats: replies.flatMap((r) => r.stats),
      eventLoopDelayMaxMs: Math.max(0, ...replies.map((r) => r.eventLoopDelayMaxMs)),
    }
  }

  private cpuMs(): number {
    return this.hosts.reduce((sum, h) => sum + (cpuMsOf(h.pid) ?? 0), 0)
  }

  private acceptOutcomes(outcomes: EpochOutcome[]): void {
    for (const outcome of outcomes) {
      this.outcomes.push(outcome)
      this.outcomeListener?.(outcome)
    }
  }

  /** Resolves when every node reported every epoch, or at the last epoch's deadline (bounded either way). */
  private awaitEpochs(schedule: EpochSchedule): Promise<void> {
    const { nodes, byzantine } = this.opts
    const honest = nodes - byzantine
    const expected = nodes * (schedule.lastEpoch - schedule.firstEpoch + 1)
    const perEpoch = new Map<number, EpochOutcome[]>()
    const reported = new Set<number>()
    const report = (epoch: number) => {
      if (reported.has(epoch)) return
      reported.add(epoch)
      this.progress({ kind: 'epoch', view: summarizeEpoch(epoch, (perEpoch.get(epoch) ?? []).filter((o) => o.node >= byzantine), honest) })
    }
    const periods = Math.min(3 * schedule.epochPeriodMs, 60_000)
    const deadline = schedule.genesisTime + schedule.lastEpoch * schedule.epochPeriodMs + periods + TAIL_MS
    return new Promise((resolve) => {
      let count = 0
      const timers: NodeJS.Timeout[] = []
      const done = () => {
        for (const t of timers) clearTimeout(t)
        this.outcomeListener = undefined
        for (let e = schedule.firstEpoch; e <= schedule.lastEpoch; e++) report(e)
        resolve()
      }
      // An epoch's row is printed when all its outcomes are in, or at its own deadline.
      for (let e = schedule.firstEpoch; e <= schedule.lastEpoch; e++) {
        const epochDeadline = schedule.genesisTime + e * schedule.epochPeriodMs + periods + TAIL_MS
        timers.push(setTimeout(() => report(e), Math.max(0, epochDeadline - Date.now())))
      }
      timers.push(setTimeout(done, Math.max(0, deadline - Date.now())))
      const consider = (outcome: EpochOutcome) => {
        if (outcome.epoch < schedule.firstEpoch || outcome.epoch > schedule.lastEpoch) return
        const list = perEpoch.get(outcome.epoch) ?? []
        list.push(outcome)
        perEpoch.set(outcome.epoch, list)
        count++
        if (list.length === nodes) report(outcome.epoch)
        if (count >= expected) done()
      }
      for (const outcome of this.outcomes) consider(outcome)
      this.outcomeListener = consider
    })
  }

  /** Stop every node, then make sure every host process is gone (SIGTERM, then SIGKILL by pid). Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      await this.aggregate?.close()
      const hosts = this.hosts.filter((h) => h !== undefined)
      await Promise.all(hosts.filter((h) => h.alive).map((h) => h.request({ op: 'stop' }, STOP_TIMEOUT_MS).catch(() => undefined)))
      await Promise.all(hosts.map((h) => h.kill()))
    })()
    return this.shutdownPromise
  }
}
