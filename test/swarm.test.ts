/**
 * The swarm launcher end to end: real libp2p nodes over TCP on 127.0.0.1 in child processes. Asserts behaviour
 * (epochs finalize, honest nodes agree, no process outlives the launcher), never timings.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { processExists, Swarm, type SwarmOptions } from '@thermotruth/node/swarm'

const bin = fileURLToPath(new URL('../../packages/node/bin/thermotruth.js', import.meta.url))

function tinySwarm(overrides: Partial<SwarmOptions>): SwarmOptions {
  return {
    factory: 'gossip-floor',
    nodes: 4,
    processes: 2,
    epochs: 3,
    // Generous: the machine is shared and an epoch that misses its deadline would be a false failure.
    epochPeriodMs: 2000,
    byzantine: 0,
    proposalBytes: 200,
    reportsPerSecond: 0,
    // Ephemeral ports: other worktrees run this suite concurrently on the same machine.
    basePort: 0,
    healthTimeoutMs: 20_000,
    seedPeers: 3,
    ...overrides,
  }
}

async function waitGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const until = Date.now() + timeoutMs
  let alive = pids.filter(processExists)
  while (alive.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    alive = alive.filter(processExists)
  }
  return alive
}

function childrenOf(parentPid: number): number[] {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === parentPid) pids.push(Number(name))
    } catch {
      // exited while we looked
    }
  }
  return pids
}

describe('swarm launcher', { timeout: 60_000 }, () => {
  test('4 gossip-floor nodes in 2 processes finalize every epoch, agree, and leave no process behind', async () => {
    const swarm = new Swarm(tinySwarm({}))
    let pids: number[] = []
    try {
      const summary = await swarm.run()
      pids = swarm.pids
      assert.equal(pids.length, 2)
      assert.equal(summary.nodes, 4)
      assert.equal(summary.processes, 2)
      assert.equal(summary.certifiedEpochs, 3, JSON.stringify(summary))
      assert.equal(summary.failedEpochs, 0)
      assert.equal(summary.allHonestAgreed, true)
      assert.equal(summary.naiveBytesPerNodePerEpoch, 3 * 200)
      assert.ok(summary.bytesPerNodePerEpoch > 0, 'byte counters moved')
      assert.ok(summary.cpuMsPerNodePerEpoch > 0, '/proc CPU time moved')
      assert.ok(summary.finalityMs.p50 <= summary.finalityMs.p99)
    } finally {
      await swarm.shutdown()
    }
    assert.deepEqual(await waitGone(pids, 5000), [])
  })

  test('a SIGKILLed launcher leaves no host process behind', async () => {
    const launcher = spawn(process.execPath, [bin, 'swarm', '--nodes', '4', '--processes', '2', '--epochs', '200', '--base-port', '0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`swarm did not start running:\n${stderr}`)), 40_000)
      launcher.stderr.on('data', (chunk) => {
        stderr += chunk
        if (stderr.includes('running')) {
          clearTimeout(timer)
          resolve()
        }
      })
      launcher.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`launcher exited early (${code}):\n${stderr}`))
      })
    })
    const hosts = childrenOf(launcher.pid!)
    assert.equal(hosts.length, 2, `expected 2 host processes, found ${hosts.length}`)
    launcher.kill('SIGKILL')
    assert.deepEqual(await waitGone(hosts, 10_000), [], 'host processes exit when their launcher dies')
  })
})

describe('PBFT-style baseline', { timeout: 60_000 }, () => {
  test('n=4 commits every epoch with one identical aggregate on every node', async () => {
    const swarm = new Swarm(tinySwarm({ factory: 'pbft', epochs: 3 }))
    let pids: number[] = []
    try {
      const summary = await swarm.run()
      pids = swarm.pids
      assert.equal(summary.certifiedEpochs, 3, JSON.stringify(summary))
      // allHonestAgreed for PBFT means every node committed the same digest (aggregate + proposal set) each epoch.
      assert.equal(summary.allHonestAgreed, true)
      assert.equal(summary.honestSpreadMax, 0, 'the committed aggregate values are identical')
      // proposal, prepare and commit to each of the 3 others, plus the leader's pre-prepare (one node of 4 per epoch)
      assert.equal(summary.messagesPerNodePerEpoch, 3 * 3 + 3 / 4)
      assert.ok((summary.bytesByProtocolPerNodePerEpoch['/thermotruth-bench/pbft/1.0.0'] ?? 0) > 0, 'direct streams carried the rounds')
    } finally {
      await swarm.shutdown()
    }
    assert.deepEqual(await waitGone(pids, 5000), [])
  })
})
