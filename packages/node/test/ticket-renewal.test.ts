import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { genesisHash, type IdentityTicket, liveMinerWorkers, mineTicket, verifyTicket } from '@thermotruth/pow'
import { Registry } from 'prom-client'
import { type TicketAnchor, WindowLimiter, decodeAnchors, encodeAnchors, fetchAnchors, serveAnchors } from '../src/network/anchor-protocol.js'
import { TicketRenewal } from '../src/node/ticket-renewal.js'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { resolveSettings } from '../src/config/index.js'
import { initDataDir, loadIdentity } from '../src/node/identity.js'
import { StoreError } from '../src/store/errors.js'
import { NodeStore } from '../src/store/node-store.js'
import { tempDir } from './helpers-tmp.js'
import { startTestNetwork, waitFor } from './network-fixtures.js'

const NET = 'renewal-test'
const BITS = 8
const V = 20

async function genesisTicket(publicKey: Uint8Array): Promise<IdentityTicket> {
  return (await mineTicket({ networkId: NET, publicKey, anchor: genesisHash(NET), anchorEpoch: 0, bits: BITS }, { workers: 1 })).ticket
}

const digestOf = (epoch: number) => Buffer.alloc(32, epoch).toString('hex')

describe('ticket renewal service', () => {
  test('mines the next ticket inside the lead, anchored at a certified record a few epochs old, with progress and metrics', async () => {
    const key = (await generateKeyPair('Ed25519')).publicKey.raw
    let ticket = await genesisTicket(key)
    let epoch = 0
    let anchors: TicketAnchor[] = []
    const presented: IdentityTicket[] = []
    const log: string[] = []
    const registry = new Registry()
    const renewal = new TicketRenewal(
      {
        ticket: () => ticket,
        currentEpoch: () => epoch,
        anchors: () => anchors,
        present: async (t) => {
          presented.push(t)
          ticket = t
        },
      },
      { networkId: NET, identityBits: BITS, validForEpochs: V, publicKey: key, registry, log: (l) => log.push(l) },
    )
    assert.equal(renewal.expiresAfter(), 19)
    epoch = 10
    renewal.tick()
    assert.equal(renewal.state, 'valid', 'before the lead (epoch 14 for V=20): nothing to do')
    epoch = 15
    renewal.tick()
    assert.equal(renewal.state, 'waiting-for-anchor', 'due, but no certified record to anchor to')
    assert.ok(log.some((l) => /due for renewal .* no certified record newer than epoch 0/.test(l)))
    anchors = [13, 14, 15].map((e) => ({ epoch: e, digest: digestOf(e) }))
    renewal.tick()
    assert.equal(renewal.state, 'mining')
    await waitFor(() => presented.length === 1, 'the renewed ticket presented', 20_000)
    const renewed = presented[0]
    assert.equal(renewed.anchorEpoch, 13, 'the newest anchor at least 2 epochs behind epoch 15')
    const verdict = verifyTicket(renewed, { networkId: NET, minBits: BITS, validForEpochs: V, currentEpoch: 30, anchorFor: (e) => (e === 13 ? Buffer.from(digestOf(13), 'hex') : undefined) })
    assert.equal(verdict.ok, true, JSON.stringify(verdict))
    assert.equal(renewal.expiresAfter(), 32)
    assert.ok(log.some((l) => /renewed after .* hashes .* anchored at epoch 13, valid through epoch 32/.test(l)), log.join('\n'))
    const metrics = await registry.getMetricsAsJSON()
    const value = (name: string) => metrics.find((m) => m.name === name)?.values[0]?.value
    assert.equal(value('thermotruth_ticket_renewals'), 1)
    assert.equal(value('thermotruth_ticket_valid_through_epoch'), 32)
    assert.equal(value('thermotruth_ticket_renewal_progress'), 1)
    renewal.tick()
    assert.equal(renewal.state, 'valid', 'the new ticket is not due yet')
    assert.equal(liveMinerWorkers(), 0, 'the miner thread is gone')
  })

  test('stop() aborts a running miner', async () => {
    const key = (await generateKeyPair('Ed25519')).publicKey.raw
    const ticket = await genesisTicket(key)
    const log: string[] = []
    const renewal = new TicketRenewal(
      { ticket: () => ticket, currentEpoch: () => 18, anchors: () => [{ epoch: 10, digest: digestOf(10) }], present: async () => assert.fail('must not present') },
      { networkId: NET, identityBits: 40, validForEpochs: V, publicKey: key, log: (l) => log.push(l) },
    )
    renewal.tick()
    assert.equal(renewal.state, 'mining')
    renewal.stop()
    await waitFor(() => liveMinerWorkers() === 0, 'workers exited', 10_000)
  })
})

