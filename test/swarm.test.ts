/**
 * The swarm launcher end to end: real libp2p nodes over TCP on 127.0.0.1 in child processes. Asserts behaviour
 * (epochs finalize, honest nodes agree, no process outlives the launcher), never timings.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { Swarm } from '@thermotruth/node/swarm'
import { tinySwarm, waitGone } from './swarm-helpers.js'

const bin = fileURLToPath(new URL('../../packages/node/bin/thermotruth.js', import.meta.url))

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

// Bounded by epochs, not milliseconds: start-up, a 20 s health wait, 4 epochs and each epoch's resolution wait
// (4 periods) take well over a minute on a 2-core machine that other jobs load to 20+.
describe('swarm launcher', { timeout: 150_000 }, () => {
  // 10 nodes: the main job's default layout. At 4 nodes the mesh target (3 peers) needs a full clique, the health
  // wait can expire before it forms, and a few epochs then end approximate while it does.
  test('10 ThermoNodes in 2 processes certify epochs with identical records and leave no process behind', async () => {
    const swarm = new Swarm(tinySwarm({ factory: 'thermotruth', nodes: 10, epochs: 4, epochPeriodMs: 3000 }))
    let pids: number[] = []
    try {
      const summary = await swarm.run()
      pids = swarm.pids
      assert.equal(pids.length, 2)
      assert.equal(summary.nodes, 10)
      assert.equal(summary.processes, 2)
      // Safety: no epoch certified with two different records. Liveness: most node-epochs end in a certificate
      // (on a loaded machine a node can fall back to approximate agreement for an epoch; that is not a failure).
      assert.equal(summary.disagreedEpochs, 0, JSON.stringify(summary))
      assert.ok(summary.certifiedShare >= 0.5, JSON.stringify(summary))
      assert.ok(summary.apiUrl?.startsWith('http://127.0.0.1:'), 'node 0 serves the API')
      assert.ok(summary.bytesPerNodePerEpoch > 0, 'byte counters moved')
      assert.ok(summary.cpuMsPerNodePerEpoch > 0, '/proc CPU time moved')
    } finally {
      await swarm.shutdown()
    }
    assert.deepEqual(await waitGone(pids, 5000), [])
  })

  test('a SIGKILLed launcher leaves no host process behind', async () => {
    const launcher = spawn(process.execPath, [bin, 'swarm', '--protocol', 'gossip-floor', '--nodes', '4', '--processes', '2', '--epochs', '200', '--base-port', '0'], {
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
