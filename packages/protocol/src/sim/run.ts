/**
 * The simulator: every node runs the real engine (`createEngine`), wired to a modelled gossip mesh and driven by
 * one discrete-event scheduler. Everything random comes from seeded streams, so a run is a pure function of its
 * options: the same seed prints the same JSON.
 */
import { hashSeed } from '@thermotruth/anneal'
import { genesisHash as defaultGenesisHash } from '@thermotruth/pow'
import { createStrategy } from '../attacks/index.js'
import { createEngine } from '../engine/engine.js'
import type { Engine, EngineEvent, EngineMemo } from '../engine/types.js'
import { authorId } from '../wire/index.js'
import { adversaryMetrics, relayFilter } from './adversary.js'
import { type CpuModel, cpuCosts } from './cpu-model.js'
import { CpuQueues } from './cpu-queue.js'
import { simIdentity } from './identities.js'
import { createSimMemo } from './memo.js'
import { GossipMesh } from './mesh.js'
import { resolveSimOptions, type SimOptions } from './options.js'
import { simRandom } from './random.js'
import { Scheduler } from './scheduler.js'
import { applyIdentityEconomics } from './sybil.js'
import { type NodeOutcome, type SimReport, SummaryCollector, summarise } from './summary.js'
import { Traffic } from './traffic.js'
import { createSimVerifier } from './verify-cache.js'
import { SimTransport } from './transport.js'

const NETWORK_ID = 'thermotruth-sim'

