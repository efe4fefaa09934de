/** --metrics-port: /metrics alone on its own port; and the n-aware T alarm threshold (dashboard/alarm-threshold.ts). */
import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Counter, Registry } from 'prom-client'
import { measure } from '../bench/temperature-alarm.js'
import { alarmThreshold, temperatureBound, toleratedExclusions } from '../src/dashboard/alarm-threshold.js'
import { MetricsStartError, startMetricsServer } from '../src/metrics/index.js'

describe('metrics server (--metrics-port)', () => {
  test('serves /metrics (GET and HEAD) and nothing else; a port in use is a one-line error naming the flag', async () => {
    const registry = new Registry()
    new Counter({ name: 'thermotruth_test_total', help: 'a test counter', registers: [registry] }).inc(3)
    const server = await startMetricsServer(registry, { host: '127.0.0.1', port: 0 })
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
      const get = await fetch(server.url)
      assert.equal(get.status, 200)
      assert.match(get.headers.get('content-type') ?? '', /text\/plain/)
      assert.match(await get.text(), /# TYPE thermotruth_test_total counter\nthermotruth_test_total 3/)
      const head = await fetch(server.url, { method: 'HEAD' })
      assert.equal(head.status, 200)
      assert.equal(await head.text(), '')
      assert.equal((await fetch(server.url.replace('/metrics', '/v1/status'))).status, 404)
      const post = await fetch(server.url, { method: 'POST', body: 'x' })
      assert.equal(post.status, 405)
      assert.equal(post.headers.get('allow'), 'GET, HEAD')
      await assert.rejects(startMetricsServer(registry, { host: '127.0.0.1', port: server.port }), (error: Error) => {
        assert.ok(error instanceof MetricsStartError)
        assert.equal(error.message, `metrics port ${server.port} is in use; pick another with --metrics-port`)
        return true
      })
    } finally {
      await server.close()
    }
  })
})

describe('T alarm threshold', () => {
  test('the bound and the threshold: raised for few contributors, never below the configured one', () => {
    assert.equal(temperatureBound(10, 0), 2 / 3, 'no exclusion: equipartition')
    assert.ok(Math.abs(temperatureBound(4, 1) - (2 / 3) * (1 + 11.25 / 4)) < 1e-12)
    assert.deepEqual([3, 6, 7, 13, 14, 21].map(toleratedExclusions), [1, 1, 2, 2, 3, 4])
    assert.deepEqual([3, 4, 5, 6, 7, 10, 14].map((n) => alarmThreshold(2, n)), [3.33, 2.67, 2.28, 2.01, 2.95, 2.28, 2.39])
    assert.equal(alarmThreshold(2, 1000), 2, 'large networks keep the configured threshold')
    assert.equal(alarmThreshold(1e6, 4), 1e6)
    assert.equal(alarmThreshold(1.5, undefined), 1.5, 'unknown n: the configured threshold')
    for (let n = 1; n <= 60; n++) assert.ok(alarmThreshold(2, n) >= temperatureBound(n, toleratedExclusions(n)), `n=${n} sits above its own bound`)
  })

  test('on an honest 4-node network (real engine, simulator) the n-aware alarm rings less often than a fixed 2', () => {
    const row = measure(4, 80, 3)
    assert.ok(row.epochs >= 70, `${row.epochs} certified epochs`)
    assert.ok(row.temperatureMax <= temperatureBound(4, 1) + 1e-9 || row.nAwareAlarms > 0, 'T within the one-exclusion bound, or counted as an alarm')
    assert.ok(row.nAwareAlarms < row.fixedAlarms || row.fixedAlarms === 0, JSON.stringify(row))
    assert.ok(row.nAwareAlarms <= Math.ceil(row.epochs * 0.02), `false alarms ${row.nAwareAlarms} of ${row.epochs}`)
  })
})
