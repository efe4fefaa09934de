import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  type IdentityTicket,
  leadingZeroBits,
  TicketFormatError,
  ticketFromJson,
  ticketHash,
  ticketPreimage,
  ticketToJson,
  verifyTicket,
} from '../src/index.js'
import { anchorFor, GENESIS, KEY, mineDeterministic, NETWORK, policy } from './fixtures.js'

const arbTicket: fc.Arbitrary<IdentityTicket> = fc.record({
  version: fc.constant(1 as const),
  networkId: fc.string({ minLength: 1, maxLength: 60 }),
  publicKey: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  anchor: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  anchorEpoch: fc.nat(),
  bits: fc.integer({ min: 0, max: 256 }),
  nonce: fc.uint8Array({ minLength: 8, maxLength: 8 }),
}).map((t) => ({ ...t }))

describe('leadingZeroBits', () => {
  test('counts from the most significant bit of the first byte', () => {
    assert.equal(leadingZeroBits(Uint8Array.of(0x80)), 0)
    assert.equal(leadingZeroBits(Uint8Array.of(0x01)), 7)
    assert.equal(leadingZeroBits(Uint8Array.of(0x00, 0x10)), 11)
    assert.equal(leadingZeroBits(new Uint8Array(4)), 32)
    assert.equal(leadingZeroBits(new Uint8Array(0)), 0)
  })
  test('matches a bit-string count', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), (bytes) => {
        const bitString = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('')
        const firstOne = bitString.indexOf('1')
        assert.equal(leadingZeroBits(bytes), firstOne === -1 ? bitString.length : firstOne)
      }),
    )
  })
})

describe('ticket preimage', () => {
  test('is domain ‖ u8 len ‖ networkId ‖ publicKey ‖ anchor ‖ nonce', () => {
    const t: IdentityTicket = { version: 1, networkId: 'ab', publicKey: new Uint8Array(32).fill(1), anchor: new Uint8Array(32).fill(2), anchorEpoch: 0, bits: 0, nonce: new Uint8Array(8).fill(3) }
    const pre = ticketPreimage(t)
    const domain = new TextEncoder().encode('thermotruth/ticket/v1')
    assert.deepEqual(pre.subarray(0, domain.length), domain)
    assert.equal(pre[domain.length], 2)
    assert.deepEqual([...pre.subarray(domain.length + 1, domain.length + 3)], [0x61, 0x62])
    assert.equal(pre.length, domain.length + 1 + 2 + 32 + 32 + 8)
    assert.ok(pre.subarray(-8).every((b) => b === 3))
  })
  test('network ids that are prefixes of each other give different preimages', () => {
    const base: IdentityTicket = { version: 1, networkId: 'a', publicKey: new Uint8Array(32), anchor: new Uint8Array(32), anchorEpoch: 0, bits: 0, nonce: new Uint8Array(8) }
    assert.notDeepEqual(ticketHash(base), ticketHash({ ...base, networkId: 'a\u0000' }))
  })
  test('throws TicketFormatError on a malformed ticket', () => {
    const t = { version: 1, networkId: 'x', publicKey: new Uint8Array(31), anchor: new Uint8Array(32), anchorEpoch: 0, bits: 0, nonce: new Uint8Array(8) } as IdentityTicket
    assert.throws(() => ticketHash(t), TicketFormatError)
  })
})

describe('ticket JSON', () => {
  test('round-trips every well-formed ticket, through JSON text too', () => {
    fc.assert(
      fc.property(arbTicket, (t) => {
        assert.deepEqual(ticketFromJson(ticketToJson(t)), t)
        assert.deepEqual(ticketFromJson(JSON.parse(JSON.stringify(ticketToJson(t)))), t)
      }),
    )
  })
  test('rejects bad input with a TicketFormatError naming the field', () => {
    const good = ticketToJson({ version: 1, networkId: 'n', publicKey: new Uint8Array(32), anchor: new Uint8Array(32), anchorEpoch: 0, bits: 1, nonce: new Uint8Array(8) })
    const cases: Array<[unknown, RegExp]> = [
      [null, /JSON object/],
      [[], /JSON object/],
      ['ticket', /JSON object/],
      [{ ...good, publicKey: 'zz' }, /publicKey/],
      [{ ...good, publicKey: 'g'.repeat(64) }, /publicKey/],
      [{ ...good, anchor: 5 }, /anchor/],
      [{ ...good, nonce: '00' }, /nonce/],
      [{ ...good, version: 2 }, /version/],
      [{ ...good, networkId: '' }, /networkId/],
      [{ ...good, anchorEpoch: -1 }, /anchorEpoch/],
      [{ ...good, anchorEpoch: 1.5 }, /anchorEpoch/],
      [{ ...good, bits: 257 }, /bits/],
      [{ ...good, bits: '20' }, /bits/],
    ]
    for (const [input, message] of cases) assert.throws(() => ticketFromJson(input), (e: unknown) => e instanceof TicketFormatError && message.test(e.message))
  })
})

