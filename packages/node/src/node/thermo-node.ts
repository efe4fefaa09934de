import { type Engine, createEngine, LINEAR_LIMITS, decodeFinalityCertificate, encodeFinalityCertificate, type FinalityCertificate, type ReportSubmission, type ClientReport, createEd25519 } from '@thermotruth/protocol'
import { createEnergyMeter, expectedHashes } from '@thermotruth/pow'
import { LevelDatastore } from 'datastore-level'
import { Registry } from 'prom-client'
import { type ApiServer, startApiServer } from '../api/server.js'
import type { ApiBackend, NodeStatusView } from '../api/types.js'
import { genesisHashOf } from '../config/genesis.js'
import { resolveGenesisTime } from '../config/genesis-time.js'
import type { NodeSettings } from '../config/settings.js'
import { NodeMetrics } from '../metrics/node-metrics.js'
import { type CreateNetworkOptions, createNetwork, type Libp2pNetwork } from '../network/network.js'
import { createPowTicketGate } from '../network/pow-ticket-gate.js'
import { createObservationSource } from '../sources/create.js'
import { dataDirPaths } from '../store/data-dir.js'
import { NodeStore } from '../store/node-store.js'
import type { EpochSummary } from '../store/types.js'
import { clearApiEndpoint, writeApiEndpoint } from './api-endpoint.js'
import { AppScores } from './app-scores.js'
import { createCertificateVerifier } from './certificate-check.js'
import { EngineClock } from './engine-clock.js'
import { engineConfigOf } from './engine-config.js'
import type { CertificateVerifier, EngineFactory } from './engine-types.js'
import { EngineEventSink } from './event-sink.js'
import { loadIdentity, type NodeIdentity } from './identity.js'
import { Observer } from './observer.js'
import { epochEventDetail } from './epoch-event.js'
import { summarizeCertificate } from './epoch-summary.js'
import { syncHistory } from './sync.js'
import { DIRECT_PROTOCOL, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES, SYNC_PROTOCOL, serveSyncRequest } from './sync-protocol.js'
import type { DirectChannel } from '../network/direct-channel.js'

export interface ThermoNodeOptions {
  settings: NodeSettings
  /** Default: the protocol's `createEngine`. */
  createEngine?: EngineFactory
  /** Default: `createCertificateVerifier` over the network id and genesis committee. */
  verifyCertificate?: CertificateVerifier
  /** false = no HTTP API (in-process swarms that read state directly). */
  api?: boolean
  now?: () => number
  log?: (line: string) => void
  /** Each finalized epoch once durable (the CLI prints it; the swarm launcher measures it). */
  onEpoch?: (summary: EpochSummary, node: ThermoNode) => void
  onSyncProgress?: (fetched: number, nextEpoch: number, untilEpoch: number) => void
  /** How long sync-on-start waits for a first ticketed peer (0 = do not wait). Default 10 s with bootstrap peers. */
  syncWaitMs?: number
  /** How long a node without genesis committee and history keeps asking for a first certificate. Default 60 s. */
  historyWaitMs?: number
  network?: Partial<CreateNetworkOptions>
}

/** Certificates handed to `engine.restore` on start: enough for the chain head and ticket anchors. */
const RESTORE_CERTIFICATES = 64
const ENGINE_REQUEST_TIMEOUT_FRACTION = 0.5
const SYNC_REQUEST_TIMEOUT_MS = 15_000

/**
 * One ThermoNode: the libp2p Network, the sans-I/O engine, the LevelDB store, observation sources and the HTTP
 * API. It owns every timer and socket the engine must not touch, and persists each finalized epoch before it is
 * announced. Lifecycle: `ThermoNode.start(opts)` → running → `stop()`.
 */
