import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { runSimulation } from '../src/sim/run.js'

function assertAllCertifiedIdentically(report: ReturnType<typeof runSimulation>): void {
  const honest = report.outcomes.filter((o) => o.honest).length
  for (const e of report.epochs) {
    assert.equal(e.certifiedBy, honest, `epoch ${e.epoch}: ${e.certifiedBy}/${honest} honest nodes certified`)
    assert.equal(e.certifiedDigests, 1, `epoch ${e.epoch}: ${e.certifiedDigests} distinct records`)
    assert.equal(e.honestSpread, 0)
  }
  assert.equal(report.summary.certifiedEpochs, report.summary.epochs)
  assert.equal(report.summary.allHonestAgreed, true)
  assert.equal(report.summary.honestSpreadMax, 0)
}

describe('engine through the simulator: honest network', () => {
  for (const [nodes, epochs] of [
    [4, 6],
    [25, 8],
    [100, 3],
  ] as const) {
    test(`n=${nodes}: every honest node certifies the identical record in all ${epochs} epochs`, () => {
      const report = runSimulation({ nodes, epochs, seed: nodes })
      assertAllCertifiedIdentically(report)
      // The fast path closes on the last proposal, not the deadline: finality well inside the collect window.
      assert.ok(report.summary.finalityMs.p99 < 0.5 * 2000, `p99 ${report.summary.finalityMs.p99}`)
      for (const e of report.epochs) assert.equal(e.includedAuthors.length, nodes)
    })
  }

  test('records chain: each certified record links to the previous one and carries the next difficulty', () => {
    const report = runSimulation({ nodes: 10, epochs: 5, seed: 3 })
    const node = report.outcomes[0]
    const records = node.events.flatMap(({ event }) => (event.type === 'certified' ? [event.certificate] : []))
    assert.equal(records.length >= 5, true)
    for (const cert of records) {
      assert.ok(cert.endorsements.length >= Math.floor((2 * cert.committee.length) / 3) + 1)
      assert.ok(cert.record.nextDifficulty >= 4)
    }
  })

  test('piggybacked endorsements certify the same way with fewer gossip messages, at about one period more latency', () => {
    // Piggybacking is a gossip-epoch mode (the linear epoch sends each endorsement once, to the leader).
    const separate = runSimulation({ nodes: 20, epochs: 6, seed: 5, tuning: { epochMode: 'gossip' } })
    const piggyback = runSimulation({ nodes: 20, epochs: 6, seed: 5, tuning: { epochMode: 'gossip', endorsementMode: 'piggyback' } })
    assertAllCertifiedIdentically(piggyback)
    assert.ok(piggyback.summary.messagesPerNodePerEpoch < separate.summary.messagesPerNodePerEpoch)
    assert.ok(piggyback.summary.finalityMs.p50 > separate.summary.finalityMs.p50)
  })

  test('the same seed gives the identical summary; another seed gives other records', () => {
    const a = runSimulation({ nodes: 12, epochs: 4, seed: 42, jitterMs: 15, loss: 0.01 })
    const b = runSimulation({ nodes: 12, epochs: 4, seed: 42, jitterMs: 15, loss: 0.01 })
    const c = runSimulation({ nodes: 12, epochs: 4, seed: 43, jitterMs: 15, loss: 0.01 })
    assert.equal(JSON.stringify(a.summary), JSON.stringify(b.summary))
    assert.deepEqual(a.epochs, b.epochs)
    assert.notDeepEqual(a.epochs, c.epochs)
  })
})
