import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { anneal, type Contribution } from '../src/index.js'
import { gaussianContributions } from './helpers.js'

const near = (a: number, b: number, tol: number, what: string): void => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`)

describe('thermodynamic read-out', () => {
  test('a single contribution: its own value, T = 0, H = 0, nEff = 1', () => {
    const r = anneal([{ author: 'solo', value: Float64Array.from([3.5, -2]), weight: 2 }], { seed: 1 })
    assert.deepEqual([...r.value], [3.5, -2])
    assert.equal(r.temperature, 0)
    assert.equal(r.entropyBits, 0)
    assert.equal(r.nEff, 1)
    assert.equal(r.freeEnergy, 0)
    assert.equal(r.logPartition, 0)
    assert.deepEqual(r.weights, [{ author: 'solo', weight: 1 }])
  })

  test('identical values with equal weights: T = 0 and H = log2 n exactly as for uniform weights', () => {
    for (const n of [2, 7, 64, 100]) {
      const contributions: Contribution[] = Array.from({ length: n }, (_, i) => ({ author: `a${i}`, value: Float64Array.from([42, 42]), weight: 1 }))
      const r = anneal(contributions, { seed: 5 })
      assert.deepEqual([...r.value], [42, 42])
      assert.equal(r.temperature, 0)
      near(r.entropyBits, Math.log2(n), 1e-12, 'H')
      near(r.nEff, n, 1e-9 * n, 'nEff')
      assert.deepEqual(r.excluded, [])
    }
  })

  test('T is (2/3) of the weighted variance per coordinate, H and nEff agree with the weights', () => {
    const contributions = gaussianContributions(80, 3, 11)
    const r = anneal(contributions, { seed: 2 })
    const byAuthor = new Map(contributions.map((c) => [c.author, c.value]))
    let variance = 0
    let entropy = 0
    for (const { author, weight } of r.weights) {
      const x = byAuthor.get(author)!
      for (let j = 0; j < 3; j++) variance += (weight * (x[j]! - r.annealed[j]!) ** 2) / 3
      if (weight > 0) entropy -= weight * Math.log2(weight)
    }
    near(r.temperature, (2 / 3) * variance, 1e-12, 'T')
    near(r.entropyBits, entropy, 1e-12, 'H')
    near(r.nEff, 2 ** entropy, 1e-9, 'nEff')
    near(r.partition, Math.exp(r.logPartition), 1e-15, 'Z')
    near(r.freeEnergy, -r.annealTemperature * r.logPartition, 1e-9, 'F = −T ln Z')
    // Clean Gaussian data: nobody excluded, nearly everybody counts.
    assert.deepEqual(r.excluded, [])
    assert.ok(r.nEff > 0.8 * 80 && r.nEff <= 80, `nEff ${r.nEff}`)
  })

  test('spreading the inputs raises T by the square of the factor and leaves H alone', () => {
    const base = gaussianContributions(50, 2, 3)
    const wide = base.map((c) => ({ ...c, value: c.value.map((x) => 10 * x) }))
    const a = anneal(base, { seed: 1 })
    const b = anneal(wide, { seed: 1 })
    near(b.temperature, 100 * a.temperature, 1e-9 * b.temperature, 'T scales as σ²')
    near(b.entropyBits, a.entropyBits, 1e-9, 'H is scale-free')
  })

  test('the annealed centre is the weighted mean under the reported weights', () => {
    const contributions = gaussianContributions(40, 4, 8)
    const r = anneal(contributions, { seed: 1 })
    const byAuthor = new Map(contributions.map((c) => [c.author, c.value]))
    for (let j = 0; j < 4; j++) {
      let mean = 0
      for (const { author, weight } of r.weights) mean += weight * byAuthor.get(author)![j]!
      near(r.annealed[j]!, mean, 1e-9, `coordinate ${j}`)
    }
  })
})