export class ThermoNode implements ApiBackend {
  readonly events = new EventTarget()
  readonly registry: Registry
  readonly feeds: readonly string[]
  apiServer: ApiServer | undefined
  private readonly metrics: NodeMetrics
  private readonly clock: EngineClock
  private readonly observer: Observer
  private readonly sink: EngineEventSink
  private readonly appScores: AppScores
  private readonly energy = createEnergyMeter()
  private readonly startedAt: number
  private readonly verifyCertificate: CertificateVerifier
  private syncState: NodeStatusView['sync'] = { state: 'starting', fetched: 0 }
  private direct: DirectChannel | undefined
  private wantedKey = ''
  private latestEpoch: number | undefined
  /** The newest certificate in the store (sync and catch-up continue from it). */
  private lastCertificate: FinalityCertificate | undefined
  private catchingUp = false
  private stopped = false

  private constructor(
    private readonly opts: ThermoNodeOptions,
    readonly store: NodeStore,
    private readonly peerStore: LevelDatastore,
    readonly identity: NodeIdentity,
    readonly network: Libp2pNetwork,
    readonly engine: Engine,
    readonly genesisTime: number,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
    /** Ticket anchors by epoch (0: genesis hash, then record digests); the identity gate reads the same map. */
    private readonly anchors: Map<number, Uint8Array>,
    /** No genesis committee and no history: the engine cannot know a committee until sync brings a certificate. */
    private readonly needsHistory: boolean,
  ) {
    const { config } = opts.settings
    this.registry = network.metrics
    this.feeds = config.feeds.map((f) => f.id)
    this.startedAt = now()
    this.verifyCertificate = opts.verifyCertificate ?? createCertificateVerifier({ networkId: config.network, genesisCommittee: opts.settings.genesisCommittee, checkpoint: opts.settings.checkpoint })
    this.appScores = new AppScores((author, score) => this.network.setApplicationScore(this.network.peerIdOf(author), score))
    this.metrics = new NodeMetrics(this.registry, {
      peers: () => this.network.peers(),
      engineStatus: () => this.engine.status(),
      joulesByKind: () => Object.fromEntries(Object.entries(this.energy.account().byKind).map(([k, t]) => [k, t.actualJoules])),
      nodeStatus: () => ({ sync: this.syncState, latestEpoch: this.latestEpoch }),
      ticketExpiryEpoch: () => identity.ticket.anchorEpoch + config.genesis.ticketValidityEpochs - 1,
      temperatureThreshold: config.genesis.temperatureThreshold,
    })
    this.energy.record('ticket', identity.ticket.bits, expectedHashes(identity.ticket.bits))
    this.clock = new EngineClock(engine, now, (error) => this.log(`engine tick failed: ${(error as Error).stack ?? error}`))
    const sourceOpts = { timeoutMs: Math.min(5000, Math.max(200, config.genesis.epochPeriodMs * 0.4)), seed: identity.publicKey }
    this.observer = new Observer(
      config.feeds.map((f) => createObservationSource(f.id, f.source, sourceOpts)),
      { genesisTime, epochPeriodMs: config.genesis.epochPeriodMs, now },
      (feed, values) => {
        try {
          this.engine.observe(feed, values)
          this.clock.poke()
        } catch (error) {
          this.log(`feed ${feed}: engine refused the observation (${(error as Error).message})`)
        }
      },
      log,
    )
    this.sink = new EngineEventSink(store, {
      onFinalized: (summary, certificate) => this.onFinalized(summary, certificate),
      onPenalty: (author, reason) => this.appScores.penalize(author, reason),
      onEquivocation: (author) => this.appScores.equivocated(author),
      onEviction: ({ author, untilEpoch, reputation }) =>
        this.events.dispatchEvent(new CustomEvent('eviction', { detail: { epoch: this.engine.status().epoch, author, untilEpoch, reputation } })),
      onProposed: () => {
        const bits = Math.round(this.engine.status().difficulty)
        this.energy.record('stamp', bits, expectedHashes(bits))
        this.keepAggregatorsConnected()
      },
      log,
      now,
      epochStartMs: (epoch) => genesisTime + epoch * config.genesis.epochPeriodMs,
    })
  }