describe('verifyTicket', async () => {
  const bits = 12
  const ticket = await mineDeterministic(bits)
  const hash = ticketHash(ticket)
  const flip = (bytes: Uint8Array, at = 0): Uint8Array => {
    const copy = Uint8Array.from(bytes)
    copy[at] ^= 1
    return copy
  }
  const reasonOf = (t: IdentityTicket, p = policy()): string => {
    const verdict = verifyTicket(t, p)
    return verdict.ok ? 'ok' : verdict.reason
  }

  test('accepts the mined ticket and returns its hash', () => {
    const verdict = verifyTicket(ticket, policy())
    assert.ok(verdict.ok)
    assert.deepEqual(verdict.hash, hash)
    assert.ok(leadingZeroBits(verdict.hash) >= bits)
  })

  test('rejects every single-field tamper with the right reason', () => {
    const actualZeros = leadingZeroBits(hash)
    const tampers: Array<[string, IdentityTicket, string]> = [
      ['version', { ...ticket, version: 2 as 1 }, 'malformed'],
      ['networkId', { ...ticket, networkId: `${NETWORK}x` }, 'wrong-network'],
      ['publicKey', { ...ticket, publicKey: flip(ticket.publicKey) }, 'insufficient-work'],
      ['publicKey (length)', { ...ticket, publicKey: ticket.publicKey.subarray(1) }, 'malformed'],
      ['anchor', { ...ticket, anchor: flip(ticket.anchor, 31) }, 'unknown-anchor'],
      ['anchorEpoch', { ...ticket, anchorEpoch: 1 }, 'from-future'],
      ['bits (above the work)', { ...ticket, bits: actualZeros + 1 }, 'insufficient-work'],
      ['bits (below policy)', { ...ticket, bits: 7 }, 'bits-below-minimum'],
      ['nonce', { ...ticket, nonce: flip(ticket.nonce, 7) }, 'insufficient-work'],
      ['nonce (length)', { ...ticket, nonce: new Uint8Array(7) }, 'malformed'],
    ]
    for (const [field, tampered, reason] of tampers) assert.equal(reasonOf(tampered), reason, field)
    // Moving the anchor epoch inside the validity window still fails: the anchor is that of epoch 0.
    assert.equal(reasonOf({ ...ticket, anchorEpoch: 1 }, policy({ currentEpoch: 2 })), 'unknown-anchor')
    assert.equal(reasonOf(ticket, policy({ anchorFor: () => undefined })), 'unknown-anchor')
  })

  test('flipping any bit of publicKey, anchor or nonce is rejected', () => {
    for (const [field, reason] of [['publicKey', 'insufficient-work'], ['anchor', 'unknown-anchor'], ['nonce', 'insufficient-work']] as const) {
      for (let byte = 0; byte < ticket[field].length; byte++) {
        for (let bit = 0; bit < 8; bit++) {
          const tampered = Uint8Array.from(ticket[field])
          tampered[byte] ^= 1 << bit
          assert.equal(reasonOf({ ...ticket, [field]: tampered }), reason, `${field}[${byte}] bit ${bit}`)
        }
      }
    }
  })

  test('difficulty boundary: exactly `bits` zeros passes, one fewer fails', () => {
    const zeros = leadingZeroBits(hash)
    assert.equal(reasonOf({ ...ticket, bits: zeros }, policy({ minBits: 0 })), 'ok')
    assert.equal(reasonOf({ ...ticket, bits: zeros + 1 }, policy({ minBits: 0 })), 'insufficient-work')
    assert.equal(reasonOf({ ...ticket, bits: zeros }, policy({ minBits: zeros })), 'ok')
    assert.equal(reasonOf({ ...ticket, bits: zeros }, policy({ minBits: zeros + 1 })), 'bits-below-minimum')
  })

  test('expiry: valid from anchorEpoch through anchorEpoch + validForEpochs - 1', async () => {
    const anchorEpoch = 3
    const later = await mineDeterministic(8, anchorEpoch)
    assert.deepEqual(later.anchor, anchorFor(anchorEpoch))
    const at = (currentEpoch: number) => reasonOf(later, policy({ currentEpoch, validForEpochs: 5 }))
    assert.equal(at(anchorEpoch - 1), 'from-future')
    assert.equal(at(anchorEpoch), 'ok')
    assert.equal(at(anchorEpoch + 4), 'ok')
    assert.equal(at(anchorEpoch + 5), 'expired')
    assert.equal(reasonOf(ticket, policy({ currentEpoch: 9, validForEpochs: 10 })), 'ok')
    assert.equal(reasonOf(ticket, policy({ currentEpoch: 10, validForEpochs: 10 })), 'expired')
  })

  test('binds the genesis anchor of its own network', () => {
    assert.deepEqual(ticket.anchor, GENESIS)
    assert.deepEqual(ticket.publicKey, KEY.publicKey)
  })

  test('arbitrary objects are malformed, never a crash', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const verdict = verifyTicket(junk as IdentityTicket, policy())
        assert.equal(verdict.ok, false)
      }),
    )
  })
})
