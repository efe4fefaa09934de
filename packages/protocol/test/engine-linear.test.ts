import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { genesisHash } from '@thermotruth/pow'
import { createStrategy } from '../src/attacks/index.js'
import type { AttackStrategy } from '../src/attacks/types.js'
import { createEngine } from '../src/engine/engine.js'
import type { Engine, EngineEvent, EngineTuning } from '../src/engine/types.js'
import { simIdentity } from '../src/sim/identities.js'
import { authorId, decodeBatch, decodeDirect, decodeEndorsement, decodeViewChange, encodeBatch, encodeDirect, messageId, recordDigest, signBatch } from '../src/wire/index.js'

const NETWORK = 'thermotruth-linear'
const PERIOD = 1000

interface ClusterOptions {
  /** Engines that never run (crashed before genesis, or killed at `deadFrom`). */
  dead?: number[]
  deadFrom?: number
  strategies?: Record<number, AttackStrategy>
  /** Direct frames dropped when this returns true. */
  drop?: (from: number, to: number, kind: string) => boolean
  /** Rewrites a direct frame's inner bytes before delivery (a Byzantine sender's forgery). */
  tamper?: (from: number, to: number, kind: string, bytes: Uint8Array) => Uint8Array
  tuning?: Partial<EngineTuning>
}

/**
 * A synchronous driver for linear epochs: n engines, gossip delivered to all others 10 ms later and direct frames
 * 5 ms later. Counts every direct frame by kind and every gossip publish by topic.
 */