  /** Opens the data dir, starts libp2p and the API, syncs missed history, then joins the epoch schedule. */
  static async start(opts: ThermoNodeOptions): Promise<ThermoNode> {
    const { settings } = opts
    const { config } = settings
    const now = opts.now ?? Date.now
    const log = opts.log ?? (() => {})
    const paths = dataDirPaths(settings.dataDir)
    const store = await NodeStore.open(paths.db, { create: false })
    const peerStore = new LevelDatastore(paths.peerStore)
    let network: Libp2pNetwork | undefined
    try {
      const identity = await loadIdentity(settings.dataDir, store, config.network)
      const genesisTime = settings.genesisTime ?? resolveGenesisTime(config.genesis.time, now())
      const genesisHash = genesisHashOf(config)
      const author = Buffer.from(identity.publicKey).toString('hex')
      const hasHistory = (await store.latestEpoch()) !== undefined
      // Open genesis on a one-machine network: a node with no bootstrap peers and no history founds the chain as its
      // only genesis member; everyone else joins by syncing its certificates (see syncOnStart).
      const founder = settings.genesisCommittee.length === 0 && config.profile === 'local' && settings.bootstrap.length === 0 && !hasHistory
      const genesisCommittee = founder ? [author] : settings.genesisCommittee
      await peerStore.open()
      const anchors = new Map<number, Uint8Array>([[0, genesisHash]])
      const currentEpoch = (): number => Math.floor((now() - genesisTime) / config.genesis.epochPeriodMs)
      network = await createNetwork({
        privateKey: identity.privateKey,
        networkId: config.network,
        ticketGate: createPowTicketGate({
          ticket: identity.ticket,
          policy: () => ({
            networkId: config.network,
            minBits: config.genesis.identityBits,
            validForEpochs: config.genesis.ticketValidityEpochs,
            currentEpoch: Math.max(0, currentEpoch()),
            anchorFor: (epoch) => anchors.get(epoch),
          }),
        }),
        profile: config.profile,
        listen: settings.listen,
        announce: settings.announce,
        bootstrap: settings.bootstrap,
        datastore: peerStore,
        registry: new Registry(),
        log: (line) => log(`net: ${line}`),
        ...opts.network,
      })
      // The engine calls out through the port; `node` is assigned right after, before anything can call it.
      let node: ThermoNode | undefined
      const engine = (opts.createEngine ?? createEngine)({
        config: engineConfigOf(config, { time: genesisTime, hash: genesisHash, committee: genesisCommittee }),
        identity: { publicKey: identity.publicKey, ticket: identity.ticket },
        crypto: createEd25519(identity.privateKey.raw.subarray(0, 32)),
        port: {
          publish: (topic, data) => node?.publish(topic, data),
          request: (id, peer, data) => node?.engineRequest(id, peer, data),
          send: (peer, data) => node?.sendDirect(peer, data),
          emit: (event) => node?.sink.handle(event),
        },
      })
      node = new ThermoNode(opts, store, peerStore, identity, network, engine, genesisTime, now, log, anchors, genesisCommittee.length === 0 && !hasHistory)
      if (founder) log(`founding network '${config.network}' with this node as the genesis committee`)
      try {
        await node.boot()
      } catch (error) {
        // The node owns every resource now (API server included): one stop releases them all.
        await node.stop().catch(() => {})
        throw error
      }
      return node
    } catch (error) {
      await network?.stop().catch(() => {})
      await peerStore.close().catch(() => {})
      await store.close().catch(() => {})
      throw error
    }
  }

