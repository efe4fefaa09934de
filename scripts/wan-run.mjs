#!/usr/bin/env node
// The run half of scripts/wan (read that file first): executed by it inside the switch namespace, where every
// node's API is reachable over the private bridge. Inits one data dir per node, starts the bootstrap node and
// `thermotruth join`s the rest through it (each in its own namespace), optionally partitions and heals the bridge,
// reads every node's epochs from its API, prints the summary, and stops every process it started (by PID).
import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, copyFileSync, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { summarize } from './wan-summary.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'packages/node/bin/thermotruth.js')
const P2P_PORT = 9400
const API_PORT = 9401
const NETWORK = 'wan-rehearsal'

const { values: opt } = parseArgs({
  options: {
    nodes: { type: 'string', default: '4' },
    epochs: { type: 'string', default: '10' },
    'epoch-ms': { type: 'string', default: '4000' },
    'rtt-ms': { type: 'string', default: '50' },
    'jitter-ms': { type: 'string', default: '10' },
    addresses: { type: 'string', default: 'doc6' },
    'identity-bits': { type: 'string' },
    partition: { type: 'string', default: '0' },
    'partition-epochs': { type: 'string', default: '4' },
    'timeout-s': { type: 'string' },
    'keep-logs': { type: 'string' },
    json: { type: 'boolean', default: false },
    // Set by scripts/wan.
    run: { type: 'string' },
    state: { type: 'string' },
    controller: { type: 'string' },
    addrs: { type: 'string' },
    delay: { type: 'string' },
    switch: { type: 'string', default: 'bridge' },
  },
})

function fail(message, code = 2) {
  process.stderr.write(`wan: ${message}\n`)
  process.exit(code)
}
function intOpt(name, min, max) {
  const v = Number(opt[name])
  if (!Number.isInteger(v) || v < min || v > max) fail(`--${name} must be an integer in [${min}, ${max}], got '${opt[name]}'`)
  return v
}
if (!opt.run || !opt.state || !opt.addrs) fail('wan-run.mjs is started by scripts/wan; run that instead')
const N = intOpt('nodes', 2, 60)
const EPOCHS = intOpt('epochs', 1, 10_000)
const PERIOD = intOpt('epoch-ms', 500, 600_000)
const MINORITY = intOpt('partition', 0, N - 1)
const SPLIT_EPOCHS = intOpt('partition-epochs', 1, 1000)
const addrs = opt.addrs.split(',')
const v6 = opt.addresses === 'doc6'
const log = (line) => process.stderr.write(`wan: ${line}\n`)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const nsOf = (i) => `${opt.run}-n${i}`
const hostPort = (addr, port) => (v6 ? `[${addr}]:${port}` : `${addr}:${port}`)
const ma = (addr) => `/${v6 ? 'ip6' : 'ip4'}/${addr}/tcp/${P2P_PORT}`

// The rehearsal network: configs/testnet.json (profile production, its listen wildcard, its identity bits), with
// a shorter epoch, a genesis time and committee fixed now (what "publish the committee before launch" means), and a
// seeded feed so every epoch has values without a client-report driver.
const testnet = JSON.parse(readFileSync(join(ROOT, 'configs/testnet.json'), 'utf8'))
if (testnet.profile !== 'production') fail(`configs/testnet.json has profile '${testnet.profile}', expected production`, 1)
const identityBits = opt['identity-bits'] === undefined ? testnet.genesis.identityBits : intOpt('identity-bits', 0, 40)
const dir = opt.state
const configPath = join(dir, `${NETWORK}.json`)
const writeConfig = (genesisTime, committee) =>
  writeFileSync(
    configPath,
    JSON.stringify({
      ...testnet,
      network: NETWORK,
      genesis: { ...testnet.genesis, time: genesisTime, epochPeriodMs: PERIOD, identityBits, committee },
      feeds: [{ id: 'eth-usd', source: 'sim:gauss:3000:5' }],
      bootstrap: [],
      listen: [v6 ? `/ip6/::/tcp/${P2P_PORT}` : `/ip4/0.0.0.0/tcp/${P2P_PORT}`],
    }),
  )

