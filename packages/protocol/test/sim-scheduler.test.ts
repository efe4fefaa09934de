import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { GossipMesh } from '../src/sim/mesh.js'
import { simRandom } from '../src/sim/random.js'
import { Scheduler } from '../src/sim/scheduler.js'

describe('sim scheduler', () => {
  test('runs events in (time, insertion) order, whatever order they were added in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 200 }), (times) => {
        const s = new Scheduler()
        const ran: Array<[number, number]> = []
        times.forEach((t, i) => {
          s.at(t, () => ran.push([s.now, i]))
        })
        s.runUntil(Number.POSITIVE_INFINITY)
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1])
        assert.deepEqual(ran, expected)
      }),
    )
  })

  test('events scheduled while running keep time monotonic and never run in the past', () => {
    const s = new Scheduler()
    const seen: number[] = []
    s.at(10, () => {
      seen.push(s.now)
      s.at(5, () => seen.push(s.now)) // asks for the past: runs now, not before
      s.after(3, () => seen.push(s.now))
    })
    s.runUntil(100)
    assert.deepEqual(seen, [10, 10, 13])
    assert.equal(s.now, 100)
  })

  test('runUntil stops at the horizon and leaves later events queued', () => {
    const s = new Scheduler()
    let count = 0
    for (let t = 0; t < 10; t++) s.at(t, () => count++)
    s.runUntil(4.5)
    assert.equal(count, 5)
    assert.equal(s.pending, 5)
  })
})

describe('sim gossip mesh', () => {
  const params = { nodes: 200, degree: 6 }

  test('is connected and every node has about D peers', () => {
    const mesh = new GossipMesh(params, simRandom(7))
    for (const peers of mesh.neighbours) assert.ok(peers.length >= 2 && peers.length <= 8 + 2, `degree ${peers.length}`)
    const hops = mesh.hops(0)
    assert.ok(hops.every((h) => h < 0xffff), 'every node reachable')
  })

  test('the same seed builds the same mesh', () => {
    assert.deepEqual(new GossipMesh(params, simRandom(9)).neighbours, new GossipMesh(params, simRandom(9)).neighbours)
    assert.notDeepEqual(new GossipMesh(params, simRandom(9)).neighbours, new GossipMesh(params, simRandom(10)).neighbours)
  })
})