  private async boot(): Promise<void> {
    const restored = await this.restoreFromStore()
    await this.network.handle(SYNC_PROTOCOL, (from, bytes) => serveSyncRequest(bytes, this.store, (b) => this.engine.handleRequest(this.network.authorOf(from), b)), MAX_REQUEST_BYTES)
    // Gossipsub accepts subscriptions only once started.
    await this.network.start()
    this.direct = await this.network.openDirect(DIRECT_PROTOCOL, LINEAR_LIMITS.bytes.direct, (from, frame) => {
      if (this.stopped) return
      let author: string
      try {
        author = this.network.authorOf(from)
      } catch {
        return
      }
      this.engine.deliver(author, frame, this.now())
      this.clock.poke()
    })
    for (const topic of Object.values(this.engine.topics)) {
      this.network.subscribe(
        topic,
        (from, data) => {
          const verdict = this.engine.receive(this.network.authorOf(from), topic, data, this.now())
          this.clock.poke()
          return verdict.action
        },
        () => {},
      )
    }
    // A kept aggregator that has just passed the identity gate gets its direct stream now, not in the first epoch.
    this.network.addEventListener('peer:ticketed', (event) => {
      const { peerId } = (event as CustomEvent<{ peerId: string }>).detail
      if (this.network.peerManager.keptPeers().includes(peerId)) this.direct?.warm(peerId)
    })
    for (const type of ['peer:ticketed', 'peer:rejected', 'peer:disconnected']) {
      this.network.addEventListener(type, (event) => {
        this.events.dispatchEvent(new CustomEvent('peer', { detail: { event: type.slice(5), ...(event as CustomEvent<object>).detail } }))
      })
    }
    if (this.opts.api !== false) {
      const { apiHost, apiPort, metricsPort, dataDir } = this.opts.settings
      this.apiServer = await startApiServer(this, { host: apiHost, port: apiPort, metricsPort })
      writeApiEndpoint(dataDir, this.apiServer.url)
    }
    await this.syncOnStart(restored)
    this.syncState = { ...this.syncState, state: 'synced' }
    this.observer.start()
    this.clock.start()
    this.keepAggregatorsConnected()
  }

  private async restoreFromStore(): Promise<FinalityCertificate | undefined> {
    const summaries = (await this.store.recentSummaries(RESTORE_CERTIFICATES * 2)).filter((s) => !s.approximate).slice(0, RESTORE_CERTIFICATES)
    const certificates: FinalityCertificate[] = []
    for (const summary of summaries.reverse()) {
      const stored = await this.store.getEpoch(summary.epoch)
      if (stored !== undefined) certificates.push(decodeFinalityCertificate(stored.bytes))
      setRecordAnchor(this.anchors, summary.epoch, summary.recordDigest)
    }
    this.latestEpoch = await this.store.latestEpoch()
    this.lastCertificate = certificates.at(-1)
    if (certificates.length > 0) {
      this.engine.restore(certificates)
      this.log(`restored ${certificates.length} certificates from the store (latest epoch ${this.latestEpoch})`)
    }
    return certificates.at(-1)
  }

  private currentEpoch(): number {
    return Math.floor((this.now() - this.genesisTime) / this.opts.settings.config.genesis.epochPeriodMs)
  }

  /**
   * Fetches and verifies missed certificates before participating (skipped when no ticketed peer shows up). A node
   * that needs history (no genesis committee, empty store) keeps asking, once per epoch, until a first certificate
   * arrives or `historyWaitMs` passes: without one its engine cannot know the committee.
   */
  private async syncOnStart(previous: FinalityCertificate | undefined): Promise<void> {
    const waitMs = this.opts.syncWaitMs ?? (this.opts.settings.bootstrap.length > 0 ? 10_000 : 0)
    const deadline = this.now() + waitMs
    while (!this.stopped && this.ticketedPeers().length === 0 && this.now() < deadline) await sleep(100)
    const historyDeadline = this.now() + (this.needsHistory ? (this.opts.historyWaitMs ?? 60_000) : 0)
    let fetched = 0
    for (;;) {
      const batch = await this.syncOnce(previous, fetched)
      fetched += batch.length
      previous = batch.at(-1) ?? previous
      if (!this.needsHistory || fetched > 0 || this.stopped || this.now() >= historyDeadline) break
      await sleep(this.opts.settings.config.genesis.epochPeriodMs)
    }
    if (this.needsHistory && fetched === 0) this.log('sync: no certificate from any peer yet; joining without a committee (epochs stay approximate until one certifies)')
    this.syncState = { state: 'synced', fetched, target: this.syncState.target }
    if (fetched > 0) this.log(`sync: fetched and verified ${fetched} certificates`)
  }