const nodes = [] // { i, ns, addr, child, dataDir, peerId, author, lines: [{epoch, kind, latency, at}], started }
const recordPid = (pid) => appendFileSync(join(dir, 'pids'), `${pid}\n`)

/** The run's genesis time, fixed once every identity exists (step 2 of main). */
let runGenesis = 0

function startNode(i, bootstrap) {
  const n = nodes[i]
  const args = ['netns', 'exec', n.ns, process.execPath, BIN, 'join', NETWORK, '--config', configPath, '--data-dir', n.dataDir, '--genesis-time', String(runGenesis), '--api-host', n.addr, '--api-port', String(API_PORT), '--announce', ma(n.addr), '--json']
  for (const b of bootstrap) args.push('--bootstrap', b)
  // `ip netns exec` execs the node in place: the PID is the node's own.
  const child = spawn('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  recordPid(child.pid)
  n.child = child
  n.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  const logFile = createWriteStream(join(dir, `node${i}.log`))
  let out = ''
  n.ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]))
    })
    child.once('exit', (code) => reject(new Error(`node ${i} exited (${code}) before starting; log: ${join(dir, `node${i}.log`)}`)))
  })
  n.ready.catch(() => {})
  let partial = ''
  child.stderr.on('data', (chunk) => {
    logFile.write(chunk)
    partial += chunk
    const lines = partial.split('\n')
    partial = lines.pop()
    for (const line of lines) {
      const m = /\bepoch (\d+) (certified|approx)\b.* latency=(\d+)ms/.exec(line)
      if (m) n.lines.push({ epoch: Number(m[1]), kind: m[2], latencyMs: Number(m[3]), at: Date.now() })
    }
  })
}

async function stopAll() {
  const live = nodes.filter((n) => n.child && n.child.exitCode === null && n.child.signalCode === null)
  for (const n of live) n.child.kill('SIGTERM')
  await Promise.race([Promise.all(live.map((n) => n.exited)), sleep(10_000)])
  for (const n of live) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGKILL')
  await Promise.race([Promise.all(live.map((n) => n.exited)), sleep(3000)])
}

let stopping = false
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) return
    stopping = true
    log(`${sig}: stopping the nodes`)
    stopAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143))
  })
}

const epochAt = (genesis, t) => Math.floor((t - genesis) / PERIOD)
const certifiedBy = (n, epoch) => n.lines.some((l) => l.epoch === epoch && l.kind === 'certified')
const finalizedBy = (n, epoch) => n.lines.some((l) => l.epoch >= epoch)

/** Waits until every node in `group` satisfies `done`, or until `deadline` (ms); true when all did. */
async function waitAll(group, done, deadline) {
  while (Date.now() < deadline) {
    if (group.every(done)) return true
    for (const n of group) if (n.child.exitCode !== null || n.child.signalCode !== null) throw new Error(`node ${n.i} exited; log: ${join(dir, `node${n.i}.log`)}`)
    await sleep(200)
  }
  return group.every(done)
}

async function api(n, path) {
  const res = await fetch(`http://${hostPort(n.addr, API_PORT)}${path}`, { signal: AbortSignal.timeout(10_000) })
  if (res.status === 404) return undefined
  if (!res.ok) throw new Error(`node ${n.i} ${path}: HTTP ${res.status}`)
  return path === '/metrics' ? res.text() : res.json()
}

/**
 * The link layer between the nodes. `bridge`: a kernel bridge (delay, if any, is netem on each node's eth0); a
 * partition moves ports to the second bridge. `userspace`: scripts/wan-switch.py forwards and delays every frame
 * (kernels without netem); a partition is a `groups` command on its stdin.
 */
let delaySwitch
function startSwitch() {
  if (opt.switch !== 'userspace') return
  const rtt = Number(opt['rtt-ms'])
  const jitter = Number(opt['jitter-ms'])
  const ports = nodes.map((n) => `p${n.i}`).join(',')
  const args = [join(ROOT, 'scripts/wan-switch.py'), '--ports', ports, '--controller-port', 'ctlp', '--delay-ms', String(rtt / 2), '--jitter-ms', String(jitter / 2), '--state', dir]
  delaySwitch = spawn('python3', args, { stdio: ['pipe', 'ignore', 'inherit'] })
  recordPid(delaySwitch.pid)
  delaySwitch.once('exit', (code, signal) => {
    if (!stopping) log(`the delay switch exited (${code ?? signal}); the nodes are cut off`)
  })
}

