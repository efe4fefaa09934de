/**
 * Linear epochs with real nodes (issue 14): seven `thermotruth start` processes; the leader of an epoch is killed with
 * SIGKILL the moment it has sent its batch, before its certificate can go out. Its followers' view 0 then runs out,
 * the backup leads view 1 (re-proposing the batch they endorsed), and the survivors keep certifying identical
 * records. The dead node stays in the aggregator set until the set is redrawn, so its later turns as view-0 leader
 * must fail over the same way. Figures go to stderr: the kill epoch, the epochs that moved to view 1, and how many
 * of them certified.
 */
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { certifiedDigests, killAll, type NodeProcess, prepareTestCluster, spawnNode, waitUntil } from './node-process.js'

const NODES = 7
/** Nodes 0 and 1 are everyone's bootstrap peers; the victim is chosen among the others. */
const SEEDS = 2
const EPOCH_MS = 2000
const epochs = (n: number): number => n * EPOCH_MS
/** Epochs watched after the kill: more than the aggregator set (every node here), so the dead node leads again. */
const WATCH_EPOCHS = 10

test('a leader killed right after sending its batch: the backup leads view 1 and the survivors keep certifying one record per epoch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-leader-kill-'))
  const spawned: ChildProcess[] = []
  try {
    const cluster = await prepareTestCluster(dir, NODES, EPOCH_MS, 23)
    // The leaders' "led, batch" lines are debug records.
    const argsOf = (i: number): string[] => [...cluster.argsOf(i), '--log-level', 'debug']

    // Armed once warm: the first non-seed node that logs a view-0 batch is killed from inside the log handler, so
    // the kill lands a pipe read after the batch went out (its endorsements take longer to come back).
    let armed = false
    let killed: { node: number; epoch: number } | undefined
    const viewChanges = new Map<number, Set<number>>()
    const nodes: NodeProcess[] = cluster.dataDirs.map((_, i) =>
      spawnNode(argsOf(i), spawned, {
        onLine: (line) => {
          const led = /\bepoch (\d+) view 0: led, batch/.exec(line)
          if (led && armed && killed === undefined && i >= SEEDS) {
            killed = { node: i, epoch: Number(led[1]) }
            nodes[i].child.kill('SIGKILL')
          }
          const moved = /\bepoch (\d+): no certificate in time, moving to view 1\b/.exec(line)
          if (moved) viewChanges.set(Number(moved[1]), (viewChanges.get(Number(moved[1])) ?? new Set()).add(i))
        },
      }),
    )
    const infos = await Promise.all(nodes.map((n) => n.started))
    const progress = (): string =>
      `${nodes.map((n, i) => `n${i}: certified [${n.certified.join(',')}] approx [${n.approximate.join(',')}]`).join('; ')}; killed ${JSON.stringify(killed)}; n0 log tail:\n${nodes[0].stderrTail().slice(-1500)}`

    const common = (group: NodeProcess[]): number[] => group[0].certified.filter((e) => group.every((n) => n.certified.includes(e)))
    await waitUntil(() => common(nodes).length >= 2, 'two epochs certified by all seven nodes', epochs(35), progress)
    armed = true
    await waitUntil(() => killed !== undefined, 'a non-seed node leading view 0', epochs(15), progress)
    const victim = killed!
    assert.equal((await nodes[victim.node].exited).signal, 'SIGKILL')
    const survivors = nodes.filter((_, i) => i !== victim.node)
    const survivorInfos = infos.filter((_, i) => i !== victim.node)

    // The survivors go on certifying; the watch ends WATCH_EPOCHS past the kill.
    const lastWatched = victim.epoch + WATCH_EPOCHS
    await waitUntil(() => survivors.every((n) => n.certified.some((e) => e >= lastWatched)), `every survivor certified an epoch >= ${lastWatched}`, epochs(45), progress)

    const stored = await Promise.all(survivorInfos.map((info) => certifiedDigests(info.apiUrl, victim.epoch, lastWatched)))
    // One record per epoch across the survivors.
    const byEpoch = new Map<number, Set<string>>()
    for (const map of stored) for (const [epoch, digest] of map) byEpoch.set(epoch, (byEpoch.get(epoch) ?? new Set()).add(digest))
    for (const [epoch, set] of byEpoch) assert.equal(set.size, 1, `epoch ${epoch}: survivors disagree on the certified record`)
    const certifiedByAll = [...byEpoch.keys()].filter((epoch) => stored.every((map) => map.has(epoch))).sort((a, b) => a - b)

    // The dead leader's turns moved to view 1 on the survivors, and the backup certified at least one of them.
    const failedOver = [...viewChanges.keys()].filter((epoch) => epoch >= victim.epoch && epoch <= lastWatched).sort((a, b) => a - b)
    assert.ok(failedOver.length >= 1, `no epoch in ${victim.epoch}..${lastWatched} moved to view 1 after the leader was killed`)
    const recovered = failedOver.filter((epoch) => certifiedByAll.includes(epoch))
    assert.ok(recovered.length >= 1, `epochs ${failedOver.join(',')} moved to view 1, none certified by every survivor (certified by all: ${certifiedByAll.join(',')})`)
    // Killing one of seven costs its own turns at most: most watched epochs still certify on every survivor.
    assert.ok(certifiedByAll.length >= WATCH_EPOCHS / 2, `only ${certifiedByAll.length} of ${WATCH_EPOCHS + 1} watched epochs certified by every survivor`)
    process.stderr.write(
      `leader-kill figures: killed n${victim.node} after its view-0 batch of epoch ${victim.epoch}; epochs moved to view 1: ${failedOver.join(',')}; ` +
        `of those certified by all survivors: ${recovered.join(',')}; certified by all in ${victim.epoch}..${lastWatched}: ${certifiedByAll.length}\n`,
    )

    for (const n of survivors) n.child.kill('SIGTERM')
    for (const n of survivors) assert.equal((await n.exited).code, 0, 'clean stop on SIGTERM')
  } finally {
    await killAll(spawned)
    rmSync(dir, { recursive: true, force: true })
  }
})
