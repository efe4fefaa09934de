import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { runSimulation } from '../src/sim/run.js'

describe('engine through the simulator: equivocation and timing attacks', () => {
  test('two-faced equivocators are detected by every honest node, excluded, and lose their seat', () => {
    const report = runSimulation({ nodes: 20, epochs: 5, seed: 11, byzantine: 0.2, attack: 'equivocate' })
    const byzantine = new Set(report.outcomes.filter((o) => !o.honest).map((o) => o.id))
    assert.equal(byzantine.size, 4)
    for (const node of report.outcomes.filter((o) => o.honest)) {
      const caught = new Set(node.events.flatMap(({ event }) => (event.type === 'equivocation' ? [event.author] : [])))
      assert.deepEqual([...caught].sort(), [...byzantine].sort(), `node ${node.index} saw the evidence of every equivocator`)
      const evicted = new Set(node.events.flatMap(({ event }) => (event.type === 'eviction' ? [event.author] : [])))
      for (const b of byzantine) assert.ok(evicted.has(b))
    }
    // From the epoch after the evidence, no certified record includes an equivocator.
    for (const e of report.epochs.slice(1)) {
      assert.equal(e.certifiedDigests, 1)
      for (const author of e.includedAuthors) assert.ok(!byzantine.has(author), `epoch ${e.epoch} includes equivocator`)
    }
    assert.equal(report.summary.allHonestAgreed, true)
    assert.ok(report.summary.certifiedEpochs >= 4)
  })

  for (const attack of ['late', 'withhold'] as const) {
    test(`${attack}: across seeds, no two honest nodes ever certify different records`, () => {
      for (const seed of [1, 2, 3, 4]) {
        const report = runSimulation({ nodes: 16, epochs: 4, seed, byzantine: 0.25, attack, jitterMs: 40 })
        for (const e of report.epochs) assert.ok(e.certifiedDigests <= 1, `seed ${seed} epoch ${e.epoch}: ${e.certifiedDigests} records`)
        assert.equal(report.summary.allHonestAgreed, true)
        // Every epoch ends somewhere on every honest node: certified, or approximate with a measured spread.
        const honest = report.outcomes.filter((o) => o.honest).length
        for (const e of report.epochs) assert.equal(e.certifiedBy + e.approximateBy >= honest, true)
      }
    })
  }
})
