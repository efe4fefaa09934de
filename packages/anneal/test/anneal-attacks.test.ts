import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ATTACKS, anneal, coordinateMedian, createPrng, errorInSigma, hashSeed, syntheticFeed } from '../src/index.js'

const TRIALS = 40
/** Allowed excess over the median's mean error, in honest σ (sampling noise of 40 trials). */
const TOLERANCE = 0.02

describe('never worse than the median on the attack set', () => {
  for (const attack of ATTACKS) {
    test(`${attack}: mean error over seeded trials, f in {0, 0.1, 0.2, 0.33, 0.4} (ALIE: up to 0.33), d in {1, 8}`, () => {
      for (const d of [1, 8]) {
        // ALIE with the published z_max reaches z = 1.23 at f = 0.4, beyond the n > 3f envelope: a 40 % cluster then
        // captures both annealed estimates and anneal ends 0.03σ past the median (README). The f <= 1/3 cells are
        // asserted at 0.01σ by the property test in anneal-floor.test.ts.
        for (const f of attack === 'alie' ? [0, 0.1, 0.2, 0.33] : [0, 0.1, 0.2, 0.33, 0.4]) {
          let annealError = 0
          let medianError = 0
          for (let t = 0; t < TRIALS; t++) {
            const feed = syntheticFeed({ n: 100, m: Math.round(100 * f), d, mu: 3, sigma: 0.5, attack }, createPrng(hashSeed('attack-test', attack, d, f, t)))
            annealError += errorInSigma(anneal(feed.contributions, { seed: t }).value, 3, 0.5) / TRIALS
            medianError += errorInSigma(coordinateMedian(feed.contributions), 3, 0.5) / TRIALS
          }
          assert.ok(annealError <= medianError + TOLERANCE, `${attack} d=${d} f=${f}: anneal ${annealError.toFixed(3)}σ vs median ${medianError.toFixed(3)}σ`)
        }
      }
    })
  }

  test('far outliers are excluded and get zero weight', () => {
    const feed = syntheticFeed({ n: 100, m: 40, d: 4, mu: 0, sigma: 1, attack: 'far-bias' }, createPrng(12))
    const r = anneal(feed.contributions, { seed: 1 })
    assert.deepEqual(new Set(r.excluded), feed.byzantine)
    for (const w of r.weights) if (feed.byzantine.has(w.author)) assert.equal(w.weight, 0)
    assert.ok(errorInSigma(r.value, 0, 1) < 0.3)
  })
})