describe('anchor protocol: what a node without a ticket may ask for', () => {
  const stoppers: Array<() => Promise<void>> = []
  after(async () => {
    for (const stop of stoppers.reverse()) await stop()
  })

  test('strict decoding', () => {
    const anchors = [{ epoch: 5, digest: digestOf(5) }]
    assert.deepEqual(decodeAnchors(encodeAnchors(anchors)), anchors)
    assert.throws(() => decodeAnchors(new TextEncoder().encode('{"anchors":[{"epoch":-1,"digest":"00"}]}')), /anchors\[0\]/)
    assert.throws(() => decodeAnchors(new TextEncoder().encode('[]')), /expected \{anchors/)
  })

  test('the window limiter bounds requests per key and in total', () => {
    let t = 0
    const limiter = new WindowLimiter({ perKey: 2, total: 3, windowMs: 100 }, () => t)
    assert.deepEqual([limiter.allow('a'), limiter.allow('a'), limiter.allow('a')], [true, true, false])
    assert.deepEqual([limiter.allow('b'), limiter.allow('c')], [true, false], 'total of 3 reached')
    t = 100
    assert.equal(limiter.allow('a'), true, 'a new window')
  })

  test('a stranger fetches anchors from peers it is not ticketed with; the majority answer wins; the server rate-limits', async () => {
    const honest = [await startTestNetwork(NET), await startTestNetwork(NET)]
    const liar = await startTestNetwork(NET)
    for (const n of [...honest, liar]) stoppers.push(() => n.stop())
    const truth = [
      { epoch: 40, digest: digestOf(40) },
      { epoch: 39, digest: digestOf(39) },
    ]
    const stats = await Promise.all(honest.map((n) => serveAnchors(n.libp2p, NET, () => truth, { limits: { perKey: 2, total: 100, windowMs: 60_000 } })))
    await serveAnchors(liar.libp2p, NET, () => [{ epoch: 41, digest: digestOf(99) }])
    const addrs = [...honest, liar].map((n) => n.listenAddresses()[0])
    const fetched = await fetchAnchors(addrs, NET, { timeoutMs: 10_000 })
    assert.equal(fetched.answered, 3, fetched.errors.join('; '))
    assert.deepEqual(fetched.best, { epoch: 40, digest: digestOf(40) }, 'two peers agree on epoch 40; the liar alone claims 41')
    assert.equal(fetched.agreeing, 2)
    // Per-IP limit of 2 on the first honest server: the third request in the window is refused.
    await fetchAnchors([addrs[0]], NET)
    const third = await fetchAnchors([addrs[0]], NET)
    assert.equal(third.answered, 0)
    assert.equal(stats[0].limited, 1)
    assert.equal(stats[0].served, 2)
  })

  test('init on a network whose genesis is 30 days old: a genesis ticket would be expired, so it mines on a fetched anchor', async () => {
    const t = tempDir('renewal-init')
    stoppers.push(async () => t.cleanup())
    const period = 1000
    const genesis = Date.now() - 30 * 86_400_000
    const epochNow = Math.floor((Date.now() - genesis) / period)
    const config = join(t.dir, 'net.json')
    writeFileSync(
      config,
      JSON.stringify({
        network: NET,
        profile: 'production',
        genesis: { time: genesis, epochPeriodMs: period, collectFraction: 0.5, identityBits: BITS, ticketValidityEpochs: 100, temperatureThreshold: 2, seed: 1, committee: [] },
        feeds: [{ id: 'eth-usd', source: 'reports' }],
      }),
    )
    const server = await startTestNetwork(NET)
    stoppers.push(() => server.stop())
    const anchor = { epoch: epochNow - 5, digest: digestOf(7) }
    await serveAnchors(server.libp2p, NET, () => [anchor])
    const alone = join(t.dir, 'alone')
    await assert.rejects(initDataDir(alone, resolveSettings({ config, dataDir: alone }).config, { workers: 1 }), (e: unknown) => e instanceof StoreError && /lapsed after epoch 99 .* pass --bootstrap/.test(e.message))
    const dataDir = join(t.dir, 'joiner')
    const settings = resolveSettings({ config, dataDir, bootstrap: server.listenAddresses() })
    const log: string[] = []
    const result = await initDataDir(dataDir, settings.config, { workers: 1, bootstrap: settings.bootstrap, log: (l) => log.push(l) })
    assert.ok(result.hashes > 0)
    const store = await NodeStore.open(join(dataDir, 'db'), { create: false })
    try {
      const { ticket } = await loadIdentity(dataDir, store, NET)
      assert.equal(ticket.anchorEpoch, anchor.epoch)
      assert.equal(Buffer.from(ticket.anchor).toString('hex'), anchor.digest)
    } finally {
      await store.close()
    }
    assert.ok(log.some((l) => l.startsWith(`anchoring the ticket at epoch ${anchor.epoch} (reported by 1 of 1 peers)`)))
  })
})
