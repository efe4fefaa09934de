/**
 * What one simulated node spends its CPU on, in milliseconds, calibrated from the real node on this project's
 * 2-core machine (Node 20.20.2, js-libp2p 3). Every figure names its source; all of them can be overridden through
 * `SimOptions.cpu`. The simulator charges these costs to a FIFO queue per CPU (sim/cpu-queue.ts), so a node that
 * receives more than it can process falls behind as a real event loop does.
 *
 * Sources:
 * - [costs] /work/shared/notes/epoch-cost-analysis-2026-12-07.md, table "Cost constants" (micro-benchmarks timed
 *   with process.cpuUsage on this machine under load 4–7, so the note itself says they may be 1.5–2x high).
 * - [proto] /work/shared/notes/linear-epoch-prototype-2026-12-07.md (a linear epoch on the same stack, N=30/100).
 * - [readme] packages/protocol/README.md "Ed25519 backends" and "Cost of the validation path".
 */
import { DEFAULT_TUNING } from '../engine/config.js'
import { directSignatureCount } from '../wire/index.js'

/** A point (message bytes, CPU ms) of a piecewise-linear cost curve; beyond the last point the last slope goes on. */
export type CostPoint = readonly [bytes: number, ms: number]

export interface CpuModel {
  /**
   * One gossipsub message at one node: RPC decode of every duplicate copy, message-id hash, seen-cache, forwarding to
   * the mesh, IHAVE/IDONTWANT, noise and yamux framing, socket writes ("per copy-set": the unique message and all its
   * copies). [costs] "one gossipsub delivery per node": ~1.0 ms at 256 B, ~3.3 ms at 8 KB. Charged to the publisher
   * too (it sends D copies and gets copies back).
   */
  gossipMs: readonly CostPoint[]
  /**
   * One message on a persistent length-prefixed stream, both ends together. [costs] "one message on a persistent lp
   * stream, both ends": 0.18 / 0.5 / 0.8 ms at 256 B / 8 KB / 20 KB. Split between sender and receiver by
   * `directSenderShare`.
   */
  directMs: readonly CostPoint[]
  /** Share of `directMs` the sender pays (framing, encryption, write); the receiver pays the rest. */
  directSenderShare: number
  /**
   * Opening a new stream, per end: what a request/response (fetch, sync) pays on top of its two messages, because
   * the node opens one stream per request (node/src/network/request-response.ts). [costs] "one libp2p
   * ConnectionMonitor ping, per end (new stream + multistream-select + echo)": ~1.5 ms.
   */
  streamOpenMs: number
  /** Ed25519 verify, node:crypto with a cached KeyObject. [costs] 84 µs; [proto] 90–99 µs in place. */
  verifyMs: number
  /** Ed25519 sign. [costs] 36 µs. */
  signMs: number
  /**
   * Decoding, canonical re-encode and the SHA-256s of one received message, beside its signatures. [costs]
   * validateProposalBytes of a 254 B proposal ~0.15–0.3 ms including one ~85 µs verify; validateEndorsementBytes
   * ~0.11 ms including one verify. 0.1 ms is the middle of what is left.
   */
  decodeMs: number
  /**
   * The anneal at close, per proposal in the set and per feed. [brief/costs] "a 2-feed anneal (~0.35 ms)" at n=100,
   * taken per feed-proposal (0.35 / (100 x 1) for the one-feed default; linear in the set, as the M-estimation
   * iterates over every proposal).
   */
  annealMsPerProposalFeed: number
  /** The proposal's PoW stamp: 2^8 expected noble SHA-256 at difficulty 8. [costs] "≈1.3 ms". */
  stampMs: number
  /**
   * Idle cost of a node's stack per second (gossipsub heartbeat, timers, keep-alives), charged every
   * `heartbeatMs`. [costs] §2: 1.4–1.7 ms/s with DHT off and 60 s pings (the lean stack issue 13 asks for), 4.3–7.1
   * as configured at de12f55; [proto] 0.5–1.2 ms/s. Calibration runs should pass the swarm's measured
   * `idleCpuMsPerNodePerSecond`.
   */
  idleMsPerSecond: number
  /** Period of the idle work (the gossipsub heartbeat runs every 0.7–1 s). */
  heartbeatMs: number
}

