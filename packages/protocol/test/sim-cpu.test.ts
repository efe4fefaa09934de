import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Engine, EngineDeps } from '../src/engine/types.js'
import { cpuCosts, DEFAULT_CPU_MODEL, resolveCpuModel } from '../src/sim/cpu-model.js'
import { CpuQueues } from '../src/sim/cpu-queue.js'
import { GossipMesh } from '../src/sim/mesh.js'
import { SimOptionError } from '../src/sim/options.js'
import { simRandom } from '../src/sim/random.js'
import { runSimulation } from '../src/sim/run.js'
import { Scheduler } from '../src/sim/scheduler.js'
import { Traffic } from '../src/sim/traffic.js'
import { type Flood, SimTransport, type TransportHandlers } from '../src/sim/transport.js'

const ZERO_CPU = {
  gossipMs: [[0, 0]] as const,
  directMs: [[0, 0]] as const,
  streamOpenMs: 0,
  verifyMs: 0,
  signMs: 0,
  decodeMs: 0,
  batchEntryMs: 0,
  annealMsPerProposalFeed: 0,
  annealMsPerFeed: 0,
  epochMs: 0,
  stampMs: 0,
  idleMsPerSecond: 0,
}

describe('sim cpu model', () => {
  test('the curves pass through the calibrated points, hold the first cost below it and extrapolate beyond', () => {
    const c = cpuCosts(DEFAULT_CPU_MODEL)
    assert.equal(c.gossip(256), 1.0)
    assert.equal(c.gossip(8192), 3.3)
    assert.equal(c.gossip(10), 1.0)
    assert.ok(c.gossip(16384) > 3.3)
    assert.ok(Math.abs(c.directSend(256) + c.directReceive(256) - 0.9) < 1e-12)
    assert.ok(Math.abs(c.directSend(8192) + c.directReceive(8192) - 1.2) < 1e-12)
    assert.ok(Math.abs(c.directSend(20480) + c.directReceive(20480) - 1.5) < 1e-12)
    assert.ok(c.directSend(4000) > c.directSend(256) && c.directSend(4000) < c.directSend(8192))
  })

  test('bad overrides are one-line option errors', () => {
    assert.throws(() => resolveCpuModel({ verifyMs: -1 }), /verifyMs must be a finite number >= 0/)
    assert.throws(() => resolveCpuModel({ gossipMs: [[100, 1], [50, 2]] }), /increasing byte sizes/)
    assert.throws(() => runSimulation({ nodes: 4, epochs: 1, cpu: { signMs: Number.NaN } }), SimOptionError)
    assert.throws(() => runSimulation({ nodes: 4, epochs: 1, hosts: 5 }), SimOptionError)
  })
})

describe('sim cpu queues', () => {
  test('one host runs jobs first in, first out: each starts when the previous one is done', () => {
    const s = new Scheduler()
    const q = new CpuQueues(s, 1, { from: 0, until: 100 })
    const done: Array<[number, number]> = []
    const record = (_: unknown, k: number) => done.push([k, s.now])
    s.at(0, () => q.enqueue(0, 5, record, undefined, 1))
    s.at(1, () => q.enqueue(0, 2, record, undefined, 2))
    s.at(20, () => q.enqueue(0, 3, record, undefined, 3))
    s.runUntil(100)
    assert.deepEqual(done, [
      [1, 5],
      [2, 7],
      [3, 23],
    ])
    const stats = q.stats()
    assert.equal(stats.busyMs, 10)
    assert.equal(stats.utilisationMax, 0.1)
    assert.equal(stats.waitMs.max, 4)
  })

  test("a job's own follow-up work runs before jobs already waiting; other hosts are independent", () => {
    const s = new Scheduler()
    const q = new CpuQueues(s, 2, { from: 0, until: 100 })
    const done: Array<[string, number]> = []
    const named = (name: string) => () => done.push([name, s.now])
    s.at(0, () => {
      q.enqueue(0, 4, () => {
        done.push(['first', s.now])
        q.enqueueNext(0, 3, named('follow-up'))
      })
      q.enqueue(0, 1, named('waiting'))
      q.enqueue(1, 2, named('other host'))
    })
    s.runUntil(100)
    assert.deepEqual(done, [
      ['other host', 2],
      ['first', 4],
      ['follow-up', 7],
      ['waiting', 8],
    ])
  })
})

