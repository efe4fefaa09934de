import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { alieZ, normalInverseCdf } from '../src/index.js'

/** Φ by the Abramowitz–Stegun erfc series is too coarse here; integrate the density numerically instead. */
function normalCdf(x: number): number {
  // Simpson's rule on [−10, x]; the mass below −10 is ~7.6e-24.
  const a = -10
  const steps = 20_000
  const h = (x - a) / steps
  const f = (t: number): number => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI)
  let sum = f(a) + f(x)
  for (let i = 1; i < steps; i++) sum += f(a + i * h) * (i % 2 === 1 ? 4 : 2)
  return (sum * h) / 3
}

describe('normalInverseCdf', () => {
  test('matches textbook quantiles', () => {
    assert.equal(normalInverseCdf(0.5), 0)
    assert.ok(Math.abs(normalInverseCdf(0.975) - 1.959963984540054) < 1e-12)
    assert.ok(Math.abs(normalInverseCdf(0.75) - 0.6744897501960817) < 1e-12)
    assert.ok(Math.abs(normalInverseCdf(1e-10) + 6.361340902404056) < 1e-9)
  })

  test('inverts the CDF and is antisymmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        const x = normalInverseCdf(p)
        assert.ok(Math.abs(normalCdf(x) - p) < 1e-9, `Φ(Φ⁻¹(${p})) = ${normalCdf(x)}`)
        assert.ok(Math.abs(normalInverseCdf(1 - p) + x) < 1e-8 * Math.max(1, Math.abs(x)))
      }),
      { numRuns: 40 },
    )
  })

  test('edges and bad input', () => {
    assert.equal(normalInverseCdf(0), Number.NEGATIVE_INFINITY)
    assert.equal(normalInverseCdf(1), Number.POSITIVE_INFINITY)
    for (const bad of [Number.NaN, -0.1, 1.1]) assert.throws(() => normalInverseCdf(bad), RangeError)
  })
})

describe('alieZ (Baruch et al. 2019: s = ⌊n/2+1⌋ − m, z_max = Φ⁻¹((n−s)/n))', () => {
  test('n = 100, m = 33 gives the published z_max ≈ 0.915 (s = 18, p = 82/100)', () => {
    const z = alieZ(100, 33)
    assert.ok(Math.abs(z - 0.915) < 0.001, `z = ${z}`)
    assert.ok(Math.abs(z - normalInverseCdf(0.82)) < 1e-15)
  })

  test('n = 50, m = 12: s = 14, z_max = Φ⁻¹(36/50)', () => {
    assert.ok(Math.abs(alieZ(50, 12) - normalInverseCdf(36 / 50)) < 1e-15)
  })

  test('z grows with the number of colluders', () => {
    let previous = Number.NEGATIVE_INFINITY
    for (let m = 0; m <= 45; m++) {
      const z = alieZ(100, m)
      assert.ok(z > previous, `m=${m}`)
      previous = z
    }
  })

  test('rejects impossible sizes', () => {
    assert.throws(() => alieZ(10, 10), RangeError)
    assert.throws(() => alieZ(10, -1), RangeError)
    assert.throws(() => alieZ(10.5, 2), RangeError)
  })
})
