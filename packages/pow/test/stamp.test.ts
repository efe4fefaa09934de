import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sha256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { leadingZeroBits, mineStamp, mineStampCounted, PowParamError, StampMiningError, stampHash, verifyStamp } from '../src/index.js'

const digest = sha256(new TextEncoder().encode('proposal'))
const otherDigest = sha256(new TextEncoder().encode('another proposal'))

describe('proposal stamps', () => {
  test('mined stamps verify for any digest and small bits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 0, max: 10 }), (d, bits) => {
        const stamp = mineStamp(d, bits)
        assert.equal(stamp.bits, bits)
        assert.ok(leadingZeroBits(stampHash(d, stamp.nonce)) >= bits)
        assert.deepEqual(verifyStamp(d, stamp, bits), { ok: true })
      }),
      { numRuns: 60 },
    )
  })

  test('counted mining reports the hashes it took (nonces are scanned from 0)', () => {
    const { stamp, hashes } = mineStampCounted(digest, 8)
    const counter = new DataView(stamp.nonce.buffer).getUint32(4)
    assert.equal(hashes, counter + 1)
  })

  test('a stamp is bound to its digest', () => {
    const stamp = mineStamp(digest, 12)
    assert.ok(verifyStamp(digest, stamp, 12).ok)
    const verdict = verifyStamp(otherDigest, stamp, 12)
    assert.equal(verdict.ok, false)
    assert.equal(!verdict.ok && verdict.reason, 'insufficient-work')
  })

  test('difficulty boundary: the claim must meet the required bits and the hash the claim', () => {
    const stamp = mineStamp(digest, 8)
    const zeros = leadingZeroBits(stampHash(digest, stamp.nonce))
    assert.ok(verifyStamp(digest, { ...stamp, bits: zeros }, zeros).ok)
    const over = verifyStamp(digest, { ...stamp, bits: zeros + 1 }, zeros)
    assert.equal(!over.ok && over.reason, 'insufficient-work')
    const under = verifyStamp(digest, stamp, 9)
    assert.equal(!under.ok && under.reason, 'bits-below-required')
  })

  test('malformed stamps and digests are typed verdicts', () => {
    const stamp = mineStamp(digest, 4)
    for (const bad of [
      verifyStamp(digest, { bits: 4, nonce: new Uint8Array(7) }, 4),
      verifyStamp(digest, { bits: -1, nonce: stamp.nonce }, 0),
      verifyStamp(digest, { bits: 4.5, nonce: stamp.nonce }, 4),
      verifyStamp(new Uint8Array(0), stamp, 4),
      verifyStamp(digest, null as never, 4),
    ]) {
      assert.equal(!bad.ok && bad.reason, 'malformed')
    }
  })

  test('is domain-separated from a bare sha256(digest ‖ nonce)', () => {
    const nonce = new Uint8Array(8)
    const bare = new Uint8Array([...digest, ...nonce])
    assert.notDeepEqual(stampHash(digest, nonce), sha256(bare))
  })

  test('mining within a budget throws StampMiningError when exceeded; absurd bits are refused', () => {
    assert.throws(() => mineStamp(digest, 24, 16), StampMiningError)
    assert.throws(() => mineStamp(digest, 25), PowParamError)
    assert.throws(() => mineStamp(digest, 3.5), PowParamError)
    assert.throws(() => mineStamp(new Uint8Array(0), 4), PowParamError)
  })
})
