import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { DEFAULT_STAMP_DIFFICULTY, expectedHashes, nextDifficulty, PowParamError, requiredStampBits } from '../src/index.js'

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true })
const entropy = fc.double({ min: 0, max: 16, noNaN: true })

describe('stamp difficulty controller', () => {
  test('d_t = clamp(d_{t-1} + 0.1 (H_t - H_{t-1}), min, max) with the defaults', () => {
    assert.equal(DEFAULT_STAMP_DIFFICULTY.gain, 0.1)
    assert.equal(nextDifficulty(8, 5, 3), 8 + 0.1 * 2)
    assert.equal(nextDifficulty(8, 3, 5), 8 - 0.1 * 2)
    assert.equal(nextDifficulty(19.95, 16, 0), DEFAULT_STAMP_DIFFICULTY.max)
    assert.equal(nextDifficulty(4.05, 0, 16), DEFAULT_STAMP_DIFFICULTY.min)
    assert.equal(nextDifficulty(8, 4, 4), 8)
  })

  test('property: stays in [min, max], follows the formula inside, and is monotone in H_t', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30, noNaN: true }), entropy, entropy, entropy, (prev, hNow, hPrev, hHigher) => {
        const params = { gain: 0.1, min: 4, max: 20 }
        const next = nextDifficulty(prev, hNow, hPrev, params)
        assert.ok(next >= params.min && next <= params.max)
        const raw = prev + 0.1 * (hNow - hPrev)
        if (raw >= params.min && raw <= params.max) assert.equal(next, raw)
        else assert.equal(next, raw < params.min ? params.min : params.max)
        const higher = Math.max(hNow, hHigher)
        assert.ok(nextDifficulty(prev, higher, hPrev, params) >= next)
      }),
    )
  })

  test('property: custom params are honoured', () => {
    fc.assert(
      fc.property(finite, finite, finite, fc.double({ min: 0, max: 2, noNaN: true }), (prev, a, b, gain) => {
        const params = { gain, min: -5, max: 5 }
        const next = nextDifficulty(prev, a, b, params)
        assert.equal(next, Math.min(5, Math.max(-5, prev + gain * (a - b))))
      }),
    )
  })

  test('non-finite inputs and inverted bounds throw PowParamError', () => {
    assert.throws(() => nextDifficulty(Number.NaN, 1, 1), PowParamError)
    assert.throws(() => nextDifficulty(8, Number.POSITIVE_INFINITY, 1), PowParamError)
    assert.throws(() => nextDifficulty(8, 1, Number.NaN), PowParamError)
    assert.throws(() => nextDifficulty(8, 1, 1, { gain: 0.1, min: 10, max: 5 }), PowParamError)
    assert.throws(() => requiredStampBits(Number.NaN), PowParamError)
  })
})

describe('requiredStampBits', () => {
  test('rounds half up', () => {
    assert.equal(requiredStampBits(8), 8)
    assert.equal(requiredStampBits(8.49), 8)
    assert.equal(requiredStampBits(8.5), 9)
    assert.equal(requiredStampBits(DEFAULT_STAMP_DIFFICULTY.initial), 8)
    assert.equal(requiredStampBits(-3), 0)
    assert.equal(requiredStampBits(300), 256)
  })
  test('property: integer within 0.5 of the difficulty', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 256, noNaN: true }), (d) => {
        const bits = requiredStampBits(d)
        assert.ok(Number.isInteger(bits))
        assert.ok(Math.abs(bits - d) <= 0.5)
      }),
    )
  })
  test('expectedHashes is 2^bits', () => {
    assert.equal(expectedHashes(0), 1)
    assert.equal(expectedHashes(20), 1048576)
  })
})