export const DEFAULT_CPU_MODEL: CpuModel = Object.freeze({
  gossipMs: Object.freeze([[256, 1.0], [8192, 3.3]] as const),
  directMs: Object.freeze([[256, 0.18], [8192, 0.5], [20480, 0.8]] as const),
  directSenderShare: 0.5,
  streamOpenMs: 1.5,
  verifyMs: 0.085,
  signMs: 0.036,
  decodeMs: 0.1,
  annealMsPerProposalFeed: 0.0035,
  stampMs: 1.3,
  idleMsPerSecond: 1.5,
  heartbeatMs: 1000,
}) as CpuModel

/** Where a message arrived: the classifier counts the signatures a receiver verifies in it. */
export type MessageChannel = 'gossip' | 'direct' | 'response'

/**
 * How many Ed25519 signatures a receiver checks in one message (`SimOptions.signatures`). The default is
 * `WIRE_SIGNATURE_COUNTS`; `ONE_SIGNATURE_PER_MESSAGE` is the simplest model (a proposal, an endorsement or an
 * estimate without piggybacked parts).
 */
export type SignatureClassifier = (bytes: Uint8Array, channel: MessageChannel) => { signatures: number }

export const ONE_SIGNATURE_PER_MESSAGE: SignatureClassifier = () => ({ signatures: 1 })

const directCounts = new WeakMap<Uint8Array, number>()

/**
 * The default: a direct frame counts what the wire layer says its receiver checks (`directSignatureCount`: a
 * linear batch 1 + the default audit (sample, own entry, seed signature), a certificate its endorsements, anything
 * else 1), every other message one.
 * Counted once per frame object (a leader's fan-out hands every follower the same array, sim/run.ts).
 */
export const WIRE_SIGNATURE_COUNTS: SignatureClassifier = (bytes, channel) => {
  if (channel !== 'direct') return { signatures: 1 }
  let count = directCounts.get(bytes)
  if (count === undefined) {
    count = directSignatureCount(bytes, DEFAULT_TUNING.batchAuditSample + 2)
    directCounts.set(bytes, count)
  }
  return { signatures: count }
}

/** The CPU model with every curve resolved to a lookup; `costs(model)` is what the simulator calls per message. */
export interface CpuCosts {
  readonly model: CpuModel
  gossip(bytes: number): number
  directSend(bytes: number): number
  directReceive(bytes: number): number
}

export class CpuModelError extends Error {
  override name = 'CpuModelError'
}

export function resolveCpuModel(overrides: Partial<CpuModel> = {}): CpuModel {
  const model: CpuModel = { ...DEFAULT_CPU_MODEL, ...overrides }
  for (const [key, value] of Object.entries(model)) {
    if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) throw new CpuModelError(`cpu model: ${key} must be a finite number >= 0`)
  }
  if (model.directSenderShare > 1) throw new CpuModelError('cpu model: directSenderShare must be in [0, 1]')
  if (!(model.heartbeatMs > 0)) throw new CpuModelError('cpu model: heartbeatMs must be > 0')
  checkCurve('gossipMs', model.gossipMs)
  checkCurve('directMs', model.directMs)
  return model
}

export function cpuCosts(model: CpuModel): CpuCosts {
  const gossip = curve(model.gossipMs)
  const direct = curve(model.directMs)
  const send = model.directSenderShare
  return {
    model,
    gossip,
    directSend: (bytes) => direct(bytes) * send,
    directReceive: (bytes) => direct(bytes) * (1 - send),
  }
}

function checkCurve(name: string, points: readonly CostPoint[]): void {
  if (points.length === 0) throw new CpuModelError(`cpu model: ${name} needs at least one (bytes, ms) point`)
  for (let i = 0; i < points.length; i++) {
    const [bytes, ms] = points[i]
    if (!(Number.isFinite(bytes) && bytes >= 0 && Number.isFinite(ms) && ms >= 0)) throw new CpuModelError(`cpu model: ${name} points must be finite and >= 0`)
    if (i > 0 && !(bytes > points[i - 1][0])) throw new CpuModelError(`cpu model: ${name} points must have increasing byte sizes`)
  }
}

/**
 * Piecewise-linear interpolation; below the first point the first cost holds (a message's fixed per-message cost
 * does not shrink with its size), beyond the last point the last segment's slope continues.
 */
function curve(points: readonly CostPoint[]): (bytes: number) => number {
  if (points.length === 1) return () => points[0][1]
  return (bytes) => {
    if (bytes <= points[0][0]) return points[0][1]
    let i = 1
    while (i < points.length - 1 && bytes > points[i][0]) i++
    const [x0, y0] = points[i - 1]
    const [x1, y1] = points[i]
    return Math.max(0, y0 + ((bytes - x0) * (y1 - y0)) / (x1 - x0))
  }
}
