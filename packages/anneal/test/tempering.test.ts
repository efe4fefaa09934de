import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { anneal, type Contribution, createPrng, gaussian, hashSeed } from '../src/index.js'
import { gaussianContributions, resultBytes } from './helpers.js'

/**
 * "Stale anchor": the honest feed moved from 0 to 5σ since the last epoch, 30% colluders keep reporting the old
 * value 0 as one tight cluster, and the node warm-starts from the last consensus (0) without reheating. At a
 * sharp cold temperature (τ = 0.5) the landscape has two basins: the colluders' spike at 0 and the broad honest
 * majority at 5, whose free energy is lower. Plain descent (replicas = 1) stays at the spike; tempering's
 * basin-hopping finds the honest basin and keeps it because its F is lower.
 */
function staleAnchorFeed(seed: number): Contribution[] {
  const prng = createPrng(hashSeed('stale-anchor', seed))
  const honest = Array.from({ length: 70 }, (_, i) => ({ author: `h${String(i).padStart(3, '0')}`, value: Float64Array.of(5 + gaussian(prng)), weight: 1 }))
  const colluders = Array.from({ length: 30 }, (_, i) => ({ author: `c${String(i).padStart(3, '0')}`, value: Float64Array.of(0), weight: 1 }))
  return [...honest, ...colluders]
}

describe('parallel tempering', () => {
  test('plain annealing locks onto a colluding cluster from a stale warm start; tempering does not', () => {
    const seeds = 16
    let plainLocked = 0
    for (let seed = 0; seed < seeds; seed++) {
      const contributions = staleAnchorFeed(seed)
      const options = { seed, coldTemperature: 0.5, warmStart: Float64Array.of(0) }
      const plain = anneal(contributions, { ...options, replicas: 1 })
      const tempered = anneal(contributions, { ...options, replicas: 4 })
      // The annealed centre is what tempering acts on (`value` adds the median guard on top, see guard.ts).
      if (Math.abs(plain.annealed[0]!) < 1) plainLocked++
      else continue // plain annealing escaped on its own for this draw: nothing for tempering to fix
      assert.ok(Math.abs(tempered.annealed[0]! - 5) < 0.6, `seed ${seed}: tempering should find the honest majority (got ${tempered.annealed[0]})`)
      assert.ok(Math.abs(tempered.value[0]! - 5) < 0.6, `seed ${seed}: the value follows (got ${tempered.value[0]})`)
      assert.ok(tempered.freeEnergy < plain.freeEnergy, `seed ${seed}: the honest basin has the lower free energy`)
      const colluderWeight = tempered.weights.filter((w) => w.author.startsWith('c')).reduce((s, w) => s + w.weight, 0)
      assert.ok(colluderWeight < 0.05, `seed ${seed}: colluders keep ${colluderWeight} of the weight`)
      assert.ok(tempered.swaps.proposed > 0)
    }
    // The lock is the rule, not a fluke of one draw.
    assert.ok(plainLocked >= 0.75 * seeds, `plain annealing locked in only ${plainLocked} of ${seeds} draws`)
  })

  test('tempering never ends at a higher free energy than plain annealing', () => {
    for (let seed = 0; seed < 20; seed++) {
      const contributions = gaussianContributions(60, 2, seed).map((c, i) => (i < 20 ? { ...c, value: c.value.map((x) => x * 0.05 + 3) } : c))
      for (const coldTemperature of [0.5, 2]) {
        const plain = anneal(contributions, { seed, coldTemperature, replicas: 1 })
        const tempered = anneal(contributions, { seed, coldTemperature, replicas: 6 })
        assert.ok(tempered.freeEnergy <= plain.freeEnergy + 1e-9, `seed ${seed} τ=${coldTemperature}`)
      }
    }
  })

  test('the seed drives tempering deterministically, and one replica uses no randomness', () => {
    const contributions = staleAnchorFeed(1)
    const options = { coldTemperature: 0.5, warmStart: Float64Array.of(0) }
    assert.ok(resultBytes(anneal(contributions, { ...options, seed: 9 })).equals(resultBytes(anneal(contributions, { ...options, seed: 9 }))))
    assert.ok(resultBytes(anneal(contributions, { ...options, seed: 1, replicas: 1 })).equals(resultBytes(anneal(contributions, { ...options, seed: 2, replicas: 1 }))))
  })

  test('warmStart of the wrong dimension is a typed error', () => {
    assert.throws(
      () => anneal(staleAnchorFeed(0), { seed: 1, warmStart: Float64Array.of(0, 0) }),
      (e: unknown) => e instanceof Error && (e as { reason?: string }).reason === 'dimension-mismatch',
    )
  })
})