  private ticketedPeers(): string[] {
    return this.network
      .peers()
      .filter((p) => p.ticketed)
      .map((p) => p.peerId)
  }

  private async syncOnce(previous: FinalityCertificate | undefined, fetchedBefore: number, background = false): Promise<FinalityCertificate[]> {
    const untilEpoch = this.currentEpoch()
    const fromEpoch = previous === undefined ? Math.max(0, (this.latestEpoch ?? -1) + 1) : previous.record.epoch + 1
    if (this.ticketedPeers().length === 0 || fromEpoch >= untilEpoch) return []
    if (!background) this.syncState = { state: 'syncing', fetched: fetchedBefore, target: untilEpoch }
    const result = await syncHistory({
      fromEpoch,
      untilEpoch,
      previous,
      peers: () => this.ticketedPeers(),
      request: (peerId, bytes) => this.network.request(peerId, SYNC_PROTOCOL, bytes, { timeoutMs: SYNC_REQUEST_TIMEOUT_MS, maxResponseBytes: MAX_RESPONSE_BYTES }),
      verify: this.verifyCertificate,
      save: async (certificate) => {
        const summary = summarizeCertificate(certificate, 0, this.now())
        await this.store.saveEpoch({ summary, bytes: encodeFinalityCertificate(certificate) })
        setRecordAnchor(this.anchors, summary.epoch, summary.recordDigest)
        this.latestEpoch = Math.max(this.latestEpoch ?? -1, summary.epoch)
        this.lastCertificate = certificate
      },
      onProgress: (fetched, nextEpoch) => {
        if (background) return
        this.syncState = { state: 'syncing', fetched: fetchedBefore + fetched, target: untilEpoch }
        this.opts.onSyncProgress?.(fetchedBefore + fetched, nextEpoch, untilEpoch)
      },
      log: this.log,
    })
    if (result.fetched.length > 0) this.engine.restore(result.fetched)
    return result.fetched
  }

  private onFinalized(summary: EpochSummary, certificate: FinalityCertificate | undefined): void {
    this.latestEpoch = Math.max(this.latestEpoch ?? -1, summary.epoch)
    if (certificate !== undefined) {
      setRecordAnchor(this.anchors, summary.epoch, summary.recordDigest)
      if (this.lastCertificate === undefined || certificate.record.epoch > this.lastCertificate.record.epoch) this.lastCertificate = certificate
    } else this.catchUp()
    this.appScores.decay()
    this.metrics.onEpoch(summary)
    const live = { temperatureThreshold: this.opts.settings.config.genesis.temperatureThreshold, joulesSpent: this.energy.account().actualJoules, peers: this.network.peers() }
    this.events.dispatchEvent(new CustomEvent('epoch', { detail: epochEventDetail(summary, certificate, live) }))
    this.opts.onEpoch?.(summary, this)
  }

  /**
   * After an approximate epoch, ask peers for certificates newer than ours: the network may have certified epochs
   * this node could not (it fell behind, or restarted). Verified ones replace our approximate records in the store
   * and go to `engine.restore`. At most one catch-up runs at a time; each is one bounded sync.
   */
  private catchUp(): void {
    if (this.catchingUp || this.stopped || this.syncState.state !== 'synced') return
    this.catchingUp = true
    this.syncOnce(this.lastCertificate, 0, true)
      .then((fetched) => {
        if (fetched.length > 0) this.log(`catch-up: fetched and verified ${fetched.length} certificates up to epoch ${fetched.at(-1)!.record.epoch}`)
      })
      .catch((error: unknown) => this.log(`catch-up failed: ${(error as Error).message}`))
      .finally(() => {
        this.catchingUp = false
      })
  }

  private publish(topic: string, data: Uint8Array): void {
    this.network.publish(topic, data).catch((error: unknown) => this.log(`publish on ${topic} failed: ${(error as Error).message}`))
  }

