/**
 * Issue 6, property 6: a network partition made with network namespaces heals and converges. Five production-profile
 * nodes; the last one is cut off (its bridge port moves to a second bridge) for a few epochs. quorum(5) = 4, so the
 * majority of four keeps certifying and the isolated node certifies nothing; after the heal the minority syncs the
 * majority's certificates and every node holds identical certified records. No epoch ever has two certified records.
 * Skips, saying why, where network namespaces are not permitted.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { quorum } from '@thermotruth/protocol'
import { leftovers, removeTmp, runWan, skipReason, tail, type WanRun, wanSkipped } from './wan-helpers.js'

const NODES = 5
const MINORITY = 1

interface EpochView {
  epoch: number
  certifiedBy: number
  digests: string[]
}

test('a netns partition: the quorum side certifies, the cut-off side does not, and after healing all converge', async (t) => {
  const cannot = skipReason()
  if (cannot !== undefined) {
    t.diagnostic(`partition test skipped: ${cannot}`)
    t.skip(cannot)
    return
  }
  let run: WanRun | undefined
  try {
    const args = ['--nodes', String(NODES), '--partition', String(MINORITY), '--partition-epochs', '3', '--epoch-ms', '4000', '--identity-bits', '8', '--json']
    run = await runWan(args, 280_000)
    const skipped = wanSkipped(run)
    if (skipped !== undefined) {
      t.diagnostic(`partition test skipped: ${skipped}`)
      t.skip(skipped)
      return
    }
    assert.equal(run.code, 0, `scripts/wan failed:\n${tail(run)}`)
    const r = JSON.parse(run.stdout.trim())
    const p = r.partition
    assert.deepEqual(p.minority, [NODES - 1])
    // Safety, before, during and after the partition: one certified record per epoch across all nodes.
    assert.deepEqual(r.conflicts, [], 'two nodes certified different records for one epoch')
    for (const v of p.records as EpochView[]) assert.ok(v.digests.length <= 1, `epoch ${v.epoch}: ${v.digests.length} certified records`)
    // The cut-off side cannot reach a quorum of the five-member committee: it certifies nothing while cut off.
    for (const m of p.minorityDuring) assert.deepEqual(m.certified, [], `minority node ${m.node} certified during the partition`)
    // The other side holds a quorum and keeps certifying.
    assert.ok(NODES - MINORITY >= quorum(NODES))
    const majorityCertified = new Set(p.majorityDuring.flatMap((m: { certified: number[] }) => m.certified))
    assert.ok(majorityCertified.size >= 1, `the majority (a quorum) certified nothing during the partition:\n${tail(run)}`)
    // Healed: every node certified one common epoch afterwards, and holds the same certified record for every epoch
    // anyone certified (the minority synced the ones it missed).
    assert.notEqual(p.convergedEpoch, null, `no common certified epoch after the heal:\n${tail(run)}`)
    assert.ok(p.convergedEpoch >= p.healEpoch)
    assert.equal(p.identicalAfterHeal, true, `epochs not certified everywhere after the heal: ${JSON.stringify(p.notEverywhere)}`)
    for (const e of majorityCertified) {
      const view = (p.records as EpochView[]).find((v) => v.epoch === e)
      assert.equal(view?.certifiedBy, NODES, `epoch ${e}, certified by the majority, is not certified on every node after the heal`)
    }
    assert.deepEqual(leftovers(run), { namespaces: [], pids: [] }, 'scripts/wan left namespaces or processes behind')
  } finally {
    removeTmp(run)
  }
})
