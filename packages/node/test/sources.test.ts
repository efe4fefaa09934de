import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { createObservationSource, parseJsonPath, parseSourceSpec, type ObservationResult } from '../src/sources/index.js'

const opts = { timeoutMs: 2000, seed: Uint8Array.of(1, 2, 3) }

function values(result: ObservationResult): number[] {
  assert.equal(result.kind, 'values', JSON.stringify(result))
  return [...(result as { values: Float64Array }).values]
}

describe('source specs', () => {
  test('parse every kind and reject nonsense with a reason', () => {
    assert.deepEqual(parseSourceSpec('sim:gauss:3000:5'), { kind: 'sim-gauss', mean: 3000, sigma: 5 })
    assert.deepEqual(parseSourceSpec('cmd:echo 1'), { kind: 'cmd', command: 'echo 1' })
    assert.deepEqual(parseSourceSpec('http:http://127.0.0.1:1/x#a.b[0]'), { kind: 'http', url: 'http://127.0.0.1:1/x', path: 'a.b[0]' })
    assert.deepEqual(parseSourceSpec('reports'), { kind: 'reports' })
    for (const bad of ['sim:gauss:1', 'sim:gauss:a:1', 'sim:gauss:1:-1', 'cmd:', 'http:notaurl#x', 'http:ftp://x/#a', 'http:http://x/#a..b', 'udp:x']) {
      assert.throws(() => parseSourceSpec(bad), /'/, bad)
    }
    assert.deepEqual(parseJsonPath('data.prices[2][0].usd'), ['data', 'prices', 2, 0, 'usd'])
  })

  test('the spec parser never throws anything but SourceSpecError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (spec) => {
        try {
          parseSourceSpec(spec)
        } catch (error) {
          assert.equal((error as Error).name, 'SourceSpecError')
        }
      }),
    )
  })
})

describe('sim:gauss', () => {
  test('is seeded: the same seed repeats the sequence, another seed differs', async () => {
    const draw = async (seed: Uint8Array) => {
      const source = createObservationSource('eth-usd', 'sim:gauss:3000:5', { ...opts, seed })
      const out: number[] = []
      for (let e = 0; e < 50; e++) out.push(...values(await source.observe(e)))
      return out
    }
    const a = await draw(Uint8Array.of(1))
    assert.deepEqual(await draw(Uint8Array.of(1)), a)
    assert.notDeepEqual(await draw(Uint8Array.of(2)), a)
  })

  test('samples have roughly the configured mean and sigma', async () => {
    const source = createObservationSource('eth-usd', 'sim:gauss:3000:5', opts)
    const xs: number[] = []
    for (let e = 0; e < 4000; e++) xs.push(...values(await source.observe(e)))
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1))
    assert.ok(Math.abs(mean - 3000) < 0.5, `mean ${mean}`)
    assert.ok(Math.abs(sd - 5) < 0.5, `sd ${sd}`)
  })
})

describe('cmd source', () => {
  test('reads a number or a JSON array from stdout', async () => {
    assert.deepEqual(values(await createObservationSource('f', 'cmd:echo 42.5', opts).observe(0)), [42.5])
    assert.deepEqual(values(await createObservationSource('f', "cmd:printf '[1, 2.5]'", opts).observe(0)), [1, 2.5])
  })

  test('failure, garbage and timeout give no observation with a reason', async () => {
    const fail = await createObservationSource('f', 'cmd:exit 3', opts).observe(0)
    assert.equal(fail.kind, 'error')
    assert.match((fail as { reason: string }).reason, /exited with 3/)
    const garbage = await createObservationSource('f', 'cmd:echo hello', opts).observe(0)
    assert.match((garbage as { reason: string }).reason, /not a number/)
    const slow = await createObservationSource('f', 'cmd:sleep 5', { ...opts, timeoutMs: 100 }).observe(0)
    assert.match((slow as { reason: string }).reason, /timed out after 100 ms/)
  })
})

describe('http source (loopback only)', () => {
  let server: Server
  let base = ''
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/price') res.end(JSON.stringify({ data: { prices: [{ usd: 3001.25 }], vec: [1, 2] } }))
      else if (req.url === '/slow') setTimeout(() => res.end('1'), 2000)
      else if (req.url === '/text') res.end('nope')
      else {
        res.statusCode = 404
        res.end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  test('reads the value at a json path', async () => {
    assert.deepEqual(values(await createObservationSource('f', `http:${base}/price#data.prices[0].usd`, opts).observe(0)), [3001.25])
    assert.deepEqual(values(await createObservationSource('f', `http:${base}/price#data.vec`, opts).observe(0)), [1, 2])
  })

  test('missing path, bad status, non-JSON and timeout give no observation with a reason', async () => {
    const cases: Array<[string, RegExp, number?]> = [
      [`http:${base}/price#data.none`, /no value at 'data.none'/],
      [`http:${base}/price#data`, /expected a number/],
      [`http:${base}/missing#a`, /answered 404/],
      [`http:${base}/text#a`, /failed/],
      [`http:${base}/slow#`, /timed out after 100 ms/, 100],
    ]
    for (const [spec, reason, timeoutMs] of cases) {
      const result = await createObservationSource('f', spec, { ...opts, timeoutMs: timeoutMs ?? opts.timeoutMs }).observe(0)
      assert.equal(result.kind, 'error', spec)
      assert.match((result as { reason: string }).reason, reason)
    }
  })

  test('a reports-only feed observes nothing', async () => {
    assert.deepEqual(await createObservationSource('f', 'reports', opts).observe(0), { kind: 'none' })
  })
})
