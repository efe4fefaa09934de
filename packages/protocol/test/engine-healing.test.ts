import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DEFAULT_TEMPERATURE_THRESHOLD } from '../src/sim/options.js'
import { runSimulation } from '../src/sim/run.js'

const THRESHOLD = DEFAULT_TEMPERATURE_THRESHOLD // scale-free: honest T is about 2/3

describe('self-healing', () => {
  test('a far bias heats T over the threshold and raises the difficulty; eviction cools T within 3 epochs while the attack goes on, and the surcharge goes away', () => {
    const report = runSimulation({ nodes: 31, epochs: 9, seed: 1, byzantine: 0.33, attack: 'bias' })
    const t = report.epochs.map((e) => e.temperature ?? Number.NaN)
    assert.ok(t[0] > THRESHOLD, `attack should heat T: ${t.join(', ')}`)
    const cooledAt = t.findIndex((x) => x <= THRESHOLD)
    assert.ok(cooledAt > 0 && cooledAt <= 3, `T back under the threshold within 3 epochs: ${t.join(', ')}`)
    for (const x of t.slice(cooledAt)) assert.ok(x <= THRESHOLD, `T stays under the threshold: ${t.join(', ')}`)
    // The attackers are off the committee from the epoch T cooled: nothing hot is left in the record.
    const byzantine = new Set(report.outcomes.filter((o) => !o.honest).map((o) => o.id))
    for (const e of report.epochs.slice(cooledAt)) assert.ok(!e.includedAuthors.some((a) => byzantine.has(a)), `epoch ${e.epoch} still seats an attacker`)
    const penalties = report.outcomes.find((o) => o.honest)!.events.filter(({ event }) => event.type === 'penalty' && event.reason === 'low-reputation')
    assert.ok(penalties.length >= byzantine.size)
    // The stamp controller answered the hot epochs, and the surcharge left with the heat.
    const certs = report.outcomes[report.outcomes.findIndex((o) => o.honest)].events.flatMap(({ event }) => (event.type === 'certified' ? [event.certificate.record] : []))
    const hot = certs.filter((r) => r.feeds.some((f) => f.temperature > THRESHOLD))
    const cool = certs.filter((r) => r.epoch >= cooledAt)
    assert.ok(hot.length > 0 && cool.length > 0)
    const hottest = Math.min(...hot.map((r) => r.nextDifficulty))
    for (const r of cool) assert.ok(r.nextDifficulty < hottest, `cool epoch ${r.epoch} asks ${r.nextDifficulty} bits, hot ones >= ${hottest}`)
  })

  test('T comes back under the threshold within 3 epochs after an attack stops', () => {
    // An in-filter bias (+3σ) is not far enough for strikes; it heats T for as long as it lasts.
    const stop = 4
    const report = runSimulation({ nodes: 31, epochs: 9, seed: 1, byzantine: 0.33, attack: 'bias', attackMagnitude: 3, attackUntil: stop })
    const t = report.epochs.map((e) => e.temperature ?? Number.NaN)
    assert.ok(t.slice(0, stop).some((x) => x > THRESHOLD), `attack should heat T: ${t.join(', ')}`)
    const healedBy = t.slice(stop, stop + 3).findIndex((x) => x <= THRESHOLD)
    assert.ok(healedBy >= 0, `T back under the threshold within 3 epochs: ${t.join(', ')}`)
    for (const x of t.slice(stop + healedBy)) assert.ok(x <= THRESHOLD, `T stays under the threshold: ${t.join(', ')}`)
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
