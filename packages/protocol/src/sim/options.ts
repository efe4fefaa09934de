import type { Engine, EngineDeps, EngineTuning } from '../engine/types.js'
import { type CpuModel, CpuModelError, resolveCpuModel, type SignatureClassifier, WIRE_SIGNATURE_COUNTS } from './cpu-model.js'

/**
 * Default T threshold, in the record's scale-free units: 3x the honest equilibrium T ≈ 2/3. Measured with the
 * anneal on Gaussian draws (300 trials each): honest T stays under 2 in > 99% of epochs from n = 31 up (p99 1.6
 * at n = 31, 1.2 at n = 100), while a third of the inputs at a far outlier gives T ≈ 2.7–2.8.
 */
export const DEFAULT_TEMPERATURE_THRESHOLD = 2

export interface SimOptions {
  nodes: number
  epochs: number
  seed?: number
  /** Mesh link round-trip time (ms); one hop costs rtt/2. */
  rttMs?: number
  jitterMs?: number
  loss?: number
  gossipDegree?: number
  /**
   * CPUs the nodes run on, each one FIFO queue (sim/cpu-queue.ts). Default: one per node (a real deployment). The
   * swarm launcher runs n nodes in P host processes, one event loop each: `hosts: 2` models it on this machine.
   * Resolved, 0 means one per node.
   */
  hosts?: number
  /**
   * Which host node i lives on: 'blocks' = floor(i * hosts / nodes), as the swarm launcher's `hostOf` places nodes
   * (node/src/swarm/launcher.ts); 'round-robin' = i mod hosts.
   */
  hostAssignment?: 'blocks' | 'round-robin'
  /** Overrides of the calibrated per-message and per-operation CPU costs (sim/cpu-model.ts, DEFAULT_CPU_MODEL). */
  cpu?: Partial<CpuModel>
  /** Multiplies every CPU cost (1 = as calibrated; 0 = infinitely fast nodes, the pre-CPU-model simulator). */
  cpuScale?: number
  /** Signatures a receiver verifies per message (default: the wire layer's count for direct frames, else one). */
  signatures?: SignatureClassifier
  /**
   * Keep every engine event of every node in the report's `outcomes` (tests read them). Off, only the summary is
   * built (incrementally), which keeps memory flat at 1,000+ nodes: the CLI turns it off.
   */
  keepEvents?: boolean
  /** Fraction of nodes that run `attack` (rounded to the nearest count). */
  byzantine?: number
  attack?: string
  /** Epochs [attackFrom, attackUntil) in which attackers misbehave. */
  attackFrom?: number
  attackUntil?: number
  /** Strategy magnitude override (see each strategy). */
  attackMagnitude?: number
  periodMs?: number
  collectFraction?: number
  feeds?: string[]
  /** Honest observations: truth + N(0, honestSigma²) per coordinate. */
  honestSigma?: number
  /** T above which the engine heals (scale-free, engine/aggregate.ts ensembleTemperature; honest T ≈ 2/3). */
  temperatureThreshold?: number
  identityBits?: number
  /** The identity PoW gate; false = tickets need 0 bits, so identities cost only a key pair (ablation). */
  powGate?: boolean
  tuning?: Partial<EngineTuning>
  /** Builds each node's engine (default the real `createEngine`): tests drive the transport with a fake one. */
  engineFactory?: (deps: EngineDeps) => Engine
  onProgress?: (epochDone: number, epochs: number) => void
}

export type ResolvedSimOptions = Required<Omit<SimOptions, 'attack' | 'onProgress' | 'tuning' | 'attackMagnitude' | 'attackUntil' | 'cpu' | 'engineFactory'>> &
  Pick<SimOptions, 'attack' | 'onProgress' | 'attackMagnitude' | 'attackUntil' | 'engineFactory'> & { tuning: Partial<EngineTuning>; cpu: CpuModel }

export class SimOptionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SimOptionError'
  }
}

export function resolveSimOptions(o: SimOptions): ResolvedSimOptions {
  const r: ResolvedSimOptions = {
    nodes: o.nodes,
    epochs: o.epochs,
    seed: o.seed ?? 1,
    rttMs: o.rttMs ?? 50,
    jitterMs: o.jitterMs ?? 10,
    loss: o.loss ?? 0,
    gossipDegree: o.gossipDegree ?? 6,
    hosts: o.hosts ?? 0,
    hostAssignment: o.hostAssignment ?? 'blocks',
    cpu: resolveCpu(o.cpu),
    cpuScale: o.cpuScale ?? 1,
    signatures: o.signatures ?? WIRE_SIGNATURE_COUNTS,
    keepEvents: o.keepEvents ?? true,
    byzantine: o.byzantine ?? 0,
    attack: o.attack,
    attackFrom: o.attackFrom ?? 0,
    attackUntil: o.attackUntil,
    attackMagnitude: o.attackMagnitude,
    periodMs: o.periodMs ?? 2000,
    collectFraction: o.collectFraction ?? 0.5,
    feeds: o.feeds ?? ['price'],
    honestSigma: o.honestSigma ?? 0.05,
    temperatureThreshold: o.temperatureThreshold ?? DEFAULT_TEMPERATURE_THRESHOLD,
    identityBits: o.identityBits ?? 6,
    powGate: o.powGate ?? true,
    tuning: { stampDifficulty: { initial: 4, gain: 0.1, min: 4, max: 10 }, ...(o.tuning ?? {}) },
    onProgress: o.onProgress,
    engineFactory: o.engineFactory,
  }
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new SimOptionError(message)
  }
  check(Number.isInteger(r.nodes) && r.nodes >= 1 && r.nodes <= 20000, '--nodes must be an integer in [1, 20000]')
  check(Number.isInteger(r.epochs) && r.epochs >= 1 && r.epochs <= 10000, '--epochs must be an integer in [1, 10000]')
  check(Number.isFinite(r.rttMs) && r.rttMs >= 0, '--rtt must be >= 0')
  check(Number.isFinite(r.jitterMs) && r.jitterMs >= 0, '--jitter must be >= 0')
  check(Number.isFinite(r.loss) && r.loss >= 0 && r.loss < 1, '--loss must be in [0, 1)')
  check(Number.isInteger(r.gossipDegree) && r.gossipDegree >= 1, '--gossip-degree must be a positive integer')
  check(Number.isFinite(r.byzantine) && r.byzantine >= 0 && r.byzantine < 1, '--byzantine must be in [0, 1)')
  check(r.byzantine === 0 || r.attack !== undefined, '--byzantine needs --attack NAME')
  check(Number.isFinite(r.periodMs) && r.periodMs > 0, 'period must be > 0')
  check(Number.isInteger(r.hosts) && r.hosts >= 0 && r.hosts <= r.nodes, '--hosts must be an integer in [1, nodes] (0 = one per node)')
  check(r.hostAssignment === 'blocks' || r.hostAssignment === 'round-robin', "--host-assignment must be 'blocks' or 'round-robin'")
  check(Number.isFinite(r.cpuScale) && r.cpuScale >= 0, '--cpu-scale must be >= 0')
  return r
}

function resolveCpu(overrides: Partial<CpuModel> | undefined): CpuModel {
  try {
    return resolveCpuModel(overrides)
  } catch (error) {
    if (error instanceof CpuModelError) throw new SimOptionError(error.message)
    throw error
  }
}
