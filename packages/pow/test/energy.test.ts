import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createEnergyMeter, PowParamError } from '../src/index.js'

test('energy meter sums expected and actual hashes per kind and converts to Joules', () => {
  const meter = createEnergyMeter(2e-6)
  meter.record('ticket', 20, 900_000)
  meter.record('stamp', 8, 300)
  meter.record('stamp', 8, 100)
  const account = meter.account()
  assert.equal(account.count, 3)
  assert.equal(account.expectedHashes, 2 ** 20 + 2 * 256)
  assert.equal(account.actualHashes, 900_400)
  assert.equal(account.actualJoules, 900_400 * 2e-6)
  assert.equal(account.expectedJoules, (2 ** 20 + 512) * 2e-6)
  assert.deepEqual(Object.keys(account.byKind), ['stamp', 'ticket'])
  assert.equal(account.byKind.stamp.count, 2)
  assert.equal(account.byKind.stamp.actualHashes, 400)
  assert.equal(account.byKind.ticket.expectedHashes, 2 ** 20)
})

test('snapshots do not change after later records', () => {
  const meter = createEnergyMeter(1)
  const before = meter.account()
  meter.record('stamp', 1, 1)
  assert.equal(before.count, 0)
  assert.equal(meter.account().count, 1)
})

test('bad numbers are PowParamError', () => {
  assert.throws(() => createEnergyMeter(-1), PowParamError)
  const meter = createEnergyMeter(1)
  assert.throws(() => meter.record('stamp', Number.NaN, 1), PowParamError)
  assert.throws(() => meter.record('stamp', 1, -1), PowParamError)
})
