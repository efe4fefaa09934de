/**
 * The child side of the swarm: hosts a share of the swarm's nodes in this process and answers the launcher's
 * requests. Nodes in one process share the event loop (~6x cheaper than one process per node on this machine).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { loadFactory } from './factories/index.js'
import type { HostReplyBody, HostRequest, HostToLauncher, LauncherToHost, StartedNode } from './ipc-protocol.js'
import type { EpochOutcome, SwarmNode, SwarmRunConfig } from './types.js'

/** How many nodes of one host start concurrently (bounded so start-up handshakes do not time out). */
const START_BATCH = 10
const STOP_TIMEOUT_MS = 3000

const portOf = (config: SwarmRunConfig, index: number): number => (config.basePort === 0 ? 0 : config.basePort + index)

export class NodeHost {
  private readonly nodes = new Map<number, SwarmNode>()
  private pendingOutcomes: EpochOutcome[] = []
  private flushScheduled = false
  /** 100 ms: the stalls worth reporting last hundreds of ms; a 20 ms timer cost ~2.4 ms of CPU per second idle. */
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 100 })
  private stopping: Promise<void> | undefined

  constructor(private readonly send: (message: HostToLauncher) => void) {
    this.loopDelay.enable()
  }

  async handle(message: LauncherToHost): Promise<void> {
    try {
      const body = await this.dispatch(message.request)
      this.send({ kind: 'reply', id: message.id, ok: true, body })
    } catch (error) {
      this.send({ kind: 'reply', id: message.id, ok: false, error: (error as Error)?.message ?? String(error) })
    }
  }

  private async dispatch(request: HostRequest): Promise<HostReplyBody> {
    switch (request.op) {
      case 'prepare':
        return { op: 'prepare', authors: await this.prepareNodes(request.config, request.indices) }
      case 'start':
        return { op: 'start', nodes: await this.startNodes(request.config, request.indices, request.bootstrapAddrs) }
      case 'connect':
        await Promise.all(request.links.map((link) => this.nodes.get(link.node)?.connect(link.peers, link.known)))
        return { op: 'connect' }
      case 'stats': {
        const stats = await Promise.all([...this.nodes.values()].map((node) => node.stats()))
        const body: HostReplyBody = {
          op: 'stats',
          stats,
          rssBytes: process.memoryUsage.rss(),
          heapUsedBytes: process.memoryUsage().heapUsed,
          eventLoopDelayMaxMs: this.loopDelay.max / 1e6,
        }
        this.loopDelay.reset()
        return body
      }
      case 'run':
        for (const node of this.nodes.values()) node.run(request.schedule)
        return { op: 'run' }
      case 'resolve': {
        const lists = await Promise.all([...this.nodes.values()].map((node) => node.resolved?.(request.firstEpoch, request.lastEpoch) ?? []))
        return { op: 'resolve', outcomes: lists.flat() }
      }
      case 'load':
        for (const node of this.nodes.values()) node.setLoad?.(request.reportsPerSecond)
        return { op: 'load' }
      case 'stop':
        await this.stopAll()
        return { op: 'stop' }
    }
  }

  private async prepareNodes(config: SwarmRunConfig, indices: number[]): Promise<Array<{ node: number; author: string }>> {
    const factory = await loadFactory(config.factory)
    const out: Array<{ node: number; author: string }> = []
    for (const index of indices) {
      const prepared = await factory.prepare?.({ config, index, port: portOf(config, index), bootstrapAddrs: [] })
      if (prepared) out.push({ node: index, author: prepared.author })
    }
    return out
  }

  private async startNodes(config: SwarmRunConfig, indices: number[], bootstrapAddrs: string[]): Promise<StartedNode[]> {
    const factory = await loadFactory(config.factory)
    const started: StartedNode[] = []
    for (let i = 0; i < indices.length; i += START_BATCH) {
      const batch = indices.slice(i, i + START_BATCH)
      const nodes = await Promise.all(
        batch.map((index) =>
          factory.start({
            index,
            config,
            bootstrapAddrs,
            port: portOf(config, index),
            byzantine: index < config.byzantine,
            onEpoch: (outcome) => this.queueOutcome(outcome),
          }),
        ),
      )
      batch.forEach((index, k) => {
        this.nodes.set(index, nodes[k])
        started.push({ node: index, multiaddrs: nodes[k].multiaddrs, apiUrl: nodes[k].apiUrl })
      })
    }
    return started
  }

  /** Outcomes are batched per event-loop turn: at n=100 one IPC message per outcome would cost more than the work. */
  private queueOutcome(outcome: EpochOutcome): void {
    this.pendingOutcomes.push(outcome)
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      const outcomes = this.pendingOutcomes
      this.pendingOutcomes = []
      this.send({ kind: 'epoch', outcomes })
    })
  }

  /** Idempotent, bounded: a node that does not stop within the timeout is abandoned (the process exits next). */
  stopAll(): Promise<void> {
    this.stopping ??= Promise.all(
      [...this.nodes.values()].map((node) =>
        Promise.race([node.stop().catch(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())]),
      ),
    ).then(() => {
      this.loopDelay.disable()
    })
    return this.stopping
  }
}
