/** Issue 11, item 2: the pino logger (levels, formats, file) and the suppression of repeated conditions. */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { describe, test } from 'node:test'
import type { EngineEvent } from '@thermotruth/protocol'
import { ConditionLog, createLogger, LogFileError, levelOfLine, nodeLineLogger, RateLimitedLog } from '../src/logging/index.js'
import { EngineEventSink } from '../src/node/event-sink.js'
import type { NodeStore } from '../src/store/node-store.js'
import { tempDir } from './helpers-tmp.js'

/** A destination that keeps what was written, split into lines. */
function collector(): { stream: Writable; lines: () => string[] } {
  let text = ''
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString()
      done()
    },
  })
  return { stream, lines: () => text.split('\n').filter((l) => l !== '') }
}

describe('createLogger', () => {
  test('records below --log-level are dropped, the rest kept in order', () => {
    const out = collector()
    const log = createLogger({ level: 'warn', format: 'json', destination: out.stream })
    log.debug('d')
    log.info('i')
    log.warn('w')
    log.error('e')
    assert.deepEqual(
      out.lines().map((l) => JSON.parse(l).msg),
      ['w', 'e'],
    )
  })

  test('json: one object per line with a level name, an ISO time, the message and the fields', () => {
    const out = collector()
    const log = createLogger({ level: 'info', format: 'json', destination: out.stream })
    log.info({ epoch: 7 }, 'epoch 7 certified')
    const [line, ...rest] = out.lines()
    assert.equal(rest.length, 0)
    const record = JSON.parse(line!)
    assert.equal(record.level, 'info')
    assert.equal(record.msg, 'epoch 7 certified')
    assert.equal(record.epoch, 7)
    assert.ok(!Number.isNaN(Date.parse(record.time)) && /Z$/.test(record.time), record.time)
    assert.equal(record.pid, undefined, 'no pid/hostname noise')
  })

  test('pretty: one line per record with a UTC timestamp, the level and the message', () => {
    const out = collector()
    const log = createLogger({ level: 'info', format: 'pretty', destination: out.stream, colorize: false })
    log.child({ component: 'net' }).warn('dial failed')
    assert.deepEqual(out.lines().length, 1)
    assert.match(out.lines()[0]!, /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] WARN: net: dial failed$/)
  })

  test('--log-file: records are appended to the file too', () => {
    const t = tempDir('log-file')
    try {
      const file = join(t.dir, 'node.log')
      const out = collector()
      const log = createLogger({ level: 'info', format: 'json', file, destination: out.stream })
      log.info('first')
      log.debug('hidden')
      log.error('second')
      const fileLines = readFileSync(file, 'utf8').trim().split('\n')
      assert.deepEqual(
        fileLines.map((l) => JSON.parse(l).msg),
        ['first', 'second'],
      )
      assert.deepEqual(out.lines().length, 2)
    } finally {
      t.cleanup()
    }
  })

  test('an unwritable --log-file is a LogFileError naming the flag', () => {
    assert.throws(() => createLogger({ level: 'info', format: 'json', file: '/proc/no-such-dir/node.log' }), (error: unknown) => {
      assert.ok(error instanceof LogFileError)
      assert.match((error as Error).message, /^--log-file \/proc\/no-such-dir\/node\.log: cannot open it for writing/)
      return true
    })
  })
})

describe('node log lines', () => {
  test('levels come from the kind of line', () => {
    assert.equal(levelOfLine('engine tick failed: boom'), 'error')
    assert.equal(levelOfLine('store write failed: EIO'), 'error')
    assert.equal(levelOfLine('epoch 5: view holds proposals from 1 committee members, 2 needed: not endorsing'), 'warn')
    assert.equal(levelOfLine('evicted abcd… until epoch 9 (reputation 0.10)'), 'warn')
    assert.equal(levelOfLine('dial 12D3KooW failed: timeout'), 'debug')
    assert.equal(levelOfLine('sync: fetched and verified 3 certificates'), 'info')
  })

  test("a 'net: ' line becomes a record of component net", () => {
    const out = collector()
    const line = nodeLineLogger(createLogger({ level: 'debug', format: 'json', destination: out.stream }))
    line('net: dial 12D3KooW failed: timeout')
    const record = JSON.parse(out.lines()[0]!)
    assert.deepEqual([record.level, record.component, record.msg], ['debug', 'net', 'dial 12D3KooW failed: timeout'])
  })
})