export function runSimulation(options: SimOptions): SimReport {
  const o = applyIdentityEconomics(resolveSimOptions(options))
  const n = o.nodes
  const genesis = defaultGenesisHash(NETWORK_ID)
  const identities = Array.from({ length: n }, (_, i) => simIdentity(NETWORK_ID, genesis, o.seed, i, o.identityBits))
  const ids = identities.map((id) => authorId(id.crypto.publicKey))
  const indexOf = new Map(ids.map((id, i) => [id, i]))
  const byzantineCount = Math.round(o.byzantine * n)
  const byzantine = pickByzantine(n, byzantineCount, o.seed)
  const scheduler = new Scheduler()
  const meshRandom = simRandom(hashSeed('sim-mesh', o.seed))
  const deliveryRandom = simRandom(hashSeed('sim-delivery', o.seed))
  const valueRandom = simRandom(hashSeed('sim-values', o.seed))
  const mesh = new GossipMesh({ nodes: n, degree: o.gossipDegree }, meshRandom)
  const traffic = new Traffic()
  const memo = createSimMemo()
  const verify = createSimVerifier(identities[0].crypto.verify)
  const truth = groundTruth(o.epochs + 2, o.feeds)
  const collector = new SummaryCollector(o, ids, byzantine)
  const genesisTime = 0
  const measuredUntil = genesisTime + o.periodMs * o.epochs
  const engines: Engine[] = []
  const wakeAt: Array<number | undefined> = new Array(n).fill(undefined)
  const stopAt = genesisTime + o.periodMs * (o.epochs + (o.tuning.endorsementMode === 'piggyback' ? 1.6 : 0.9))

  // CPU: one FIFO queue per host; node i runs on host hostOf[i].
  const hostCount = o.hosts === 0 ? n : o.hosts
  const hostOf = Int32Array.from({ length: n }, (_, i) => (o.hostAssignment === 'round-robin' ? i % hostCount : Math.floor((i * hostCount) / n)))
  const queues = new CpuQueues(scheduler, hostCount, { from: genesisTime, until: measuredUntil })
  const cpu = scaleCpuModel(o.cpu, o.cpuScale)
  const costs = cpuCosts(cpu)

  // The node whose engine is running, and the work and messages its call produced: they leave after the node's
  // queue has spent that work (stamp, signatures, anneal, writing), as the real node's synchronous code does.
  let active = -1
  let ownMs = 0
  let outbox: Outgoing[] = []
  const begin = (i: number) => {
    active = i
    ownMs = 0
  }
  const end = (i: number) => {
    active = -1
    if (outbox.length > 0 || ownMs > 0) {
      queues.enqueueNext(hostOf[i], ownMs, flush, outbox, i)
      outbox = []
    }
    reschedule(i)
  }
  const post = (i: number, message: Outgoing, costMs: number) => {
    if (active === i) {
      outbox.push(message)
      ownMs += costMs
    } else queues.enqueue(hostOf[i], costMs, flush, [message], i)
  }
  const flush = (messages: Outgoing[], i: number) => {
    if (scheduler.now >= stopAt) return
    for (const m of messages) {
      if (m.kind === 'publish') {
        const peers = mesh.pickPeers(i, m.reach, deliveryRandom)
        transport.publish(i, m.topic, m.data, peers, silentRelays(ids[i], m.topic, Math.floor(scheduler.now / o.periodMs)))
      } else if (m.kind === 'send') transport.send(i, m.to, m.data)
      else if (m.kind === 'request') transport.request(i, m.to, m.requestId, m.data)
      else transport.respond(i, m.to, m.requestId, m.data)
    }
  }

  const tickAction = (_: unknown, i: number) => {
    if (scheduler.now >= stopAt) return
    begin(i)
    engines[i].tick(scheduler.now)
    end(i)
  }
  const wake = (at: number, i: number) => {
    if (wakeAt[i] !== at) return
    wakeAt[i] = undefined
    // A timer fires when its event loop gets to it: behind whatever the host is processing.
    queues.enqueue(hostOf[i], 0, tickAction, undefined, i)
  }
  const reschedule = (i: number) => {
    const w = engines[i].nextWakeup()
    if (w === undefined) return
    const at = Math.max(w, scheduler.now + 0.001)
    if (wakeAt[i] !== undefined && wakeAt[i]! <= at) return
    wakeAt[i] = at
    scheduler.at(at, wake, at, i)
  }

  const transport = new SimTransport(
    scheduler,
    queues,
    mesh,
    traffic,
    deliveryRandom,
    { rttMs: o.rttMs, jitterMs: o.jitterMs, loss: o.loss, hostOf, costs, signatures: o.signatures, counted: () => scheduler.now < measuredUntil },
    {
      gossip: (v, flood) => {
        if (scheduler.now >= stopAt) return false
        begin(v)
        const verdict = engines[v].receive(ids[flood.from], flood.topic, flood.data, scheduler.now)
        end(v)
        return verdict.action === 'accept'
      },
      direct: (to, from, data) => {
        if (scheduler.now >= stopAt) return
        begin(to)
        engines[to].deliver(ids[from], data, scheduler.now)
        end(to)
      },
      request: (to, from, requestId, data) => {
        begin(to)
        const response = engines[to].handleRequest(ids[from], data)
        post(to, { kind: 'respond', to: from, requestId, data: response }, transport.responseCost(response.length))
        end(to)
      },
      response: (to, from, requestId, data) => {
        begin(to)
        engines[to].onResponse(requestId, ids[from], data, scheduler.now)
        end(to)
      },
      requestFailed: (node, requestId) => {
        begin(node)
        engines[node].onRequestFailed(requestId)
        end(node)
      },
    },
  )

  // Idle work of every node's stack (heartbeats, timers), at a seeded phase so nodes do not all wake together.
  const idleMs = cpu.idleMsPerSecond * (cpu.heartbeatMs / 1000)
  if (idleMs > 0) {
    const phaseRandom = simRandom(hashSeed('sim-heartbeat', o.seed))
    const idle = () => undefined
    const beat = (_: unknown, i: number) => {
      queues.enqueue(hostOf[i], idleMs, idle)
      if (scheduler.now + cpu.heartbeatMs < stopAt) scheduler.after(cpu.heartbeatMs, beat, undefined, i)
    }
    for (let i = 0; i < n; i++) scheduler.at(genesisTime + phaseRandom.uniform() * cpu.heartbeatMs, beat, undefined, i)
  }

  // Own work the engine does inside a call, charged to the calling node: signatures, the stamp of each proposal,
  // and the anneal at close (the engine computes its record through the memo's 'epoch-result' entry; the key ends
  // with the concatenated 64-hex ids of the set, so the set size comes from its length).
  const annealMs = (key: string) => {
    const ids = key.length - key.lastIndexOf('|') - 1
    const size = ids > 0 && ids % 64 === 0 ? ids / 64 : n
    return (cpu.annealMsPerFeed + cpu.annealMsPerProposalFeed * size) * o.feeds.length
  }
  const engineMemo: EngineMemo = {
    byBytes: memo.byBytes,
    byKey: (namespace, key, compute) => {
      if (namespace === 'epoch-result' && active >= 0) {
        ownMs += annealMs(key)
        collector.annealed(active)
      }
      return memo.byKey(namespace, key, compute)
    },
  }

  // A leader writes one batch (and one certificate) to every follower, each frame a fresh copy of the same bytes.
  // Handing every follower the same array, as gossip does, lets the shared memo decode and check it once instead
  // of n times (the receivers' CPU is still charged n times by the model): the fan-out loop sends the copies one
  // after another, so comparing with the sender's previous frame finds them.
  const lastFrame: Array<Uint8Array | undefined> = new Array(n).fill(undefined)
  const interned = (i: number, data: Uint8Array): Uint8Array => {
    const last = lastFrame[i]
    if (last !== undefined && sameBytes(last, data)) return last
    lastFrame[i] = data
    return data
  }

  // Targeted strategies (censor) aim at the first honest node.
  const target = ids.find((_, i) => !byzantine.has(i))
  const strategies = ids.map((_, i) =>
    byzantine.has(i) && o.attack ? createStrategy(o.attack, { fromEpoch: o.attackFrom, untilEpoch: o.attackUntil, magnitude: o.attackMagnitude, target }) : undefined,
  )
  const silentRelays = relayFilter(strategies)
  const outcomes: NodeOutcome[] = ids.map((id, i) => ({ index: i, id, honest: !byzantine.has(i), events: [] }))
  // One sorted copy shared by every engine (it only reads it): n copies of n ids was n² memory at start-up.
  const genesisCommittee = Object.freeze([...ids].sort()) as string[]
  for (let i = 0; i < n; i++) {
    const strategy = strategies[i]
    const { crypto, ticket } = identities[i]
    const events = outcomes[i].events
    engines.push(
      (o.engineFactory ?? createEngine)({
        config: {
          networkId: NETWORK_ID,
          genesisHash: genesis,
          genesisTime,
          epochPeriodMs: o.periodMs,
          collectFraction: o.collectFraction,
          genesisCommittee,
          feeds: o.feeds,
          identityBits: o.identityBits,
          ticketValidityEpochs: 1_000_000,
          temperatureThreshold: o.temperatureThreshold,
          seed: hashSeed('sim-node', o.seed, i),
          // Three past epochs keep memory flat at 1,000+ nodes and still hold an epoch whose linear views started
          // late (after its parent) until its gossip fallback ends; with two, such an epoch was pruned unresolved.
          tuning: { keepEpochs: 3, ...o.tuning },
        },
        identity: { publicKey: crypto.publicKey, ticket },
        crypto: {
          sign: (message) => {
            if (active === i) ownMs += cpu.signMs
            return crypto.sign(message)
          },
          verify,
        },
        port: {
          publish: (topic, data) => post(i, { kind: 'publish', topic, data, reach: 1 }, transport.publishCost(data.length)),
          publishTo: (topic, data, reach) => post(i, { kind: 'publish', topic, data, reach }, transport.publishCost(data.length)),
          request: (requestId, peer, data) => post(i, { kind: 'request', to: indexOf.get(peer) ?? -1, requestId, data }, transport.requestCost(data.length)),
          send: (peer, data) => {
            const to = indexOf.get(peer)
            if (to !== undefined) post(i, { kind: 'send', to, data: interned(i, data) }, transport.sendCost(data.length))
          },
          emit: (event: EngineEvent) => {
            if (event.type === 'proposed' && active === i) ownMs += cpu.stampMs
            if ((event.type === 'certified' || event.type === 'approximate') && active === i) ownMs += cpu.epochMs
            collector.event(i, scheduler.now, event)
            if (o.keepEvents) events.push({ at: scheduler.now, event })
          },
        },
        strategy,
        colluders: byzantineCount,
        honestStats: (epoch, feed) => {
          const t = truth.get(feed)?.[epoch]
          return t === undefined ? undefined : { mean: Float64Array.of(t), std: Float64Array.of(o.honestSigma) }
        },
        memo: engineMemo,
      }),
    )
  }

  // Observations for epoch e arrive just before it starts; honest ones are truth + N(0, σ²). The error reference
  // (`observed`) holds every value honestly drawn and proposed unaltered: honest nodes', and those of attackers
  // whose strategy leaves values alone in that epoch (late, withhold, censor; flash before it strikes). Their
  // values are honest readings, so the record that aggregates them is not in error for doing so (measured against
  // honest nodes only, late/withhold/censor showed a 0.067σ "error" that was only 100 vs 67 samples).
  const proposesAsDrawn = (i: number, epoch: number) => {
    const s = strategies[i]
    return !byzantine.has(i) || !s?.active(epoch) || (!s.value && !s.secondFace)
  }
  const observed: Array<Map<string, Float64Array[]>> = []
  for (let e = 0; e <= o.epochs; e++) {
    const at = genesisTime + e * o.periodMs - 1
    scheduler.at(Math.max(0, at), () => {
      const perFeed = new Map<string, Float64Array[]>()
      for (const feed of o.feeds) {
        const t = truth.get(feed)![e]
        const values: Float64Array[] = []
        for (let i = 0; i < n; i++) {
          const v = Float64Array.of(t + o.honestSigma * valueRandom.normal())
          if (proposesAsDrawn(i, e)) values.push(v)
          engines[i].observe(feed, v)
        }
        perFeed.set(feed, values)
      }
      observed[e] = perFeed
      for (let i = 0; i < n; i++) reschedule(i)
      if (e > 0) o.onProgress?.(e, o.epochs)
    })
  }
  scheduler.runUntil(stopAt)
  o.onProgress?.(o.epochs, o.epochs)
  const report = summarise({ options: o, outcomes, collector, observed, truth, traffic, scheduler, queues, hosts: hostCount })
  const attackStart = byzantineCount === 0 ? -1 : Array.from({ length: o.epochs }, (_, e) => e).find((e) => strategies.some((s) => s?.active(e))) ?? -1
  Object.assign(report.summary, adversaryMetrics(report, o, target, attackStart < 0 ? null : attackStart))
  return report
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false
  return true
}