/** A transport over a line of nodes 0 - 1 - 2 - ... (mesh degree 1 plus the ring's closing link). */
function rig(opts: { nodes: number; rttMs: number; loss?: number; cpu?: Partial<typeof DEFAULT_CPU_MODEL>; hosts?: number; accept?: (v: number) => boolean }) {
  const scheduler = new Scheduler()
  const hosts = opts.hosts ?? opts.nodes
  const queues = new CpuQueues(scheduler, hosts, { from: 0, until: 1e9 })
  const mesh = new GossipMesh({ nodes: opts.nodes, degree: 2 }, simRandom(1))
  const traffic = new Traffic()
  const got: Array<{ kind: string; node: number; from: number; at: number; data?: Uint8Array }> = []
  const handlers: TransportHandlers = {
    gossip: (v: number, flood: Flood) => {
      got.push({ kind: 'gossip', node: v, from: flood.from, at: scheduler.now })
      return opts.accept ? opts.accept(v) : true
    },
    direct: (to, from, data) => got.push({ kind: 'direct', node: to, from, at: scheduler.now, data }),
    request: () => undefined,
    response: () => undefined,
    requestFailed: () => undefined,
  }
  const costs = cpuCosts(resolveCpuModel({ ...ZERO_CPU, ...opts.cpu }))
  const hostOf = Int32Array.from({ length: opts.nodes }, (_, i) => i % hosts)
  const transport = new SimTransport(
    scheduler,
    queues,
    mesh,
    traffic,
    simRandom(2),
    { rttMs: opts.rttMs, jitterMs: 0, loss: opts.loss ?? 0, hostOf, costs, signatures: (bytes) => ({ signatures: bytes[0] ?? 0 }), counted: () => true },
    handlers,
  )
  return { scheduler, queues, mesh, traffic, transport, got }
}

describe('sim transport', () => {
  test('a direct message reaches the peer after rtt/2 plus its processing, from the right sender, counted once', () => {
    // Receiver: half of 0.18 ms of stream cost at 256 B, 0.1 ms decode, and 3 signatures (the classifier reads byte 0).
    const r = rig({ nodes: 4, rttMs: 40, cpu: { directMs: [[256, 0.18]], decodeMs: 0.1, verifyMs: 0.085 } })
    const data = new Uint8Array(256)
    data[0] = 3
    r.scheduler.at(10, () => r.transport.send(1, 3, data))
    r.scheduler.runUntil(1000)
    assert.equal(r.got.length, 1)
    const [m] = r.got
    assert.equal(m.kind, 'direct')
    assert.equal(m.node, 3)
    assert.equal(m.from, 1)
    assert.equal(m.data, data)
    assert.ok(Math.abs(m.at - (10 + 20 + 0.09 + 0.1 + 3 * 0.085)) < 1e-9, `arrived at ${m.at}`)
    assert.equal(r.traffic.directMessages, 1)
    assert.equal(r.traffic.messages, 1)
    assert.equal(r.traffic.directBytes, 256 + 48)
  })

  test('direct messages queue behind each other on a busy receiver', () => {
    const r = rig({ nodes: 3, rttMs: 10, cpu: { directMs: [[0, 10]], directSenderShare: 0 } })
    r.scheduler.at(0, () => {
      for (let k = 0; k < 3; k++) r.transport.send(0, 2, new Uint8Array(8))
    })
    r.scheduler.runUntil(1000)
    assert.deepEqual(
      r.got.map((m) => m.at),
      [15, 25, 35],
    )
  })

  test('a lossy link drops about `loss` of direct messages, and every one still counts as sent', () => {
    const r = rig({ nodes: 2, rttMs: 2, loss: 0.3 })
    r.scheduler.at(0, () => {
      for (let k = 0; k < 2000; k++) r.transport.send(0, 1, new Uint8Array(1))
    })
    r.scheduler.runUntil(1000)
    const share = 1 - r.got.length / 2000
    assert.ok(share > 0.25 && share < 0.35, `lost ${share}`)
    assert.equal(r.traffic.directMessages, 2000)
  })

  test('with no CPU cost a flood reaches every node after (hops) * rtt/2, each node once', () => {
    const r = rig({ nodes: 60, rttMs: 30 })
    r.scheduler.at(0, () => r.transport.publish(0, 't', new Uint8Array(8), r.mesh.neighbours[0]))
    r.scheduler.runUntil(1e6)
    const hops = r.mesh.hops(0)
    assert.equal(r.got.length, 59)
    for (const m of r.got) assert.equal(m.at, hops[m.node] * 15, `node ${m.node}`)
  })

  test('a node that does not accept a message does not forward it (gossipsub validation)', () => {
    const r = rig({ nodes: 40, rttMs: 30, accept: (v) => v !== 1 && v !== 39 })
    // Node 0's mesh peers include 1 and 39 (the ring); with both refusing, only other links can carry it on.
    r.scheduler.at(0, () => r.transport.publish(0, 't', new Uint8Array(8), [1, 39]))
    r.scheduler.runUntil(1e6)
    assert.deepEqual(r.got.map((m) => m.node).sort((a, b) => a - b), [1, 39])
  })

  test("a saturated relay slows the flood: downstream arrival waits for the relay's queue", () => {
    const fast = rig({ nodes: 30, rttMs: 20 })
    const slow = rig({ nodes: 30, rttMs: 20, hosts: 1, cpu: { gossipMs: [[0, 5]] } })
    for (const r of [fast, slow]) {
      r.scheduler.at(0, () => r.transport.publish(0, 't', new Uint8Array(8), r.mesh.neighbours[0]))
      r.scheduler.runUntil(1e6)
    }
    const last = (r: typeof fast) => Math.max(...r.got.map((m) => m.at))
    // One shared CPU processes the 29 receipts one after another at 5 ms each.
    assert.ok(last(slow) >= 29 * 5, `slow ${last(slow)}`)
    assert.ok(last(slow) > last(fast) + 50, `slow ${last(slow)} vs fast ${last(fast)}`)
  })
})

