import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { genesisHash, mineTicket } from '@thermotruth/pow'
import { Registry } from 'prom-client'
import { createPowTicketGate, encodeTicket } from '../src/network/pow-ticket-gate.js'
import { rejectionReasonOf, TicketRejections } from '../src/network/ticket-rejections.js'

const NET = 'labels-net'

describe('identity gate rejection labels', () => {
  test('each gate verdict maps to the label operators see in thermotruth_ticket_rejections_total', async () => {
    const key = (await generateKeyPair('Ed25519')).publicKey.raw
    const { ticket } = await mineTicket({ networkId: NET, publicKey: key, anchor: genesisHash(NET), anchorEpoch: 0, bits: 8 }, { workers: 1 })
    let epoch = 0
    const gate = createPowTicketGate({
      ticket,
      policy: () => ({ networkId: NET, minBits: 8, validForEpochs: 100, currentEpoch: epoch, anchorFor: (e) => (e === 0 ? genesisHash(NET) : undefined) }),
    })
    const labelOf = (bytes: Uint8Array, k = key): string => {
      const verdict = gate.verifyRemote(k, bytes)
      return verdict.ok ? 'ok' : `${rejectionReasonOf(verdict.reason)} | ${verdict.reason}`
    }
    assert.equal(labelOf(encodeTicket(ticket)), 'ok')
    epoch = 150
    assert.match(labelOf(encodeTicket(ticket)), /^expired \| expired: ticket anchored at epoch 0 was valid through epoch 99, current epoch is 150$/)
    epoch = 0
    const other = await mineTicket({ networkId: 'other-net', publicKey: key, anchor: genesisHash('other-net'), anchorEpoch: 0, bits: 8 }, { workers: 1 })
    assert.match(labelOf(encodeTicket(other.ticket)), /^wrong-network \| wrong-network: ticket is for network 'other-net'/)
    assert.match(labelOf(encodeTicket({ ...ticket, bits: 4 })), /^bad-pow \| bits-below-minimum/)
    assert.match(labelOf(encodeTicket({ ...ticket, bits: 40 })), /^bad-pow \| insufficient-work/)
    assert.match(labelOf(encodeTicket(ticket), new Uint8Array(32).fill(1)), /^key-mismatch/)
    assert.match(labelOf(new TextEncoder().encode('{"version":1}')), /^malformed/)
    assert.equal(rejectionReasonOf('no valid ticket within 5000 ms'), 'no-ticket')
    assert.equal(rejectionReasonOf('unreadable ticket: stream reset'), 'malformed')
    assert.equal(rejectionReasonOf('something new'), 'other')
  })

  test('the counter exports every label, counted before and after registration', async () => {
    const rejections = new TicketRejections()
    rejections.note('expired')
    const registry = new Registry()
    rejections.register(registry)
    rejections.note('expired')
    rejections.note('banned')
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'thermotruth_ticket_rejections_total')!
    const byLabel = Object.fromEntries(metric.values.map((v) => [v.labels.reason, v.value]))
    assert.equal(byLabel.expired, 2)
    assert.equal(byLabel.banned, 1)
    assert.equal(byLabel['wrong-network'], 0, 'every label is present from the start')
  })
})