type Outgoing =
  | { kind: 'publish'; topic: string; data: Uint8Array; reach: number }
  | { kind: 'send'; to: number; data: Uint8Array }
  | { kind: 'request'; to: number; requestId: number; data: Uint8Array }
  | { kind: 'respond'; to: number; requestId: number; data: Uint8Array }

/** Every cost times `scale` (0 turns the CPU model off). */
function scaleCpuModel(model: CpuModel, scale: number): CpuModel {
  if (scale === 1) return model
  const points = (curve: CpuModel['gossipMs']) => curve.map(([bytes, ms]) => [bytes, ms * scale] as const)
  return {
    ...model,
    gossipMs: points(model.gossipMs),
    directMs: points(model.directMs),
    streamOpenMs: model.streamOpenMs * scale,
    verifyMs: model.verifyMs * scale,
    signMs: model.signMs * scale,
    decodeMs: model.decodeMs * scale,
    batchEntryMs: model.batchEntryMs * scale,
    annealMsPerProposalFeed: model.annealMsPerProposalFeed * scale,
    annealMsPerFeed: model.annealMsPerFeed * scale,
    epochMs: model.epochMs * scale,
    stampMs: model.stampMs * scale,
    idleMsPerSecond: model.idleMsPerSecond * scale,
  }
}

function pickByzantine(n: number, count: number, seed: number): Set<number> {
  const random = simRandom(hashSeed('sim-byzantine', seed))
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1)
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  return new Set(order.slice(0, count))
}

/** The true value per feed and epoch: a slow random walk from 100, so consecutive epochs differ. */
function groundTruth(epochs: number, feeds: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const feed of feeds) {
    const random = simRandom(hashSeed('sim-truth', feed))
    const series: number[] = []
    let value = 100
    for (let e = 0; e < epochs; e++) {
      series.push(value)
      value += 0.1 * random.normal()
    }
    out.set(feed, series)
  }
  return out
}
