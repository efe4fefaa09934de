/** Pure pieces of the benches and baselines: claims over repeated runs, the PBFT baseline's signed messages. */
import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createEd25519, validateEndorsementBytes } from '@thermotruth/protocol'
import { scalingClaims } from '../src/bench/scaling.js'
import { EpochClock } from '../src/swarm/factories/epoch-clock.js'
import { COMMIT_SET_DIGEST, Kind, openPrePrepare, signPrePrepare, signVote } from '../src/swarm/factories/pbft-wire.js'

const row = (run: number, finalityP50Ms: number) => ({ protocol: 'thermotruth', n: 30, run, epochs: 10, failedEpochs: 0, finalityP50Ms, finalityP99Ms: 900, cpuMsPerNodePerEpoch: 10, bytesVsNaive: 1, rssMbPerNode: 10 })

describe('bench scaling over repeated runs', () => {
  test('a claim holds only when it holds in every run, and lists every run', () => {
    const p50 = (rows: Array<Record<string, unknown>>) => scalingClaims(rows).find((c) => c.claim.startsWith('finality p50'))!
    const good = p50([row(1, 500), row(2, 600), row(3, 700)])
    assert.equal(good.holds, true)
    assert.equal(good.measured, '500 ms / 600 ms / 700 ms')
    const oneBad = p50([row(1, 500), row(2, 1500), row(3, 700)])
    assert.equal(oneBad.holds, false, 'one collapsed run fails the claim')
    assert.match(oneBad.note ?? '', /run 2: misses by 500 ms/)
    assert.equal(p50([row(1, 500)]).holds, true, 'a report from before repeated runs still evaluates')
  })
})

describe('baseline epoch clock', () => {
  test('warm-up and cool-down epochs run around the measured ones', () => {
    const clock = new EpochClock()
    const started: number[] = []
    const genesisTime = Date.now() - 10_000 * 1000
    clock.start({ genesisTime, epochPeriodMs: 1000, firstEpoch: 20_000, lastEpoch: 20_001, warmupEpochs: 2, cooldownEpochs: 1 }, (e) => started.push(e), () => undefined)
    try {
      assert.equal(clock.inWindow(19_997), false)
      assert.equal(clock.inWindow(19_998), true)
      assert.equal(clock.inWindow(20_002), true)
      assert.equal(clock.inWindow(20_003), false)
    } finally {
      clock.stop()
    }
  })
})

describe('PBFT baseline messages', () => {
  const leader = createEd25519()
  const other = createEd25519()

  test('a PRE-PREPARE opens only with the leader key, the same epoch and an untouched set', () => {
    const body = signPrePrepare(7, [0, 2, 3], leader.sign)
    assert.deepEqual(openPrePrepare(7, body, 4, leader.publicKey, leader.verify), [0, 2, 3])
    assert.equal(openPrePrepare(7, body, 4, other.publicKey, leader.verify), undefined, 'another key')
    assert.equal(openPrePrepare(8, body, 4, leader.publicKey, leader.verify), undefined, 'another epoch')
    const tampered = new Uint8Array(body)
    tampered[1] ^= 1
    assert.equal(openPrePrepare(7, tampered, 4, leader.publicKey, leader.verify), undefined, 'a changed set')
  })

  test('votes are protocol endorsements; a PREPARE never carries the COMMIT marker', () => {
    const digest = new Uint8Array(32).fill(5)
    const setDigest = new Uint8Array(32).fill(6)
    const ctx = { networkId: 'thermotruth-bench', currentEpoch: 3, crypto: leader }
    const prepare = validateEndorsementBytes(signVote(Kind.Prepare, { networkId: 'thermotruth-bench', epoch: 3, setDigest, digest }, other), ctx)
    const commit = validateEndorsementBytes(signVote(Kind.Commit, { networkId: 'thermotruth-bench', epoch: 3, setDigest, digest }, other), ctx)
    assert.equal(prepare.verdict.action, 'accept')
    assert.equal(commit.verdict.action, 'accept')
    assert.deepEqual(prepare.endorsement?.proposalSetDigest, setDigest)
    assert.deepEqual(commit.endorsement?.proposalSetDigest, COMMIT_SET_DIGEST)
    const forged = signVote(Kind.Prepare, { networkId: 'thermotruth-bench', epoch: 3, setDigest, digest }, other)
    forged[forged.length - 1] ^= 1
    assert.equal(validateEndorsementBytes(forged, ctx).verdict.action, 'reject')
  })
})