function setGroups(minority) {
  if (opt.switch === 'userspace') {
    delaySwitch.stdin.write(minority.length === 0 ? 'heal\n' : `groups ${nodes.map((n) => (minority.includes(n) ? 1 : 0)).join(',')}\n`)
    return
  }
  const cut = new Set(minority)
  for (const n of nodes) {
    const bridge = cut.has(n) ? 'br1' : 'br0'
    const r = spawnSync('ip', ['link', 'set', `p${n.i}`, 'master', bridge], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`ip link set p${n.i} master ${bridge}: ${r.stderr.trim()}`)
  }
}

/** Median TCP connect time (one round trip) from node 0's namespace to node 1's API port: the RTT the nodes see. */
function measureRtt() {
  const script = `const net=require('node:net');const t=[];let k=0;const one=()=>{const s=performance.now();const c=net.connect({host:process.argv[1],port:${API_PORT}},()=>{t.push(performance.now()-s);c.destroy();if(++k<7)one();else{t.sort((a,b)=>a-b);console.log(t[3].toFixed(1))}});c.on('error',()=>{console.log('null')})};one()`
  const r = spawnSync('ip', ['netns', 'exec', nodes[0].ns, process.execPath, '-e', script, nodes[1].addr], { encoding: 'utf8', timeout: 20_000 })
  const v = Number.parseFloat(r.stdout)
  return Number.isFinite(v) ? v : null
}