/** A sink for events that only log ('withheld', 'penalty'): they touch no storage, so its store is never called. */
function logOnlySink(logged: string[], now: () => number): EngineEventSink {
  return new EngineEventSink({} as NodeStore, {
    onFinalized: () => {},
    onPenalty: () => {},
    onEquivocation: () => {},
    onProposed: () => {},
    log: (line) => logged.push(line),
    now,
    epochStartMs: () => 0,
  })
}

describe('repeated conditions', () => {
  test('ConditionLog logs a condition when it starts or changes, and once when it clears', () => {
    const logged: string[] = []
    const conditions = new ConditionLog((line) => logged.push(line))
    for (let epoch = 1; epoch <= 5; epoch++) conditions.report('stuck', '1/2', `epoch ${epoch}: stuck 1/2`)
    conditions.report('stuck', '0/2', 'epoch 6: stuck 0/2')
    conditions.report('stuck', '0/2', 'epoch 7: stuck 0/2')
    conditions.clear('stuck', 'epoch 8: unstuck')
    conditions.clear('stuck', 'epoch 9: unstuck')
    conditions.report('stuck', '1/2', 'epoch 10: stuck 1/2')
    assert.deepEqual(logged, ['epoch 1: stuck 1/2', 'epoch 6: stuck 0/2', 'epoch 8: unstuck', 'epoch 10: stuck 1/2'])
  })

  test("the engine's 'not endorsing' event is logged once for a run of epochs, not every epoch", () => {
    const logged: string[] = []
    const sink = logOnlySink(logged, () => 0)
    const withheld = (epoch: number, members: number): EngineEvent => ({ type: 'withheld', epoch, members, needed: 2 }) as EngineEvent
    for (let epoch = 10; epoch < 40; epoch++) sink.handle(withheld(epoch, 1))
    sink.handle(withheld(40, 0))
    assert.equal(logged.length, 2, logged.join('\n'))
    assert.match(logged[0]!, /^epoch 10: view holds proposals from 1 committee members, 2 needed: not endorsing/)
    assert.match(logged[1]!, /^epoch 40: view holds proposals from 0 committee members/)
  })

  test('penalty lines: each names the peer and the reason, at most 20 a minute, then a count of the rest', () => {
    const logged: string[] = []
    let now = 0
    const sink = logOnlySink(logged, () => now)
    const penalty = (i: number): EngineEvent => ({ type: 'penalty', peer: `${i}`.padEnd(64, 'a'), reason: 'bad-signature', detail: `message ${i}` })
    for (let i = 0; i < 50; i++) sink.handle(penalty(i))
    assert.equal(logged.length, 20)
    assert.match(logged[0]!, /^penalty: 0aaaaaaaaaaaaaaa… bad-signature \(message 0\)$/)
    now = 60_000
    sink.handle(penalty(50))
    assert.deepEqual(logged.slice(20), ['30 more penalty lines were not logged in the last 60 s', 'penalty: 50aaaaaaaaaaaaaa… bad-signature (message 50)'])
  })

  test('RateLimitedLog: a quiet window after a burst logs nothing extra', () => {
    const logged: string[] = []
    let now = 0
    const limited = new RateLimitedLog((line) => logged.push(line), () => now, 'x', 2, 1000)
    for (const t of [0, 10, 20, 1500, 1600]) {
      now = t
      limited.line(`at ${t}`)
    }
    assert.deepEqual(logged, ['at 0', 'at 10', '1 more x lines were not logged in the last 1 s', 'at 1500', 'at 1600'])
  })
})