function cluster(n: number, opts: ClusterOptions = {}) {
  let now = 0
  const dead = new Set(opts.dead ?? [])
  const alive = (i: number) => !(dead.has(i) && now >= (opts.deadFrom ?? 0))
  const genesis = genesisHash(NETWORK)
  const ids = Array.from({ length: n }, (_, i) => simIdentity(NETWORK, genesis, 99, i, 4))
  const keys = ids.map((id) => authorId(id.crypto.publicKey))
  const events: EngineEvent[][] = ids.map(() => [])
  const direct = new Map<string, number>()
  /** Leader of each (epoch, view) that sent a batch, and every record each node endorsed per epoch. */
  const batchLeaders = new Map<string, number>()
  const endorsed = new Map<string, Set<string>>()
  const gossip = new Map<string, number>()
  /** Ed25519 verifies per engine. */
  const verifies = ids.map(() => 0)
  const queue: Array<{ at: number; seq: number; run: () => unknown }> = []
  let seq = 0
  const push = (at: number, run: () => unknown) => queue.push({ at, seq: seq++, run })
  const engines: Engine[] = ids.map((id, i) =>
    createEngine({
      config: {
        networkId: NETWORK,
        genesisHash: genesis,
        genesisTime: 0,
        epochPeriodMs: PERIOD,
        collectFraction: 0.5,
        genesisCommittee: [...keys].sort(),
        feeds: ['price'],
        identityBits: 4,
        ticketValidityEpochs: 1000,
        temperatureThreshold: 10,
        seed: i,
        tuning: { stampDifficulty: { initial: 4, gain: 0.1, min: 4, max: 8 }, aggregators: 4, ...opts.tuning },
      },
      identity: { publicKey: id.crypto.publicKey, ticket: id.ticket },
      crypto: {
        ...id.crypto,
        verify: (key, message, signature) => {
          verifies[i]++
          return id.crypto.verify(key, message, signature)
        },
      },
      strategy: opts.strategies?.[i],
      colluders: opts.strategies ? Object.keys(opts.strategies).length : 0,
      port: {
        publish: (topic, data) => {
          const name = topic.split('/')[3]
          gossip.set(name, (gossip.get(name) ?? 0) + 1)
          for (let j = 0; j < n; j++) if (j !== i) push(now + 10, () => alive(j) && alive(i) && engines[j].receive(keys[i], topic, data, now))
        },
        request: (requestId, peer, data) => {
          const j = keys.indexOf(peer)
          push(now + 10, () => (alive(j) ? engines[i].onResponse(requestId, peer, engines[j].handleRequest(keys[i], data), now) : engines[i].onRequestFailed(requestId)))
        },
        send: (peer, data) => {
          const j = keys.indexOf(peer)
          const frame = decodeDirect(data)
          const kind = frame.kind
          direct.set(kind, (direct.get(kind) ?? 0) + 1)
          if (kind === 'batch') {
            const b = decodeBatch(frame.bytes)
            batchLeaders.set(`${b.epoch}/${b.view}`, i)
          }
          const endorsement = kind === 'endorsement' ? decodeEndorsement(frame.bytes) : kind === 'view-change' ? decodeViewChange(frame.bytes).endorsement : undefined
          if (endorsement) {
            const key = `${i}/${endorsement.epoch}`
            const set = endorsed.get(key) ?? new Set<string>()
            set.add(Buffer.from(endorsement.recordDigest).toString('hex'))
            endorsed.set(key, set)
          }
          if (opts.drop?.(i, j, kind)) return
          const frameOut = opts.tamper ? encodeDirect({ kind, bytes: opts.tamper(i, j, kind, frame.bytes) } as ReturnType<typeof decodeDirect>) : data
          push(now + 5, () => alive(j) && alive(i) && engines[j].deliver(keys[i], frameOut, now))
        },
        emit: (event) => events[i].push(event),
      },
    }),
  )
  const runTo = (until: number) => {
    while (now < until) {
      queue.sort((a, b) => a.at - b.at || a.seq - b.seq)
      const nextWake = Math.min(...engines.map((e, i) => (alive(i) ? (e.nextWakeup() ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY)))
      const nextMsg = queue[0]?.at ?? Number.POSITIVE_INFINITY
      now = Math.max(now, Math.min(until, nextWake, nextMsg))
      while (queue.length > 0 && queue[0].at <= now) queue.shift()!.run()
      engines.forEach((e, i) => {
        if (alive(i)) e.tick(now)
      })
    }
  }
  /** Every event loop frozen until `until` (a CPU stall): what was due meanwhile runs late, in order. */
  const stall = (until: number) => {
    now = Math.max(now, until)
  }
  for (const [i, e] of engines.entries()) e.observe('price', Float64Array.of(100 + (i % 7) * 0.01))
  return { engines, events, ids, keys, direct, gossip, verifies, runTo, stall, alive, batchLeaders, endorsed }
}

/** Record digest per epoch on one node, from its certified events. */
function certified(events: EngineEvent[]): Map<number, string> {
  const out = new Map<number, string>()
  for (const e of events) if (e.type === 'certified') out.set(e.certificate.record.epoch, Buffer.from(recordDigest(e.certificate.record)).toString('hex'))
  return out
}

function endorsementsPerEpoch(events: EngineEvent[]): number {
  return events.filter((e) => e.type === 'certified').length
}

/** Every honest node holds the same record for every epoch any of them certified. */
function assertAgreement(c: ReturnType<typeof cluster>, honest: number[]): Map<number, string> {
  const union = new Map<number, string>()
  for (const i of honest) {
    for (const [epoch, digest] of certified(c.events[i])) {
      const seen = union.get(epoch)
      if (seen !== undefined) assert.equal(digest, seen, `node ${i} certified a different record for epoch ${epoch}`)
      union.set(epoch, digest)
    }
  }
  return union
}

describe('linear epochs', () => {
  test('seven honest engines certify every epoch through one batch and one certificate, with no gossip', () => {
    const c = cluster(7)
    c.runTo(8 * PERIOD)
    const all = [0, 1, 2, 3, 4, 5, 6]
    const union = assertAgreement(c, all)
    for (let e = 0; e < 7; e++) assert.ok(union.has(e), `epoch ${e} certified`)
    for (const i of all) assert.ok(endorsementsPerEpoch(c.events[i]) >= 7, `node ${i} certified ${endorsementsPerEpoch(c.events[i])}`)
    assert.equal(c.gossip.get('proposals') ?? 0, 0, 'no proposal was gossiped')
    assert.equal(c.gossip.get('endorsements') ?? 0, 0, 'no endorsement was gossiped')
    // Per epoch: 7 proposals to the leader and 7 to the backup (minus their own), one batch and one certificate per follower.
    const epochs = union.size
    assert.ok((c.direct.get('batch') ?? 0) <= 6 * (epochs + 1), `batches ${c.direct.get('batch')}`)
    assert.ok(!c.events.flat().some((e) => e.type === 'linear-fallback'), 'no epoch fell back')
  })

  test('before genesis a node keeps exactly the aggregators of the first epochs, not a second set as well', () => {
    const c = cluster(7)
    const before = c.engines.map((e) => e.wantedPeers())
    c.runTo(1)
    for (const [i, e] of c.engines.entries()) {
      assert.ok(before[i].length <= 4, `node ${i} pre-dials ${before[i].length} aggregators (the set is 4)`)
      assert.deepEqual(e.wantedPeers(), before[i], `node ${i} keeps the same peers at genesis`)
    }
  })

  test('a leader killed mid-run is replaced by its backup and every epoch still certifies', () => {
    // The schedule is a pure function of identities and certified records: learn epoch 3's view-0 leader from an
    // honest run, then kill that node just before epoch 3 in an identical cluster.
    const probe = cluster(7)
    probe.runTo(5 * PERIOD)
    const victim = probe.batchLeaders.get('3/0')
    assert.notEqual(victim, undefined, 'epoch 3 had a view-0 batch')
    const c = cluster(7, { dead: [victim!], deadFrom: 3 * PERIOD - 1 })
    c.runTo(10 * PERIOD)
    const honest = [0, 1, 2, 3, 4, 5, 6].filter((i) => i !== victim)
    const union = assertAgreement(c, honest)
    for (let e = 0; e < 9; e++) assert.ok(union.has(e), `epoch ${e} certified (have ${[...union.keys()]})`)
    assert.ok(c.events[honest[0]].some((e) => e.type === 'view-change' && e.epoch === 3), 'epoch 3 changed view')
    assert.equal(c.batchLeaders.has('3/0'), false, 'the dead leader sent nothing')
    assert.ok(c.batchLeaders.has('3/1'), 'the backup led view 1')
  })

  test('at most one endorsement per honest node per epoch, across views', () => {
    // Certificates of view 0 never arrive: every node moves to view 1 holding its endorsement, and the backup
    // re-proposes the endorsed set instead of splitting the vote.
    const c = cluster(7, { drop: (_from, _to, kind) => kind === 'certificate' })
    c.runTo(6 * PERIOD)
    const union = assertAgreement(c, [0, 1, 2, 3, 4, 5, 6])
    assert.ok(union.size >= 4, `certified ${union.size}`)
    for (const [key, records] of c.endorsed) assert.equal(records.size, 1, `node/epoch ${key} endorsed ${records.size} records`)
    assert.ok([...c.batchLeaders.keys()].some((k) => k.endsWith('/1')), 'some view 1 batch was sent')
  })

  test('a silent leader (strategy) is replaced; honest nodes agree', () => {
    const c = cluster(7, { strategies: { 2: createStrategy('leader-silent') } })
    c.runTo(10 * PERIOD)
    const union = assertAgreement(c, [0, 1, 3, 4, 5, 6])
    assert.ok(union.size >= 8, `certified ${union.size}`)
  })

  test('a leader that receipted a proposal and left it out of its batch is evicted by every honest node on the evidence', () => {
    // A naive censor: it takes (and receipts) every proposal, then drops node 0's from the batch it signs.
    const probe = cluster(7)
    probe.runTo(4 * PERIOD)
    const censor = probe.batchLeaders.get('2/0')!
    const victim = censor === 0 ? 1 : 0
    const omit: AttackStrategy = { name: 'omit', active: (epoch) => epoch >= 2, leaderIncludes: ({ author }) => author !== probe.keys[victim] }
    const c = cluster(7, { strategies: { [censor]: omit } })
    c.runTo(12 * PERIOD)
    const honest = [0, 1, 2, 3, 4, 5, 6].filter((i) => i !== censor)
    assertAgreement(c, honest)
    for (const i of honest) {
      assert.ok(
        c.events[i].some((e) => e.type === 'eviction' && e.author === c.keys[censor]),
        `node ${i} evicted the censoring leader`,
      )
    }
    assert.ok(c.events[victim].some((e) => e.type === 'leader-evidence' && e.kind === 'censorship'), 'the victim produced the evidence')
    assert.ok((c.gossip.get('evidence') ?? 0) >= 1, 'the evidence was gossiped')
  })

  test('followers verify only their audit sample of a batch, and still certify every epoch', () => {
    const full = cluster(7, { tuning: { batchAuditSample: 7 } })
    const sampled = cluster(7, { tuning: { batchAuditSample: 2 } })
    full.runTo(8 * PERIOD)
    sampled.runTo(8 * PERIOD)
    const all = [0, 1, 2, 3, 4, 5, 6]
    const union = assertAgreement(sampled, all)
    for (let e = 0; e < 7; e++) assert.ok(union.has(e), `epoch ${e} certified with sampled audits`)
    const total = (c: ReturnType<typeof cluster>) => c.verifies.reduce((a, b) => a + b, 0)
    // Each follower skips at least 7 - 1 (own) - 2 (sample) = 4 proposal signatures per batch; 6 followers, 7 epochs.
    assert.ok(total(full) - total(sampled) >= 4 * 6 * 6, `verifies: ${total(full)} with full audits, ${total(sampled)} sampled`)
  })

  test('a leader that signs a forged proposal into its batch is evicted on the evidence of the entry\'s author', () => {
    const probe = cluster(7)
    probe.runTo(4 * PERIOD)
    const forger = probe.batchLeaders.get('2/0')!
    const victim = forger === 0 ? 1 : 0
    const victimKey = probe.keys[victim]
    const c = cluster(7, {
      tuning: { batchAuditSample: 1 },
      tamper: (from, _to, kind, bytes) => {
        if (from !== forger || kind !== 'batch') return bytes
        const b = decodeBatch(bytes)
        if (b.epoch !== 2) return bytes
        // Replace the victim's proposal with one whose signature it never made, keep the batch sorted, re-sign.
        const proposals = b.proposals.map((p) => {
          if (Buffer.from(p).toString('hex').indexOf(victimKey) < 0) return p
          const forged = Uint8Array.from(p)
          forged[forged.length - 1] ^= 1
          return forged
        })
        proposals.sort((x, y) => Buffer.compare(Buffer.from(messageId(x)), Buffer.from(messageId(y))))
        const { signature: _drop, ...unsigned } = b
        return encodeBatch(signBatch({ ...unsigned, proposals }, c.ids[forger].crypto.sign))
      },
    })
    c.runTo(10 * PERIOD)
    const honest = [0, 1, 2, 3, 4, 5, 6].filter((i) => i !== forger)
    assertAgreement(c, honest)
    assert.ok(c.events[victim].some((e) => e.type === 'leader-evidence' && e.kind === 'forgery'), 'the forged author produced the evidence')
    for (const i of honest) {
      assert.ok(c.events[i].some((e) => e.type === 'eviction' && e.author === c.keys[forger]), `node ${i} evicted the forging leader`)
    }
  })

  test('leader-equivocate: two batches in one view never split honest nodes', () => {
    const c = cluster(7, { strategies: { 3: createStrategy('leader-equivocate') } })
    c.runTo(10 * PERIOD)
    const union = assertAgreement(c, [0, 1, 2, 4, 5, 6])
    assert.ok(union.size >= 8, `certified ${union.size}`)
  })

  test('a node running late when its views fail closes the epoch approximately instead of gossiping, and recovers', () => {
    // No batch is delivered from t = 2P to 4.4P. Epoch 2's views fail on time, so it runs the gossip path. Epoch 3's
    // views fail too, but every event loop is frozen from 3.95P to 4.4P (a CPU stall): the nodes notice 0.4P late,
    // shed epoch 3 (closed approximately, no proposal gossiped), and once batches flow again the epochs certify.
    let blocked = false
    const c = cluster(7, { drop: (_from, _to, kind) => blocked && kind === 'batch' })
    c.runTo(2 * PERIOD)
    blocked = true
    const gossipBefore = c.gossip.get('proposals') ?? 0
    c.runTo(3.95 * PERIOD)
    const gossipedInEpoch2 = (c.gossip.get('proposals') ?? 0) - gossipBefore
    c.stall(4.4 * PERIOD)
    c.runTo(4.4 * PERIOD + 1)
    blocked = false
    c.runTo(9 * PERIOD)
    const all = [0, 1, 2, 3, 4, 5, 6]
    const union = assertAgreement(c, all)
    for (const i of all) {
      const fallbacks = c.events[i].filter((e) => e.type === 'linear-fallback')
      const onTime = fallbacks.find((e) => e.epoch === 2)
      const late = fallbacks.find((e) => e.epoch === 3)
      assert.ok(onTime && !onTime.shed && onTime.lagMs <= 0.25 * PERIOD, `node ${i}: epoch 2 fell back to gossip (${JSON.stringify(onTime)})`)
      assert.ok(late?.shed && late.lagMs > 0.25 * PERIOD, `node ${i}: epoch 3 was shed (${JSON.stringify(late)})`)
      assert.ok(c.events[i].some((e) => e.type === 'approximate' && e.record.epoch === 3 && e.rounds === 0), `node ${i}: epoch 3 approximate`)
    }
    assert.equal(gossipedInEpoch2, 7, 'epoch 2 ran the gossip path (one proposal per node)')
    assert.equal(c.gossip.get('proposals'), gossipBefore + gossipedInEpoch2, 'epoch 3 gossiped no proposal')
    for (let e = 5; e < 8; e++) assert.ok(union.has(e), `epoch ${e} certified after the batches came back (have ${[...union.keys()]})`)
  })

  test('leader-censor: honest nodes agree and most epochs certify', () => {
    const c = cluster(7, { strategies: { 1: createStrategy('leader-censor'), 5: createStrategy('leader-censor') } })
    c.runTo(12 * PERIOD)
    const union = assertAgreement(c, [0, 2, 3, 4, 6])
    assert.ok(union.size >= 10, `certified ${union.size}`)
  })
})

describe('linear epochs: hostile direct frames', () => {
  test('garbage and mutated frames never throw out of deliver, and a malformed frame penalises its sender only', () => {
    const c = cluster(4)
    c.runTo(2 * PERIOD)
    const target = c.engines[0]
    const sender = c.keys[1]
    const frames: Uint8Array[] = []
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 1, max: 6 }), (body, kind) => {
        const frame = new Uint8Array(body.length + 1)
        frame[0] = kind
        frame.set(body, 1)
        frames.push(frame)
        target.deliver(sender, frame, 2 * PERIOD)
      }),
      { numRuns: 2000 },
    )
    target.deliver(sender, new Uint8Array([99, 1, 2, 3]), 2 * PERIOD)
    const penalties = c.events[0].filter((e) => e.type === 'penalty')
    assert.ok(penalties.length > 0, 'malformed frames were penalised')
    assert.ok(penalties.every((e) => e.type === 'penalty' && e.peer === sender), 'only the sender was penalised')
    // The engine still works afterwards.
    c.runTo(6 * PERIOD)
    assert.ok(certified(c.events[0]).size >= 4)
  })
})