  /**
   * Linear epochs: stay connected to the aggregator set of this epoch and the next (the engine's wantedPeers), so no
   * epoch's leader pays for a handshake (~28 ms of CPU per connection on this stack). Called once per epoch; the
   * peer manager only acts when the set changes.
   */
  private keepAggregatorsConnected(): void {
    if (this.stopped) return
    const wanted: string[] = []
    for (const author of this.engine.wantedPeers()) {
      try {
        wanted.push(this.network.peerIdOf(author))
      } catch {
        // not an Ed25519 author id: nothing to dial
      }
    }
    const key = wanted.join(',')
    if (key === this.wantedKey) return
    this.wantedKey = key
    this.network.peerManager
      .keepConnected(wanted)
      .then(() => {
        for (const peerId of this.network.peerManager.keptPeers()) if (this.network.isTicketed(peerId)) this.direct?.warm(peerId)
      })
      .catch((error: unknown) => this.log(`keeping aggregators connected failed: ${(error as Error).message}`))
  }

  /** Linear epochs: one frame to one peer over its persistent direct stream. */
  private sendDirect(peer: string, data: Uint8Array): void {
    if (this.stopped || this.direct === undefined) return
    let peerId: string
    try {
      peerId = this.network.peerIdOf(peer)
    } catch {
      return
    }
    this.direct.send(peerId, data)
  }

  private engineRequest(requestId: number, peer: string, data: Uint8Array): void {
    const timeoutMs = this.opts.settings.config.genesis.epochPeriodMs * ENGINE_REQUEST_TIMEOUT_FRACTION
    let peerId: string
    try {
      peerId = this.network.peerIdOf(peer)
    } catch {
      queueMicrotask(() => this.engine.onRequestFailed(requestId))
      return
    }
    this.network.request(peerId, SYNC_PROTOCOL, data, { timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES }).then(
      (bytes) => {
        if (this.stopped) return
        this.engine.onResponse(requestId, peer, bytes)
        this.clock.poke()
      },
      () => {
        if (!this.stopped) this.engine.onRequestFailed(requestId)
      },
    )
  }

  status(): NodeStatusView {
    const peers = this.network.peers()
    return {
      network: this.opts.settings.config.network,
      peerId: this.network.peerId,
      author: Buffer.from(this.identity.publicKey).toString('hex'),
      listen: this.network.listenAddresses(),
      feeds: [...this.feeds],
      uptimeSec: Math.round((this.now() - this.startedAt) / 1000),
      sync: this.syncState,
      peers: { connected: peers.length, ticketed: peers.filter((p) => p.ticketed).length },
      latestEpoch: this.latestEpoch,
      engine: this.engine.status(),
    }
  }

  submitReport(report: ClientReport): ReportSubmission {
    const outcome = this.engine.submitReport(report)
    this.clock.poke()
    return outcome
  }

  /** Resolves when every finalized epoch so far is on disk. */
  get dataDir(): string {
    return this.opts.settings.dataDir
  }

  flushed(): Promise<void> {
    return this.sink.flushed()
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    this.clock.stop()
    this.observer.stop()
    await this.apiServer?.close()
    if (this.apiServer !== undefined) clearApiEndpoint(this.opts.settings.dataDir)
    await this.network.stop()
    await this.sink.flushed()
    await this.peerStore.close()
    await this.store.close()
  }
}

/**
 * Makes a finalized record's digest a ticket anchor. Epoch 0's anchor stays the genesis hash: every ticket is mined
 * against it (identity.ts), and replacing it with epoch 0's record digest made every peer's ticket fail the gate's
 * next re-check on a network that actually ran epoch 0 (seen in the WAN rehearsal, scripts/wan).
 */
function setRecordAnchor(anchors: Map<number, Uint8Array>, epoch: number, digestHex: string): void {
  if (epoch > 0) anchors.set(epoch, Buffer.from(digestHex, 'hex'))
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
