/**
 * The swarm's contracts. A swarm is N nodes spread over P OS processes; what a "node" is (ThermoNode, the gossip
 * floor, the PBFT baseline) is pluggable through `SwarmNodeFactory`, so the launcher, the IPC, the measurement and
 * the benches are shared and every protocol is measured the same way on the same libp2p stack.
 */

/** Shared by every node of one swarm run; sent by the launcher to each host process. */
export interface SwarmRunConfig {
  /** Factory name in the registry (`factories/index.ts`). */
  factory: string
  nodes: number
  /** First TCP port; node i listens on 127.0.0.1:(basePort + i). */
  basePort: number
  /** Indices [0, byzantine) are byzantine (run `attack`); the rest are honest. */
  byzantine: number
  attack?: string
  /** Size of each node's proposal payload in bytes (baselines disseminate exactly this many bytes). */
  proposalBytes: number
  /** Client reports per second offered to the whole swarm (spread over nodes); 0 = none. */
  reportsPerSecond: number
  /** Path of a node config file (ThermoNode factory), as given with --config. */
  configFile?: string
  /** Free-form factory options (JSON-safe). */
  options?: Record<string, unknown>
  /** Unix ms of epoch 0, fixed by the launcher before any node starts (clock-driven nodes need it at start). */
  genesisTime: number
  /** Unique per launch: names the run's temporary data dirs. */
  runId: string
  /** Genesis committee (hex author ids, sorted) gathered from every node's `prepare`; empty when the kind has none. */
  committee: string[]
  epochPeriodMs: number
  /** Every node serves its HTTP API (the aggregate dashboard follows their SSE streams); otherwise node 0 only. */
  apiOnEveryNode?: boolean
  /**
   * DHT of every node (stack.ts `swarmStack`): `off` (default) when the launcher hands out the peer list;
   * `server` measures the deployment setting.
   */
  dht?: 'server' | 'off'
  /** libp2p ConnectionMonitor ping interval of every node (default 0 = off; set only to measure what pings cost). */
  pingIntervalMs?: number
}

/** Epochs are clock-driven: epoch e starts at genesisTime + e * epochPeriodMs (all processes share one clock). */
export interface EpochSchedule {
  genesisTime: number
  epochPeriodMs: number
  /** Epochs in [firstEpoch, lastEpoch] are measured. */
  firstEpoch: number
  lastEpoch: number
  /**
   * Baselines also run this many epochs before the first and after the last, unmeasured, so the measured window
   * (first epoch's start to the start of the epoch after the last) sees steady state at both ends, as ThermoNodes,
   * which run epochs from genesis until stopped. Default 0.
   */
  warmupEpochs?: number
  cooldownEpochs?: number
}

/** What one node reports when it finalizes (or gives up on) one epoch. */
export interface EpochOutcome {
  node: number
  epoch: number
  /** certified: finalized by the protocol's normal path; approximate: fallback; failed: gave up. */
  status: 'certified' | 'approximate' | 'failed'
  /** Milliseconds from the epoch's start until this node finalized it. */
  finalityMs: number
  /** Hex digest of what the node finalized (record / aggregate / message set); equal digests = agreement. */
  digest: string
  /** Per-feed aggregate (first component of each feed's value vector), used for the spread across nodes. */
  values?: Record<string, number>
  temperature?: number
  entropyBits?: number
  peers?: number
  reports?: number
  /** |finalized value - ground truth| in units of the honest noise sigma, when the node knows the truth. */
  errorSigma?: number
}

export interface ProtocolBytes {
  sent: number
  received: number
}

export interface NodeStats {
  node: number
  /** libp2p_data_transfer_bytes_total by protocol ('global' = raw connection bytes incl. noise + yamux). */
  bytes: Record<string, ProtocolBytes>
  connections: number
  /** Distinct connected peers. */
  peers: number
  /** Gossipsub mesh peers on the factory's main topic (0 when the factory does not gossip). */
  meshPeers: number
  /** Kad-DHT routing table size (-1 when the node runs no DHT). */
  dhtPeers: number
  /**
   * Peers the protocol asks this node to stay connected to (linear epochs: the aggregator set), and how many of them
   * it is connected to; absent for kinds that keep no peers.
   */
  keptPeers?: number
  keptConnected?: number
  /** Application messages this node originated (publishes + direct sends) since start. */
  messagesSent: number
  /** Proposal bytes of the node's last proposal (to compute the naive all-to-all). */
  proposalBytes: number
}

/** Another node of the swarm: its index and a full multiaddr (with /p2p/<peerId>). */
export interface PeerAddress {
  node: number
  addr: string
}

export interface SwarmNodeContext {
  index: number
  config: SwarmRunConfig
  /** Multiaddrs of the bootstrap node(s); empty for the bootstrap node itself. */
  bootstrapAddrs: string[]
  /** Deterministic listen port for this node. */
  port: number
  byzantine: boolean
  /** The node reports each finalized epoch through this callback. */
  onEpoch(outcome: EpochOutcome): void
}

export interface SwarmNode {
  /** Full multiaddrs including /p2p/<peerId>. */
  multiaddrs: string[]
  apiUrl?: string
  stats(): Promise<NodeStats>
  /**
   * Dial these peers directly: launcher-seeded neighbours (faster mesh), or everyone for all-to-all kinds. `known`
   * is the whole swarm, to remember (peer store) without dialing, so the node can reach any member by peer id.
   */
  connect(peers: PeerAddress[], known?: PeerAddress[]): Promise<void>
  /**
   * What the node durably finalized for these epochs (its store), when the kind keeps one: the launcher reads it
   * after the run, so an epoch the node resolved without announcing it (a certificate adopted by catch-up) counts.
   */
  resolved?(firstEpoch: number, lastEpoch: number): Promise<EpochOutcome[]>
  /** Change the client-report load this node offers (the swarm-wide rate; each node offers its 1/n share). */
  setLoad?(reportsPerSecond: number): void
  /** Begin the measured epochs. Clock-driven nodes whose genesis was fixed at start may ignore it. */
  run(schedule: EpochSchedule): void
  stop(): Promise<void>
}

/** How to start one kind of node. Implementations live in `factories/` and are loaded lazily by name. */
export interface SwarmNodeFactory {
  /** Optional first phase (before any node starts): create the node's identity; returns its author id. */
  prepare?(ctx: Pick<SwarmNodeContext, 'config' | 'index' | 'port' | 'bootstrapAddrs'>): Promise<{ author: string }>
  start(ctx: SwarmNodeContext): Promise<SwarmNode>
}

/**
 * What the launcher needs to know about a node kind without loading it (the launcher process never loads libp2p).
 */
export interface SwarmNodeKind {
  readonly name: string
  readonly describe: string
  /** Gossip topic the health check looks at for mesh peers; undefined when the kind does not gossip. */
  readonly meshTopic?: string
  /** Whether the node needs the kad-DHT when the run has one (the health check then waits for a routing table). */
  readonly usesDht: boolean
  /** The launcher gives every node every other node's address (all-to-all protocols need full membership). */
  readonly fullMembership?: boolean
  /** Run the factory's `prepare` on every node first and give all nodes the resulting genesis committee. */
  readonly prepares?: boolean
  /** Its nodes run epochs on their own from genesis (the launcher then sets genesis after mesh formation). */
  readonly runsFromGenesis?: boolean
  load(): Promise<SwarmNodeFactory>
}
