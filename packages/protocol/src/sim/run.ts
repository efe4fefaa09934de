/**
 * The simulator: every node runs the real engine (`createEngine`), wired to a modelled gossip mesh and driven by
 * one discrete-event scheduler. Everything random comes from seeded streams, so a run is a pure function of its
 * options: the same seed prints the same JSON.
 */
import { hashSeed } from '@thermotruth/anneal'
import { genesisHash as defaultGenesisHash } from '@thermotruth/pow'
import { createStrategy } from '../attacks/index.js'
import { createEngine } from '../engine/engine.js'
import type { Engine, EngineEvent } from '../engine/types.js'
import { authorId, createVerifyCache } from '../wire/index.js'
import { adversaryMetrics, relayFilter } from './adversary.js'
import { simIdentity } from './identities.js'
import { createSimMemo } from './memo.js'
import { GossipMesh } from './mesh.js'
import { resolveSimOptions, type SimOptions } from './options.js'
import { simRandom } from './random.js'
import { Scheduler } from './scheduler.js'
import { applyIdentityEconomics } from './sybil.js'
import { type NodeOutcome, type SimReport, summarise } from './summary.js'
import { Traffic } from './traffic.js'

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
  const mesh = new GossipMesh({ nodes: n, degree: o.gossipDegree, rttMs: o.rttMs, jitterMs: o.jitterMs, loss: o.loss, cpuCostMs: o.cpuCostMs }, meshRandom)
  const traffic = new Traffic(n)
  const memo = createSimMemo()
  const verifyCache = createVerifyCache(identities[0].crypto.verify)
  const truth = groundTruth(o.epochs + 2, o.feeds)
  const outcomes: NodeOutcome[] = ids.map((id, i) => ({ index: i, id, honest: !byzantine.has(i), events: [] }))
  const genesisTime = 0
  const engines: Engine[] = []
  const wakeAt: Array<number | undefined> = new Array(n).fill(undefined)
  const stopAt = genesisTime + o.periodMs * (o.epochs + (o.tuning.endorsementMode === 'piggyback' ? 1.6 : 0.9))

  const reschedule = (i: number) => {
    const w = engines[i].nextWakeup()
    if (w === undefined) return
    const at = Math.max(w, scheduler.now + 0.001)
    if (wakeAt[i] !== undefined && wakeAt[i]! <= at) return
    wakeAt[i] = at
    scheduler.at(at, () => {
      if (wakeAt[i] !== at) return
      wakeAt[i] = undefined
      if (scheduler.now < stopAt) engines[i].tick(scheduler.now)
      reschedule(i)
    })
  }

  const broadcast = (from: number, topic: string, data: Uint8Array, reach: number) => {
    if (scheduler.now >= stopAt) return
    const peers = mesh.pickPeers(from, reach, deliveryRandom)
    const arrival = mesh.spread(from, peers, deliveryRandom, silentRelays(ids[from], topic, Math.floor(scheduler.now / o.periodMs)))
    traffic.gossip(from, data.length, reach >= 1 ? mesh.floodTransmissions : mesh.floodTransmissions - (mesh.neighbours[from].length - peers.length), scheduler.now < genesisTime + o.periodMs * o.epochs)
    // One self-rescheduling stream per publish (not one queued closure per receiver): the queue holds about as
    // many entries as messages in flight, which keeps the heap shallow and the garbage low at 1,000+ nodes.
    const order: number[] = []
    for (let v = 0; v < n; v++) if (v !== from && arrival[v] !== Number.POSITIVE_INFINITY) order.push(v)
    order.sort((a, b) => arrival[a] - arrival[b] || a - b)
    const sender = ids[from]
    const start = scheduler.now
    let next = 0
    const step = () => {
      const v = order[next++]
      engines[v].receive(sender, topic, data, scheduler.now)
      reschedule(v)
      if (next < order.length) scheduler.at(start + arrival[order[next]], step)
    }
    if (order.length > 0) scheduler.at(start + arrival[order[0]], step)
  }

  // Targeted strategies (censor) aim at the first honest node.
  const target = ids.find((_, i) => !byzantine.has(i))
  const strategies = ids.map((_, i) =>
    byzantine.has(i) && o.attack ? createStrategy(o.attack, { fromEpoch: o.attackFrom, untilEpoch: o.attackUntil, magnitude: o.attackMagnitude, target }) : undefined,
  )
  const silentRelays = relayFilter(strategies)
  for (let i = 0; i < n; i++) {
    const strategy = strategies[i]
    const { crypto, ticket } = identities[i]
    engines.push(
      createEngine({
        config: {
          networkId: NETWORK_ID,
          genesisHash: genesis,
          genesisTime,
          epochPeriodMs: o.periodMs,
          collectFraction: o.collectFraction,
          genesisCommittee: [...ids].sort(),
          feeds: o.feeds,
          identityBits: o.identityBits,
          ticketValidityEpochs: 1_000_000,
          temperatureThreshold: o.temperatureThreshold,
          seed: hashSeed('sim-node', o.seed, i),
          // Two past epochs are enough to serve fetches in the simulator and keep memory flat at 1,000+ nodes.
          tuning: { keepEpochs: 2, ...o.tuning },
        },
        identity: { publicKey: crypto.publicKey, ticket },
        crypto: { sign: crypto.sign, verify: verifyCache.verify },
        port: {
          publish: (topic, data) => broadcast(i, topic, data, 1),
          publishTo: (topic, data, reach) => broadcast(i, topic, data, reach),
          request: (requestId, peer, data) => {
            const p = indexOf.get(peer)
            const oneWay = () => o.rttMs / 2 + o.jitterMs * deliveryRandom.uniform()
            traffic.direct(i, data.length, scheduler.now < genesisTime + o.periodMs * o.epochs)
            if (p === undefined || deliveryRandom.uniform() < o.loss) {
              scheduler.after(4 * o.rttMs + 1, () => {
                engines[i].onRequestFailed(requestId)
                reschedule(i)
              })
              return
            }
            scheduler.after(oneWay(), () => {
              const response = engines[p].handleRequest(ids[i], data)
              traffic.direct(p, response.length, scheduler.now < genesisTime + o.periodMs * o.epochs)
              scheduler.after(oneWay(), () => {
                engines[i].onResponse(requestId, peer, response, scheduler.now)
                reschedule(i)
              })
            })
          },
          emit: (event: EngineEvent) => outcomes[i].events.push({ at: scheduler.now, event }),
        },
        strategy,
        colluders: byzantineCount,
        honestStats: (epoch, feed) => {
          const t = truth.get(feed)?.[epoch]
          return t === undefined ? undefined : { mean: Float64Array.of(t), std: Float64Array.of(o.honestSigma) }
        },
        memo,
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
  const report = summarise({ options: o, outcomes, observed, truth, traffic, scheduler })
  const attackStart = byzantineCount === 0 ? -1 : Array.from({ length: o.epochs }, (_, e) => e).find((e) => strategies.some((s) => s?.active(e))) ?? -1
  Object.assign(report.summary, adversaryMetrics(report, o, target, attackStart < 0 ? null : attackStart))
  return report
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
