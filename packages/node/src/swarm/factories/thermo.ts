/**
 * The real thing: each swarm node is a ThermoNode (libp2p Network + sans-I/O engine + LevelDB store; node 0 also
 * serves the HTTP API and dashboard). Two phases: `prepare` creates the node's data dir and mines its identity
 * ticket, so the launcher can hand every node the same genesis committee (all n identities); `start` then runs the
 * node with the launcher's genesis time. Byzantine nodes run the protocol's attack strategies inside the engine.
 */
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEd25519, createEngine, createStrategy, type EngineDeps, type EngineEvent, signReport } from '@thermotruth/protocol'
import { type NodeSettings, resolveSettings } from '../../config/index.js'
import type { Gossipsub } from '../../network/gossip-router.js'
import { initDataDir, ThermoNode } from '../../node/index.js'
import { parseSourceSpec } from '../../sources/index.js'
import type { EpochSummary } from '../../store/types.js'
import { dhtRoutingTableSize, dialAll, readTransferBytes, rememberPeers, swarmNetworkOptions } from '../stack.js'
import type { EpochOutcome, SwarmNode, SwarmNodeContext, SwarmNodeFactory, SwarmRunConfig } from '../types.js'

/** Client reports are submitted in ticks of this length (bounded work per tick). */
const REPORT_TICK_MS = 100
const MAX_REPORTS_PER_TICK = 5000

export function swarmDataDir(config: SwarmRunConfig, index: number): string {
  return join(tmpdir(), `thermotruth-swarm-${config.runId}`, `node-${index}`)
}

function settingsFor(ctx: Pick<SwarmNodeContext, 'config' | 'index' | 'port' | 'bootstrapAddrs'>): NodeSettings {
  const settings = resolveSettings({
    config: ctx.config.configFile,
    dataDir: swarmDataDir(ctx.config, ctx.index),
    listen: [`/ip4/127.0.0.1/tcp/${ctx.port}`],
    bootstrap: ctx.bootstrapAddrs,
    apiPort: 0,
    genesisTime: ctx.config.genesisTime,
    genesisCommittee: ctx.config.committee,
  })
  // The launcher's epoch period wins over the file's; every node applies the same override, so the genesis hash
  // (which covers the config) stays equal across the swarm.
  settings.config.genesis.epochPeriodMs = ctx.config.epochPeriodMs
  return settings
}

/** Ground truth of a simulated feed (sim:gauss:<mean>:<sigma>), to report errors in units of its sigma. */
function simTruth(settings: NodeSettings): Map<string, { mean: number; sigma: number }> {
  const truth = new Map<string, { mean: number; sigma: number }>()
  for (const feed of settings.config.feeds) {
    try {
      const spec = parseSourceSpec(feed.source)
      if (spec.kind === 'sim-gauss' && spec.sigma > 0) truth.set(feed.id, { mean: spec.mean, sigma: spec.sigma })
    } catch {
      // not a simulated source: no ground truth
    }
  }
  return truth
}

/**
 * Finality is measured here, as for the baselines: wall time from the epoch's start until the node has the epoch
 * durably finalized (onEpoch fires after the store write). The engine's own latencyMs uses the engine's last tick
 * time, which can be older than the moment it certified.
 */
function outcomeOf(index: number, summary: EpochSummary, peers: number, truth: Map<string, { mean: number; sigma: number }>, epochStart: number, finalizedAt = Date.now()): EpochOutcome {
  const values: Record<string, number> = {}
  let errorSigma: number | undefined
  for (const f of summary.feeds) {
    values[f.feed] = f.values[0]
    const t = truth.get(f.feed)
    if (t !== undefined) errorSigma = Math.max(errorSigma ?? 0, Math.abs(f.values[0] - t.mean) / t.sigma)
  }
  return {
    node: index,
    epoch: summary.epoch,
    status: summary.approximate ? 'approximate' : 'certified',
    finalityMs: finalizedAt - epochStart,
    digest: summary.recordDigest,
    values,
    temperature: summary.feeds[0]?.temperature,
    entropyBits: summary.feeds[0]?.entropyBits,
    peers,
    reports: summary.reportCount,
    errorSigma,
  }
}

async function prepareThermoNode(ctx: Pick<SwarmNodeContext, 'config' | 'index' | 'port' | 'bootstrapAddrs'>): Promise<{ author: string }> {
  const settings = settingsFor(ctx)
  // One miner thread per node: the host already runs many nodes on few cores.
  const init = await initDataDir(settings.dataDir, settings.config, { workers: 1 })
  return { author: init.publicKey }
}