async function main() {
  const started = Date.now()
  const hardLimitMs = (opt['timeout-s'] ? intOpt('timeout-s', 10, 86_400) * 1000 : 0) || (120_000 + N * 15_000 + (EPOCHS + SPLIT_EPOCHS * 3 + 12) * PERIOD * 2)
  const hardDeadline = started + hardLimitMs
  for (let i = 0; i < N; i++) nodes.push({ i, ns: nsOf(i), addr: addrs[i], dataDir: join(dir, `n${i}`), lines: [] })
  startSwitch()

  // 1. Identities: init mines each node's ticket (no network needed, so it runs here, two at a time).
  writeConfig(0, [])
  log(`mining ${N} identity tickets (${identityBits} bits each)`)
  const initOne = (n) =>
    new Promise((resolve, reject) => {
      // init pins a genesis time in the data dir; the real one is fixed only after every identity exists, so init
      // pins "now" (a genesis ticket is valid from it) and every node starts with the explicit --genesis-time below.
      const child = spawn(process.execPath, [BIN, 'init', '--config', configPath, '--data-dir', n.dataDir, '--workers', '1', '--genesis-time', String(Date.now()), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
      recordPid(child.pid)
      let out = ''
      let err = ''
      child.stdout.on('data', (c) => (out += c))
      child.stderr.on('data', (c) => (err = (err + c).slice(-500)))
      child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`init of node ${n.i} failed: ${err}`))))
    })
  for (let i = 0; i < N; i += 2) {
    const batch = nodes.slice(i, i + 2)
    const results = await Promise.all(batch.map(initOne))
    batch.forEach((n, k) => {
      n.peerId = results[k].peerId
      n.author = results[k].publicKey
    })
  }

  // 2. Genesis: the committee is every node (published in the config before launch, as on the testnet); epoch 0
  // starts once every node should be up, so no node starts out behind (a late joiner syncs; see docs/WAN.md).
  const genesis = Math.ceil((Date.now() + Math.max(3 * PERIOD, 15_000 + 2500 * N)) / PERIOD) * PERIOD
  runGenesis = genesis
  writeConfig(genesis, nodes.map((n) => n.author).sort())

  // 3. The bootstrap node, then everyone else `join`s through it.
  startNode(0, [])
  await nodes[0].ready
  const boot = `${ma(nodes[0].addr)}/p2p/${nodes[0].peerId}`
  log(`bootstrap node ${nodes[0].peerId} at ${boot}`)
  for (let i = 1; i < N; i++) startNode(i, [boot])
  await Promise.all(nodes.map((n) => n.ready))
  const upEpoch = epochAt(genesis, Date.now())
  const measuredRttMs = measureRtt()
  log(`TCP connect time node 0 -> node 1: ${measuredRttMs} ms (one round trip)`)
  log(upEpoch < 0 ? `all ${N} nodes up, ${Math.round((genesis - Date.now()) / 1000)} s before genesis` : `all ${N} nodes up at epoch ${upEpoch} (after genesis: they joined late)`)

  // 4. Warm-up: the first epoch every node certifies (mesh formed, everyone synced and in the committee).
  const warm = await waitAll(nodes, (n) => n.lines.some((l) => l.kind === 'certified' && l.epoch > Math.max(-1, upEpoch)), Math.min(hardDeadline, Math.max(Date.now(), genesis) + 12 * PERIOD + 30_000))
  if (!warm) log('warm-up: not every node certified an epoch in time; measuring anyway')
  const firstEpoch = epochAt(genesis, Date.now()) + 1
  let partition
  let lastEpoch
  if (MINORITY > 0) {
    partition = await runPartition(genesis, firstEpoch, hardDeadline)
    lastEpoch = partition.lastEpoch
  } else {
    lastEpoch = firstEpoch + EPOCHS - 1
    const until = Math.min(hardDeadline, genesis + (lastEpoch + 4) * PERIOD)
    await waitAll(nodes, (n) => finalizedBy(n, lastEpoch), until)
  }

  // 5. Read what every node holds for the window from its API (approximate flag, record digest, finality latency).
  const records = []
  const extra = []
  for (const n of nodes) {
    const perEpoch = {}
    for (let e = firstEpoch; e <= lastEpoch; e++) perEpoch[e] = (await api(n, `/v1/epochs/${e}`)) ?? null
    records.push(perEpoch)
    const status = await api(n, '/v1/status')
    const metrics = await api(n, '/metrics')
    const table = /^libp2p_kad_dht\w*routing_table_size\S* (\d+(?:\.\d+)?)/m.exec(metrics)
    extra.push({ peers: status.peers.connected, ticketedPeers: status.peers.ticketed, dhtRoutingTable: table ? Number(table[1]) : null, listen: status.listen })
  }
  const summary = summarize({ nodes, records, extra, firstEpoch, lastEpoch, partition })
  return {
    network: NETWORK,
    profile: testnet.profile,
    nodes: N,
    epochPeriodMs: PERIOD,
    identityBits,
    addresses: opt.addresses,
    rttMs: Number(opt['rtt-ms']),
    jitterMs: Number(opt['jitter-ms']),
    delay: opt.delay,
    switch: opt.switch,
    measuredRttMs,
    genesisTime: genesis,
    ...summary,
    durationMs: Date.now() - started,
  }
}

/**
 * Issue 6, property 6: the last MINORITY nodes' ports move to br1 (a partition: no packet crosses, both sides keep
 * their own links), for SPLIT_EPOCHS epochs; what each side certified meanwhile is taken from the nodes' own epoch
 * lines before healing (after healing the minority syncs the majority's certificates, as it should). Then the ports
 * move back and the run waits until every node has certified a common epoch after the heal.
 */
