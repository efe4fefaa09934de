/**
 * scripts/wan at small n (issue 5, "WAN emulation"): four production-profile nodes, each in its own network namespace
 * with its own address, join through a bootstrap node and certify epochs together; the DHT keeps their (RFC 9637,
 * libp2p-public) addresses; everything the script made is gone afterwards, also when it is interrupted.
 * Skips, saying why, where network namespaces are not permitted (not root, no iproute2, `ip netns add` refused).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { leftovers, removeTmp, runWan, skipReason, startWan, tail, type WanRun, wanSkipped } from './wan-helpers.js'

const NODES = 4

test('scripts/wan: production-profile nodes in their own namespaces join, certify and agree', async (t) => {
  const cannot = skipReason()
  if (cannot !== undefined) {
    t.diagnostic(`wan test skipped: ${cannot}`)
    t.skip(cannot)
    return
  }
  let run: WanRun | undefined
  try {
    // Generous epochs: the machine is shared; waits inside the script are bounded by epochs.
    run = await runWan(['--nodes', String(NODES), '--epochs', '4', '--epoch-ms', '4000', '--identity-bits', '8', '--json'], 240_000)
    const skipped = wanSkipped(run)
    if (skipped !== undefined) {
      t.diagnostic(`wan test skipped: ${skipped}`)
      t.skip(skipped)
      return
    }
    assert.equal(run.code, 0, `scripts/wan failed:\n${tail(run)}`)
    const lines = run.stdout.trim().split('\n')
    assert.equal(lines.length, 1, '--json prints exactly one JSON object')
    const r = JSON.parse(lines[0])
    assert.equal(r.profile, 'production')
    assert.equal(r.nodes, NODES)
    assert.deepEqual(r.conflicts, [], 'no two nodes certified different records for one epoch')
    assert.ok(r.certifiedEpochs >= 1, `no epoch certified by every node: ${JSON.stringify(r.perNode)}`)
    assert.ok(r.finalityMs.p50 > 0 && r.finalityMs.p99 >= r.finalityMs.p50, JSON.stringify(r.finalityMs))
    for (const p of r.perNode) {
      assert.ok(p.listen.some((a: string) => a.startsWith(`/ip6/${p.addr}/tcp/`)), `node ${p.node} advertises its own address: ${p.listen}`)
      // The production DHT drops private addresses; these are libp2p-public, so peers enter the routing table.
      assert.ok(p.dhtRoutingTable >= 1, `node ${p.node}: empty DHT routing table`)
      assert.ok(p.ticketedPeers >= 1, `node ${p.node} has no ticketed peer`)
    }
    assert.deepEqual(leftovers(run), { namespaces: [], pids: [] }, 'scripts/wan left namespaces or processes behind')
  } finally {
    removeTmp(run)
  }
})

test('scripts/wan: interrupted while nodes run, it removes every namespace and process it made', async (t) => {
  const cannot = skipReason()
  if (cannot !== undefined) {
    t.diagnostic(`wan test skipped: ${cannot}`)
    t.skip(cannot)
    return
  }
  let run: WanRun | undefined
  try {
    let started = false
    const { child, done } = startWan(['--nodes', '2', '--epochs', '50', '--identity-bits', '8'], (text) => {
      if (!started && text.includes('nodes up')) {
        started = true
        child.kill('SIGTERM')
      }
    })
    const bound = setTimeout(() => child.kill('SIGKILL'), 180_000)
    run = await done.finally(() => clearTimeout(bound))
    const skipped = wanSkipped(run)
    if (skipped !== undefined) {
      t.skip(skipped)
      return
    }
    assert.ok(started, `the bootstrap node never started:\n${tail(run)}`)
    assert.equal(run.code, 143, `exit code after SIGTERM:\n${tail(run)}`)
    assert.deepEqual(leftovers(run), { namespaces: [], pids: [] }, 'an interrupted scripts/wan left namespaces or processes behind')
  } finally {
    removeTmp(run)
  }
})
