import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { runSimulation } from '../src/sim/run.js'

const THRESHOLD = 0.1 // the paper's T threshold, the engine default

describe('self-healing', () => {
  test('an in-filter bias heats T over the threshold; the difficulty rises; T is back under it within 3 epochs after the attack stops', () => {
    const stop = 4
    // σ = 0.33 keeps honest T ≈ (2/3)σ² under 0.1; a coordinated +2.5σ bias from a third of the nodes pushes it over.
    const report = runSimulation({ nodes: 31, epochs: 9, seed: 1, byzantine: 0.33, attack: 'bias', attackMagnitude: 2.5, attackUntil: stop, honestSigma: 0.33, temperatureThreshold: THRESHOLD })
    const t = report.epochs.map((e) => e.temperature ?? Number.NaN)
    assert.ok(t.slice(0, stop).some((x) => x > THRESHOLD), `attack should heat T: ${t.join(', ')}`)
    const healedBy = t.slice(stop, stop + 3).findIndex((x) => x < THRESHOLD)
    assert.ok(healedBy >= 0, `T back under threshold within 3 epochs: ${t.join(', ')}`)
    for (const x of t.slice(stop + 3)) assert.ok(x < THRESHOLD, `T stays under threshold: ${t.join(', ')}`)
    // The stamp controller answered the hot epochs: some certified record asked for more bits.
    const certs = report.outcomes[report.outcomes.findIndex((o) => o.honest)].events.flatMap(({ event }) => (event.type === 'certified' ? [event.certificate.record] : []))
    const hot = certs.filter((r) => r.feeds.some((f) => f.temperature > THRESHOLD))
    assert.ok(hot.length > 0)
    const initial = 4 // the simulator's initial stamp difficulty
    for (const r of hot) assert.ok(r.nextDifficulty > initial - 0.5 + 0.5, `hot epoch ${r.epoch} next difficulty ${r.nextDifficulty}`)
  })

  test('persistent far outliers fall under the reputation floor and lose their committee seat', () => {
    const report = runSimulation({ nodes: 31, epochs: 7, seed: 2, byzantine: 0.33, attack: 'bias' })
    const byzantine = new Set(report.outcomes.filter((o) => !o.honest).map((o) => o.id))
    const last = report.epochs[report.epochs.length - 1]
    for (const author of last.includedAuthors) assert.ok(!byzantine.has(author))
    const penalties = report.outcomes.find((o) => o.honest)!.events.filter(({ event }) => event.type === 'penalty' && event.reason === 'low-reputation')
    assert.ok(penalties.length >= byzantine.size)
  })

  test('evicted identities come back after the cool-down without splitting honest views', () => {
    // Short cool-down so the return happens inside the run: evicted after epoch 4, back in epoch 8.
    const report = runSimulation({ nodes: 31, epochs: 12, seed: 1, byzantine: 0.33, attack: 'bias', tuning: { reputation: { floor: 0.2, coolDownEpochs: 3 } } })
    const sizes = report.epochs.map((e) => e.includedAuthors.length)
    assert.ok(sizes.some((x) => x === 21), `attackers were evicted: ${sizes.join(' ')}`)
    const back = sizes.findIndex((x, i) => i > 0 && sizes[i - 1] === 21 && x === 31)
    assert.ok(back > 0, `attackers returned: ${sizes.join(' ')}`)
    assert.equal(report.summary.certifiedEpochs, 12, 'the return epoch certifies like any other')
  })
})
