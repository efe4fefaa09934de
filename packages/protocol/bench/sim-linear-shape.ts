/**
 * What the simulator itself costs for the linear epoch's message pattern (issue 14), before the linear engine
 * exists: every node runs a stand-in engine that per epoch sends one observation straight to the leader, the
 * leader floods one batch over gossip, every node sends one endorsement straight to the leader, and the leader
 * floods one certificate. Sizes follow the cost analysis at n=100 (batch ≈ 90 B per observation, certificate
 * ≈ 66 B per endorsement). No signing, hashing or annealing happens here (so the CPU model charges transport,
 * decode and one verify per message, not signatures): the wall time and memory are the simulator's own (identities,
 * scheduler, CPU queues, transport, summary), the floor under `sim --nodes N` once the engine runs linear epochs.
 *
 *   pnpm build && node packages/protocol/dist/bench/sim-linear-shape.js [--nodes 1000] [--epochs 10] [--hosts 0]
 *
 * Prints one JSON object: the run's wall time, peak RSS so far, events, and the summary's traffic and CPU figures.
 */
import { performance } from 'node:perf_hooks'
import type { Engine, EngineDeps } from '../src/engine/types.js'
import { runSimulation } from '../src/sim/index.js'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const nodes = arg('--nodes', 1000)
const epochs = arg('--epochs', 10)
const hosts = arg('--hosts', 0)

/** Message kinds in byte 0, the epoch in bytes 1..4. */
const OBSERVATION = 1
const BATCH = 2
const ENDORSEMENT = 3
const CERTIFICATE = 4

function message(kind: number, epoch: number, size: number): Uint8Array {
  const bytes = new Uint8Array(Math.max(5, size))
  bytes[0] = kind
  new DataView(bytes.buffer).setUint32(1, epoch)
  return bytes
}

function linearShapeEngine(deps: EngineDeps): Engine {
  const committee = deps.config.genesisCommittee
  const self = Buffer.from(deps.identity.publicKey).toString('hex')
  const quorum = Math.floor((2 * committee.length) / 3) + 1
  const period = deps.config.epochPeriodMs
  let epoch = -1
  let finalized = -1
  const inbox = new Map<number, { observations: number; endorsements: number; batched: boolean; certified: boolean }>()
  const leaderOf = (e: number) => committee[e % committee.length]
  const slot = (e: number) => {
    let s = inbox.get(e)
    if (!s) {
      s = { observations: 0, endorsements: 0, batched: false, certified: false }
      inbox.set(e, s)
      inbox.delete(e - 3)
    }
    return s
  }
  const epochOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(1)
  const onMessage = (bytes: Uint8Array, now: number) => {
    const e = epochOf(bytes)
    const s = slot(e)
    if (bytes[0] === OBSERVATION && ++s.observations === quorum && !s.batched) {
      s.batched = true
      deps.port.publish('batch', message(BATCH, e, 90 * quorum))
      onMessage(message(ENDORSEMENT, e, 177), now)
    } else if (bytes[0] === BATCH) {
      deps.port.send?.(leaderOf(e), message(ENDORSEMENT, e, 177))
    } else if (bytes[0] === ENDORSEMENT && ++s.endorsements === quorum && !s.certified) {
      s.certified = true
      deps.port.publish('cert', message(CERTIFICATE, e, 66 * quorum + 300))
      finalized = e
    } else if (bytes[0] === CERTIFICATE) finalized = Math.max(finalized, e)
  }
  return {
    topics: { proposals: 'batch', endorsements: 'cert', agreement: 'agreement', evidence: 'evidence' },
    tick(now) {
      while (deps.config.genesisTime + (epoch + 1) * period <= now) {
        epoch++
        const observation = message(OBSERVATION, epoch, 254)
        if (leaderOf(epoch) === self) onMessage(observation, now)
        else deps.port.send?.(leaderOf(epoch), observation)
      }
    },
    nextWakeup: () => deps.config.genesisTime + (epoch + 1) * period,
    receive(_from, _topic, bytes, now) {
      onMessage(bytes, now ?? 0)
      return { action: 'accept' }
    },
    handleRequest: () => new Uint8Array(0),
    onResponse: () => undefined,
    onRequestFailed: () => undefined,
    deliver: (_from, bytes, now) => onMessage(bytes, now ?? 0),
    wantedPeers: () => [],
    observe: () => undefined,
    submitReport: () => ({ accepted: false, reason: 'stand-in engine', retryable: false }),
    status: () => ({ epoch, phase: 'linear-shape', committeeSize: committee.length, lastCertifiedEpoch: finalized, difficulty: 0, temperature: undefined, entropyBits: undefined, mempoolDepth: 0 }),
    restore: () => undefined,
  }
}

const started = performance.now()
const report = runSimulation({ nodes, epochs, hosts, keepEvents: false, engineFactory: linearShapeEngine })
const wallMs = performance.now() - started
const s = report.summary
process.stdout.write(
  `${JSON.stringify({
    nodes,
    epochs,
    hosts: s.cpuQueue.hosts,
    wallMs: Math.round(wallMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    simulatedEvents: s.simulatedEvents,
    messagesPerNodePerEpoch: s.messagesPerNodePerEpoch,
    directMessagesPerNodePerEpoch: s.directMessagesPerNodePerEpoch,
    bytesPerNodePerEpoch: s.bytesPerNodePerEpoch,
    cpuMsPerNodePerEpoch: s.cpuMsPerNodePerEpoch,
    cpuQueue: s.cpuQueue,
  })}\n`,
)