async function startThermoNode(ctx: SwarmNodeContext): Promise<SwarmNode> {
  const settings = settingsFor(ctx)
  const truth = simTruth(settings)
  let messagesSent = 0
  let proposalBytes = 0
  // Counts what the engine sends, and runs the attack strategy on byzantine nodes.
  const engineFactory = (deps: EngineDeps) =>
    createEngine({
      ...deps,
      strategy: ctx.byzantine && ctx.config.attack ? createStrategy(ctx.config.attack) : undefined,
      colluders: ctx.byzantine ? ctx.config.byzantine : undefined,
      port: {
        publish: (topic, data) => {
          messagesSent++
          deps.port.publish(topic, data)
        },
        request: (id, peer, data) => {
          messagesSent++
          deps.port.request(id, peer, data)
        },
        // Linear epochs' direct messages; forwarded only when the node's driver offers them (else the engine
        // runs the gossip epoch, as it would with this port's `send` absent).
        send:
          deps.port.send === undefined
            ? undefined
            : (peer, data) => {
                messagesSent++
                deps.port.send?.(peer, data)
              },
        emit: (event: EngineEvent) => {
          if (event.type === 'proposed') proposalBytes = event.bytes
          deps.port.emit(event)
        },
      },
    })
  const node = await ThermoNode.start({
    settings,
    createEngine: engineFactory,
    api: ctx.index === 0 || ctx.config.apiOnEveryNode === true,
    syncWaitMs: 2000,
    // The swarm's shared stack settings (DHT, pings), as every other node kind of the run gets them.
    network: swarmNetworkOptions(ctx.config),
    log: process.env.SWARM_NODE_LOG ? (line) => process.stderr.write(`node ${ctx.index}: ${line}\n`) : undefined,
    onEpoch: (summary, self) => {
      const epochStart = ctx.config.genesisTime + summary.epoch * ctx.config.epochPeriodMs
      if (process.env.SWARM_NODE_LOG) {
        process.stderr.write(`node ${ctx.index}: epoch ${summary.epoch} ${summary.approximate ? 'approximate' : 'certified'} included ${summary.includedAuthors} endorsements ${summary.endorsements}/${summary.committeeSize} at +${Date.now() - epochStart} ms\n`)
      }
      ctx.onEpoch(outcomeOf(ctx.index, summary, self.network.peers().length, truth, epochStart))
    },
  })
  const libp2p = node.network.libp2p
  const pubsub = libp2p.services.pubsub as Gossipsub
  const proposalsTopic = node.engine.topics.proposals
  const reportTimers: NodeJS.Timeout[] = []
  let offered = ctx.config.reportsPerSecond
  const peerId = node.network.peerId

  return {
    multiaddrs: node.network.listenAddresses().map((a) => (a.includes('/p2p/') ? a : `${a}/p2p/${peerId}`)),
    apiUrl: node.apiServer?.url,
    async stats() {
      const connections = libp2p.getConnections()
      const connected = new Set(connections.map((c) => c.remotePeer.toString()))
      const kept = node.network.peerManager.keptPeers()
      return {
        node: ctx.index,
        bytes: await readTransferBytes(node.registry),
        connections: connections.length,
        peers: connected.size,
        meshPeers: pubsub.getMeshPeers(proposalsTopic).length,
        dhtPeers: dhtRoutingTableSize(libp2p),
        keptPeers: kept.length,
        keptConnected: kept.filter((id) => connected.has(id)).length,
        messagesSent,
        proposalBytes: proposalBytes || ctx.config.proposalBytes,
      }
    },
    async connect(peers, known = []) {
      await rememberPeers(libp2p, known)
      await dialAll(libp2p, peers.map((p) => p.addr))
    },
    // What the node durably finalized: includes certificates it adopted by catch-up, which it stores without
    // announcing, and its finality time is when the store got them.
    async resolved(firstEpoch, lastEpoch) {
      const out: EpochOutcome[] = []
      for (let epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
        const stored = await node.store.getEpoch(epoch)
        if (stored === undefined) continue
        const epochStart = ctx.config.genesisTime + epoch * ctx.config.epochPeriodMs
        out.push(outcomeOf(ctx.index, stored.summary, node.network.peers().length, truth, epochStart, stored.summary.finalizedAt))
      }
      return out
    },
    setLoad(reportsPerSecond) {
      offered = Math.max(0, reportsPerSecond)
    },
    run() {
      if (ctx.byzantine) return
      reportTimers.push(startReportLoad(node, settings.config.feeds[0]?.id, () => (offered * REPORT_TICK_MS) / 1000 / ctx.config.nodes, truth))
    },
    async stop() {
      for (const timer of reportTimers) clearInterval(timer)
      await node.stop()
      rmSync(settings.dataDir, { recursive: true, force: true })
    },
  }
}

/** Offers signed client reports at the current rate (fractional rates accumulate); bounded per tick. */
function startReportLoad(node: ThermoNode, feed: string | undefined, perTick: () => number, truth: Map<string, { mean: number; sigma: number }>): NodeJS.Timeout {
  const client = createEd25519()
  const base = (feed && truth.get(feed)?.mean) || 1
  let sequence = 1
  let owed = 0
  return setInterval(() => {
    if (feed === undefined) return
    owed += perTick()
    const count = Math.min(MAX_REPORTS_PER_TICK, Math.floor(owed))
    owed -= count
    for (let i = 0; i < count; i++) {
      const report = signReport({ feed, values: Float64Array.of(base), clientKey: client.publicKey, sequence: sequence++ }, client.sign)
      node.submitReport(report)
    }
  }, REPORT_TICK_MS)
}

export const thermoFactory: SwarmNodeFactory = { prepare: prepareThermoNode, start: startThermoNode }