/**
 * A fake engine that, at each epoch start, sends one direct message to the next node (its index and the epoch),
 * and records what `deliver` hands it: the simulator's port.send / engine.deliver path end to end.
 */
function fakeEngineFactory(log: Array<{ to: string; from: string; now: number; epoch: number }>, ids: string[]) {
  return (deps: EngineDeps): Engine => {
    const self = deps.config.genesisCommittee.find((id) => id === Buffer.from(deps.identity.publicKey).toString('hex'))!
    ids.push(self)
    let epoch = -1
    const period = deps.config.epochPeriodMs
    return {
      topics: { proposals: 'p', endorsements: 'e', agreement: 'a', evidence: 'v' },
      tick(now) {
        while (deps.config.genesisTime + (epoch + 1) * period <= now) {
          epoch++
          const committee = deps.config.genesisCommittee
          const next = committee[(committee.indexOf(self) + 1) % committee.length]
          deps.crypto.sign(Uint8Array.of(epoch))
          deps.port.send?.(next, Uint8Array.of(1, epoch))
        }
      },
      nextWakeup: () => deps.config.genesisTime + (epoch + 1) * period,
      receive: () => ({ action: 'ignore' }),
      handleRequest: () => new Uint8Array(0),
      onResponse: () => undefined,
      onRequestFailed: () => undefined,
      deliver(from, bytes, now) {
        log.push({ to: self, from, now: now ?? -1, epoch: bytes[1] })
      },
      wantedPeers: () => [],
      observe: () => undefined,
      submitReport: () => ({ accepted: false, reason: 'fake', retryable: false }),
      status: () => ({ epoch, phase: 'fake', committeeSize: 0, lastCertifiedEpoch: undefined, difficulty: 0, temperature: undefined, entropyBits: undefined, mempoolDepth: 0 }),
      restore: () => undefined,
    renewTicket: () => undefined,
    }
  }
}

describe('sim direct messages through runSimulation (fake engine)', () => {
  test("port.send reaches the peer's engine.deliver after rtt/2 and both ends' CPU, and is counted", () => {
    const log: Array<{ to: string; from: string; now: number; epoch: number }> = []
    const ids: string[] = []
    const nodes = 6
    const cpu = { ...ZERO_CPU, directMs: [[0, 0.4]] as const, signMs: 0.05, verifyMs: 0.1 }
    const report = runSimulation({ nodes, epochs: 3, rttMs: 40, jitterMs: 0, cpu, engineFactory: fakeEngineFactory(log, ids) })
    const committee = [...ids].sort()
    // Epochs 0..3 start inside the run (it stops 0.9 period after the last epoch's start).
    assert.equal(log.length, nodes * 4)
    for (const m of log) {
      assert.equal(committee[(committee.indexOf(m.from) + 1) % nodes], m.to, 'delivered to the addressee, from its sender')
      // Sender: sign 0.05 + half of 0.4; link 20; receiver: the other half + one signature (0.1).
      // Epoch 0's first tick is 1 µs after genesis (the driver never wakes a node at the current instant).
      const expected = m.epoch * 2000 + 0.05 + 0.2 + 20 + 0.2 + 0.1
      assert.ok(Math.abs(m.now - expected) < 0.002, `epoch ${m.epoch}: delivered at ${m.now}, expected ${expected}`)
    }
    assert.equal(report.summary.directMessagesPerNodePerEpoch, 1)
    assert.equal(report.summary.bytesPerNodePerEpoch, 2 + 48)
    // CPU per node and epoch: sign 0.05 + both halves 0.4 + verify 0.1.
    assert.ok(Math.abs(report.summary.cpuMsPerNodePerEpoch - 0.55) < 1e-3, `${report.summary.cpuMsPerNodePerEpoch}`)
  })
})

