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
 * - [prof30] a V8 CPU profile of the real swarm in steady state, linear epochs at commit 5a53661: `thermotruth swarm
 *   --nodes 30 --epochs 20 --epoch-ms 2000 --cpu-prof DIR`, the 40 s of epochs of one host process (15 nodes, 300
 *   node-epochs, load average 2.9-4.4; 41 ms busy per node-epoch in the profile, 44.6 by /proc). Per node-epoch:
 *   Ed25519 verifies 9.8 ms for about 38 of them, the batch check 8.6 ms (3.0 of it verifies), the certificate
 *   7.9 ms (6.4 verifies of 21 endorsements), the record's anneal 2.3 ms, proposing 3.2 ms (stamp 1.24), and
 *   outside the engine: GC 2.2 ms, noise + yamux + libp2p + socket writes about 6 ms for ~12 direct messages,
 *   the epoch event and the durable commit 1.6 ms. Micro-benchmarks ([costs]) were 2-4x lower than these in-place
 *   figures, which is why the model predicted 11.7 ms at n=30 where the swarm measured 29-36 ms.
 */
import { DEFAULT_TUNING } from '../engine/config.js'
import { directFrameChecks } from '../wire/index.js'

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
   * One entry of a leader's batch at a receiver, beside any signature check: decoding it, its id, its ticket and
   * its stamp hashes. A follower checks every entry (it verifies only a sample of their signatures).
   */
  batchEntryMs: number
  /**
   * The anneal at close, per proposal in the set and per feed. [brief/costs] "a 2-feed anneal (~0.35 ms)" at n=100,
   * taken per feed-proposal (0.35 / (100 x 1) for the one-feed default; linear in the set, as the M-estimation
   * iterates over every proposal).
   */
  annealMsPerProposalFeed: number
  /** The anneal's cost per feed that does not grow with the set (filter set-up, tempering, the guard's second run). */
  annealMsPerFeed: number
  /**
   * A node's own work per epoch outside any message: the durable commit of the epoch, the event sink, metrics, the
   * epoch event, peer-manager upkeep. Charged when the node finalizes the epoch (certified or approximate).
   */
  epochMs: number
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
  // [prof30]: ~6 ms of stack per node-epoch for ~12 messages sent or received, ~1 ms a message both ends; the slope
  // with size is [costs]' (noise encrypts ~30 KB per ms).
  directMs: Object.freeze([[256, 0.9], [8192, 1.2], [20480, 1.5]] as const),
  directSenderShare: 0.5,
  streamOpenMs: 1.5,
  // [prof30]: 9.8 ms for ~38 verifies per node-epoch (34 as a follower, the leader's and backup's share, its own).
  verifyMs: 0.26,
  signMs: 0.036,
  decodeMs: 0.1,
  // [prof30]: the batch check's 8.6 ms less its 3.0 ms of verifies, over 30 entries.
  batchEntryMs: 0.19,
  // [prof30]: 2.3 ms at n=30; the slope is the anneal bench's (packages/anneal/README.md), the rest is fixed.
  annealMsPerProposalFeed: 0.011,
  annealMsPerFeed: 2.0,
  // [prof30]: proposing beside the stamp (its own proposal's check, encoding) 1.9 ms, the epoch event, store commit
  // and sink 1.6 ms, GC 2.2 ms (charged here, once per epoch, rather than spread over messages).
  epochMs: 5.7,
  // [prof30]: 1.24-1.36 ms (node:crypto SHA-256 since 5a53661; it was 2.9 ms with @noble/hashes).
  stampMs: 1.3,
  // The swarm's idleCpuMsPerNodePerSecond at n=30: 1.8-2.9 in this session's runs.
  idleMsPerSecond: 2.5,
  heartbeatMs: 1000,
}) as CpuModel

/** Where a message arrived: the classifier counts what a receiver checks in it. */
export type MessageChannel = 'gossip' | 'direct' | 'response'

/** What a receiver checks in one message: Ed25519 signatures, and batch entries checked beside their signatures. */
export interface MessageChecks {
  signatures: number
  entries?: number
}

/**
 * What a receiver checks in one message (`SimOptions.signatures`). The default is `WIRE_SIGNATURE_COUNTS`;
 * `ONE_SIGNATURE_PER_MESSAGE` is the simplest model (a proposal, an endorsement or an estimate without piggybacked
 * parts).
 */
export type SignatureClassifier = (bytes: Uint8Array, channel: MessageChannel) => MessageChecks

export const ONE_SIGNATURE_PER_MESSAGE: SignatureClassifier = () => ({ signatures: 1 })

const ONE: MessageChecks = Object.freeze({ signatures: 1 })
const directChecks = new WeakMap<Uint8Array, MessageChecks>()

/**
 * The default: a direct frame counts what the wire layer says its receiver checks (`directFrameChecks`: a linear
 * batch 1 + the default audit (sample, own entry, seed signature) and every entry, a certificate its endorsements,
 * anything else 1), every other message one signature.
 * Counted once per frame object (a leader's fan-out hands every follower the same array, sim/run.ts).
 */
export const WIRE_SIGNATURE_COUNTS: SignatureClassifier = (bytes, channel) => {
  if (channel !== 'direct') return ONE
  let checks = directChecks.get(bytes)
  if (checks === undefined) {
    checks = directFrameChecks(bytes, DEFAULT_TUNING.batchAuditSample + 2)
    directChecks.set(bytes, checks)
  }
  return checks
}

/** The CPU model with every curve resolved to a lookup; `costs(model)` is what the simulator calls per message. */
export interface CpuCosts {
  readonly model: CpuModel
  gossip(bytes: number): number
  directSend(bytes: number): number
  directReceive(bytes: number): number
  /** Decoding one message and the checks in it (signatures, batch entries). */
  check(checks: MessageChecks): number
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
    check: (checks) => model.decodeMs + checks.signatures * model.verifyMs + (checks.entries ?? 0) * model.batchEntryMs,
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