async function runPartition(genesis, firstEpoch, hardDeadline) {
  const minority = nodes.slice(N - MINORITY)
  const majority = nodes.slice(0, N - MINORITY)
  // Split just after an epoch boundary, so the first split epoch is the next whole one.
  await sleep(Math.max(0, genesis + firstEpoch * PERIOD + PERIOD * 0.1 - Date.now()))
  setGroups(minority)
  const splitAt = Date.now()
  const splitEpoch = epochAt(genesis, splitAt) + 1
  const healEpoch = splitEpoch + SPLIT_EPOCHS
  log(`partition: nodes ${minority.map((n) => n.i).join(',')} cut off from ${majority.map((n) => n.i).join(',')} at epoch ${splitEpoch - 1}; healing at epoch ${healEpoch}`)
  await sleep(Math.max(0, genesis + healEpoch * PERIOD + PERIOD * 0.1 - Date.now()))
  const during = (group) =>
    group.map((n) => ({
      node: n.i,
      certified: [...new Set(n.lines.filter((l) => l.kind === 'certified' && l.epoch >= splitEpoch && l.epoch < healEpoch).map((l) => l.epoch))].sort((a, b) => a - b),
    }))
  const majorityDuring = during(majority)
  const minorityDuring = during(minority)
  setGroups([])
  const healedAt = Date.now()
  log('partition healed; waiting for every node to certify a common epoch')
  // Converged: every node certified one epoch after the heal (so the minority rejoined the committee's work).
  let convergedEpoch
  const deadline = Math.min(hardDeadline, healedAt + (SPLIT_EPOCHS + 10) * PERIOD + 30_000)
  while (Date.now() < deadline && convergedEpoch === undefined) {
    const common = nodes[0].lines.filter((l) => l.kind === 'certified' && l.epoch > healEpoch).map((l) => l.epoch)
    convergedEpoch = common.find((e) => nodes.every((n) => certifiedBy(n, e)))
    if (convergedEpoch === undefined) await sleep(250)
  }
  // Give catch-up one more epoch to fill the minority's gap, then compare the whole window.
  const lastEpoch = (convergedEpoch ?? epochAt(genesis, Date.now())) + 1
  await waitAll(nodes, (n) => finalizedBy(n, lastEpoch), Math.min(hardDeadline, genesis + (lastEpoch + 3) * PERIOD))
  return {
    majority: majority.map((n) => n.i),
    minority: minority.map((n) => n.i),
    splitEpoch,
    healEpoch,
    splitMs: healedAt - splitAt,
    majorityDuring,
    minorityDuring,
    convergedEpoch: convergedEpoch ?? null,
    healToConvergedMs: convergedEpoch === undefined ? null : nodes.map((n) => n.lines.find((l) => l.epoch === convergedEpoch)?.at ?? 0).reduce((a, b) => Math.max(a, b)) - healedAt,
    lastEpoch,
  }
}

let exitCode = 0
try {
  const result = await main()
  if (opt.json) process.stdout.write(`${JSON.stringify(result)}\n`)
  else {
    const f = result.finalityMs
    process.stdout.write(
      `${[
        `network ${result.network} (profile ${result.profile}), ${result.nodes} nodes, epoch ${result.epochPeriodMs} ms, ${result.addresses} addresses, delay ${result.delay} (RTT ${result.rttMs} ms +- ${result.jitterMs}; TCP connect measured ${result.measuredRttMs} ms)`,
        `epochs ${result.firstEpoch}..${result.lastEpoch}: certified by all ${result.certifiedEpochs}/${result.epochs}, approximate somewhere ${result.approximateEpochs}, all agreed ${result.allAgreed}, conflicts ${result.conflicts.length}`,
        `finality p50 ${f.p50} ms, p99 ${f.p99} ms (${f.samples} node-epochs)`,
        `DHT routing table sizes ${JSON.stringify(result.perNode.map((p) => p.dhtRoutingTable))}, peers ${JSON.stringify(result.perNode.map((p) => p.peers))}`,
        ...(result.partition
          ? [
              `partition ${result.partition.majority.join(',')} | ${result.partition.minority.join(',')} for epochs ${result.partition.splitEpoch}..${result.partition.healEpoch - 1}: majority certified ${JSON.stringify(result.partition.majorityDuring.map((m) => m.certified.length))}, minority certified ${JSON.stringify(result.partition.minorityDuring.map((m) => m.certified.length))}; converged at epoch ${result.partition.convergedEpoch}, identical certified records ${result.partition.identicalAfterHeal}`,
            ]
          : []),
      ].join('\n')}\n`,
    )
  }
} catch (error) {
  log(`failed: ${error.stack ?? error}`)
  exitCode = 1
} finally {
  if (opt['keep-logs']) {
    mkdirSync(opt['keep-logs'], { recursive: true })
    for (const n of nodes) {
      try {
        copyFileSync(join(dir, `node${n.i}.log`), join(opt['keep-logs'], `node${n.i}.log`))
      } catch {}
    }
  }
  stopping = true
  await stopAll()
  delaySwitch?.kill('SIGTERM')
}
process.exit(exitCode)