describe('sim CPU through the real engine', () => {
  // The all-to-all (gossip) epoch: its per-node counts are exact, and it is the one the old swarm measurements ran.
  const GOSSIP = { tuning: { epochMode: 'gossip' as const } }

  test("the node's own work is charged: one stamp, two signatures and one anneal over n proposals per epoch", () => {
    const nodes = 8
    const epochs = 3
    const only = (extra: Partial<typeof DEFAULT_CPU_MODEL>) => runSimulation({ nodes, epochs, seed: 2, cpu: { ...ZERO_CPU, ...extra }, ...GOSSIP }).summary.cpuMsPerNodePerEpoch
    assert.equal(only({ stampMs: 1 }), 1)
    assert.equal(only({ signMs: 1 }), 2)
    // The anneal runs over the n proposals of the set, one feed (a canary: it relies on the engine's memo key).
    assert.equal(only({ annealMsPerProposalFeed: 1 }), nodes)
    assert.equal(only({ annealMsPerFeed: 1 }), 1)
    // One durable commit (and the rest of the epoch's own work) per finalized epoch.
    assert.equal(only({ epochMs: 1 }), 1)
  })

  test('linear epochs: a follower pays for every entry of the batch, and the certificate by its endorsements', () => {
    const nodes = 8
    const epochs = 3
    const only = (extra: Partial<typeof DEFAULT_CPU_MODEL>) => runSimulation({ nodes, epochs, seed: 2, cpu: { ...ZERO_CPU, ...extra } }).summary
    const entries = only({ batchEntryMs: 1 })
    assert.equal(entries.certifiedEpochs, epochs)
    // Each epoch one batch of n entries reaches the n - 1 followers (the leader built it; it does not check it again).
    assert.ok(Math.abs(entries.cpuMsPerNodePerEpoch - (nodes * (nodes - 1)) / nodes) < 1e-9, `${entries.cpuMsPerNodePerEpoch}`)
  })

  test('co-hosted nodes share a CPU: the same run on 2 hosts is busier and slower than on one CPU per node', () => {
    const own = runSimulation({ nodes: 24, epochs: 3, seed: 4, keepEvents: false, ...GOSSIP }).summary
    const shared = runSimulation({ nodes: 24, epochs: 3, seed: 4, hosts: 2, keepEvents: false, ...GOSSIP }).summary
    assert.equal(own.cpuQueue.hosts, 24)
    assert.equal(shared.cpuQueue.hosts, 2)
    assert.ok(shared.cpuQueue.utilisationMean > 5 * own.cpuQueue.utilisationMean)
    assert.ok(shared.finalityMs.p50 > own.finalityMs.p50 + 50, `p50 ${shared.finalityMs.p50} vs ${own.finalityMs.p50}`)
    assert.equal(own.certifiedEpochs, 3)
  })

  test('a saturated swarm stops certifying (what n=100 real nodes in 2 processes do), and the queues say so', () => {
    const s = runSimulation({ nodes: 60, epochs: 2, seed: 6, hosts: 1, keepEvents: false, ...GOSSIP }).summary
    assert.ok(s.cpuQueue.utilisationMax > 0.99, `utilisation ${s.cpuQueue.utilisationMax}`)
    assert.equal(s.certifiedEpochs, 0)
  })

  test('linear epochs: leaders are busier than followers, and sharing 2 CPUs still slows finality', () => {
    const own = runSimulation({ nodes: 24, epochs: 4, seed: 4, keepEvents: false }).summary
    const shared = runSimulation({ nodes: 24, epochs: 4, seed: 4, hosts: 2, keepEvents: false }).summary
    assert.equal(own.certifiedEpochs, 4)
    assert.ok(own.directMessagesPerNodePerEpoch > 0, 'linear epochs use direct messages')
    // Followers check every batch entry and the certificate's endorsements too, so the leaders' excess is ~1.5x the
    // mean, not more (24 nodes: max 0.0245, mean 0.0164 with the [prof30] costs).
    assert.ok(own.cpuQueue.utilisationMax > 1.3 * own.cpuQueue.utilisationMean, `max ${own.cpuQueue.utilisationMax} mean ${own.cpuQueue.utilisationMean}`)
    assert.ok(shared.resolvedMs.p50 > own.resolvedMs.p50, `p50 ${shared.resolvedMs.p50} vs ${own.resolvedMs.p50}`)
  })

  test('the same seed gives the same report, bit for bit, with the CPU model and shared hosts', () => {
    const run = () => runSimulation({ nodes: 16, epochs: 3, seed: 9, hosts: 2, jitterMs: 7, loss: 0.02, keepEvents: false })
    const a = run()
    const b = run()
    assert.equal(JSON.stringify(a.summary), JSON.stringify(b.summary))
    assert.equal(JSON.stringify(a.epochs), JSON.stringify(b.epochs))
  })
})
