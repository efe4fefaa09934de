/**
 * Gossipsub tuning bench (not a test: nothing here asserts speed). N full ThermoTruth network stacks (real tickets,
 * identity gate, validators) in ONE process over real TCP on 127.0.0.1, one bootstrap node, peers found through
 * the DHT by the peer manager. For each configuration: time to form the mesh, idle gossip bytes, then E epochs in
 * which every node publishes one message at the same instant; we record the time until every node holds all N-1
 * messages (all-have-all), gossip bytes sent per node per epoch and CPU per epoch.
 * In-process means one shared event loop: latencies are CPU-bound figures for comparing settings, not wire RTTs.
 *
 * Build, then:  node packages/node/dist/bench/gossip-tuning.js [--nodes 20] [--epochs 6] [--period 2500]
 *               [--repeat 2] [--only D6-hb1000,D4-hb700] [--mesh-timeout 60000]
 * Prints a Markdown table (README-network.md).
 */
import '../src/polyfill.js'
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { genesisHash, mineTicket } from '@thermotruth/pow'
import { type GossipTuning, type Libp2pNetwork, createNetwork, createPowTicketGate } from '../src/index.js'

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '20' },
    epochs: { type: 'string', default: '6' },
    period: { type: 'string', default: '2500' },
    only: { type: 'string', default: '' },
    repeat: { type: 'string', default: '2' },
    'mesh-timeout': { type: 'string', default: '60000' },
  },
})
const N = Number(values.nodes)
const EPOCHS = Number(values.epochs)
const PERIOD_MS = Number(values.period)
const MESH_TIMEOUT_MS = Number(values['mesh-timeout'])
const REPEAT = Number(values.repeat)
if (!(N >= 3 && N <= 60 && EPOCHS >= 1 && EPOCHS <= 50 && PERIOD_MS >= 500 && PERIOD_MS <= 30_000 && REPEAT >= 1 && REPEAT <= 5)) {
  throw new Error('bounds: 3 <= nodes <= 60, 1 <= epochs <= 50, 500 <= period <= 30000, 1 <= repeat <= 5')
}

const NET = 'bench'
const TOPIC = '/thermotruth/bench/proposals'
const IDLE_WINDOW_MS = 4000
/** After the mesh reaches its minimum, let it fill towards D before measuring. */
const SETTLE_MS = 3000
const BITS = 8

interface BenchConfig {
  name: string
  gossip: Partial<GossipTuning>
  size: number
}

const CONFIGS: BenchConfig[] = [
  { name: 'D6-hb1000', gossip: { D: 6, Dlo: 4, Dhi: 12, heartbeatIntervalMs: 1000 }, size: 256 },
  { name: 'D4-hb1000', gossip: { D: 4, Dlo: 3, Dhi: 8, heartbeatIntervalMs: 1000 }, size: 256 },
  { name: 'D6-hb700', gossip: { D: 6, Dlo: 4, Dhi: 12, heartbeatIntervalMs: 700 }, size: 256 },
  { name: 'D4-hb700', gossip: { D: 4, Dlo: 3, Dhi: 8, heartbeatIntervalMs: 700 }, size: 256 },
  // IDONTWANT only fires for messages >= idontwantMinDataSize; compare it on 2 KiB messages, on vs off.
  { name: 'D6-hb700-2KiB-idontwant', gossip: { D: 6, Dlo: 4, Dhi: 12, heartbeatIntervalMs: 700, idontwantMinDataSize: 512 }, size: 2048 },
  { name: 'D6-hb700-2KiB-no-idontwant', gossip: { D: 6, Dlo: 4, Dhi: 12, heartbeatIntervalMs: 700, idontwantMinDataSize: 1 << 30 }, size: 2048 },
]

const wanted = values.only === '' ? CONFIGS : CONFIGS.filter((c) => values.only.split(',').includes(c.name))

async function until(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 25))
  }
  return true
}

async function gossipBytesSent(nodes: Libp2pNetwork[]): Promise<number> {
  let total = 0
  for (const n of nodes) {
    const metric = await n.metrics.getSingleMetric('libp2p_data_transfer_bytes_total')?.get()
    for (const v of metric?.values ?? []) {
      const label = String(v.labels.protocol)
      if (label.startsWith('/meshsub/') && label.endsWith(' sent')) total += v.value
    }
  }
  return total
}

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

async function startNode(gossip: Partial<GossipTuning>, bootstrap: string[]): Promise<Libp2pNetwork> {
  const privateKey = await generateKeyPair('Ed25519')
  const { ticket } = await mineTicket(
    { networkId: NET, publicKey: privateKey.publicKey.raw, anchor: genesisHash(NET), anchorEpoch: 0, bits: BITS },
    { workers: 1 },
  )
  const genesis = genesisHash(NET)
  const policy = { networkId: NET, minBits: BITS, validForEpochs: 1000, currentEpoch: 0, anchorFor: (e: number) => (e === 0 ? genesis : undefined) }
  const network = await createNetwork({
    privateKey,
    networkId: NET,
    profile: 'local',
    bootstrap,
    gossip,
    ticketGate: createPowTicketGate({ ticket, policy: () => policy }),
  })
  await network.start()
  return network
}

async function run(config: BenchConfig) {
  const boot = await startNode(config.gossip, [])
  const nodes = [boot]
  for (let i = 1; i < N; i++) nodes.push(await startNode(config.gossip, boot.listenAddresses()))
  // received[node][epoch] = count of distinct senders seen
  const received = nodes.map(() => new Map<number, number>())
  for (const [i, n] of nodes.entries()) {
    n.subscribe(
      TOPIC,
      () => 'accept',
      (_from, data) => {
        const epoch = new DataView(data.buffer, data.byteOffset).getUint32(0)
        received[i].set(epoch, (received[i].get(epoch) ?? 0) + 1)
      },
    )
  }
  const t0 = Date.now()
  const minMesh = Math.min(config.gossip.Dlo ?? 4, 3)
  const meshed = await until(() => nodes.every((n) => n.peers().filter((p) => p.inMesh).length >= minMesh), MESH_TIMEOUT_MS)
  const meshMs = Date.now() - t0
  if (!meshed) console.error(`${config.name}: mesh >= ${minMesh} not reached everywhere in ${MESH_TIMEOUT_MS} ms; measuring anyway`)

  await new Promise((r) => setTimeout(r, SETTLE_MS))
  const idleBytes0 = await gossipBytesSent(nodes)
  const idleCpu0 = cpuMs()
  await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS))
  const idleBps = ((await gossipBytesSent(nodes)) - idleBytes0) / N / (IDLE_WINDOW_MS / 1000)
  const idleCpuPerS = (cpuMs() - idleCpu0) / (IDLE_WINDOW_MS / 1000)

  const latencies: number[] = []
  let incomplete = 0
  const bytes0 = await gossipBytesSent(nodes)
  const cpu0 = cpuMs()
  for (let e = 1; e <= EPOCHS; e++) {
    const start = Date.now()
    const payloads = nodes.map((_, i) => {
      const p = new Uint8Array(config.size)
      const view = new DataView(p.buffer)
      view.setUint32(0, e)
      view.setUint16(4, i)
      return p
    })
    await Promise.all(nodes.map((n, i) => n.publish(TOPIC, payloads[i])))
    const done = await until(() => received.every((r) => (r.get(e) ?? 0) >= N - 1), PERIOD_MS * 4)
    if (done) latencies.push(Date.now() - start)
    else incomplete++
    const rest = start + PERIOD_MS - Date.now()
    if (rest > 0) await new Promise((r) => setTimeout(r, rest))
  }
  const elapsedS = (PERIOD_MS * EPOCHS) / 1000
  const bytesPerNodeEpoch = ((await gossipBytesSent(nodes)) - bytes0 - idleBps * N * elapsedS) / N / EPOCHS
  // Raw CPU of the whole process over the epoch window (idle heartbeats included; idle is reported apart).
  const cpuPerEpoch = (cpuMs() - cpu0) / EPOCHS
  await Promise.all(nodes.map((n) => n.stop()))
  return { meshMs, meshed, idleBps, idleCpuPerS, latencies, incomplete, bytesPerNodeEpoch, cpuPerEpoch }
}

type RunResult = Awaited<ReturnType<typeof run>>
const results = new Map<string, RunResult[]>(wanted.map((c) => [c.name, []]))
// Interleave repeats (A B C, B C A, ...) so background load on this shared machine spreads over all configs.
for (let rep = 0; rep < REPEAT; rep++) {
  for (let k = 0; k < wanted.length; k++) {
    const config = wanted[(k + rep) % wanted.length]
    const [load1] = loadavg()
    const r = await run(config)
    results.get(config.name)!.push(r)
    console.error(`${config.name} rep ${rep + 1}: load ${load1.toFixed(2)} mesh ${r.meshMs} ms, p50 ${quantile(r.latencies, 0.5)} ms, ${(r.bytesPerNodeEpoch / 1024).toFixed(1)} KiB/node/epoch, ${Math.round(r.cpuPerEpoch)} CPU ms/epoch`)
  }
}
const median = (xs: number[]): number => quantile(xs, 0.5)
console.log(`n=${N} in one process, ${EPOCHS} epochs x ${PERIOD_MS} ms per run, ${REPEAT} interleaved runs per config; every node publishes once per epoch; cpus: ${cpus().length}`)
console.log('| config | msg B | mesh >= 3 (s) | idle gossip B/s/node | idle CPU ms/s | all-have-all p50 / p90 / max (ms) | incomplete epochs | gossip KiB sent/node/epoch | CPU ms/epoch (all nodes) |')
console.log('|---|---|---|---|---|---|---|---|---|')
for (const config of wanted) {
  const rs = results.get(config.name)!
  const lat = rs.flatMap((r) => r.latencies)
  const latText = lat.length > 0 ? `${quantile(lat, 0.5)} / ${quantile(lat, 0.9)} / ${Math.max(...lat)}` : 'n/a'
  const mesh = rs.every((r) => r.meshed) ? (median(rs.map((r) => r.meshMs)) / 1000).toFixed(1) : `>${MESH_TIMEOUT_MS / 1000} in some runs`
  console.log(
    `| ${config.name} | ${config.size} | ${mesh} | ${Math.round(median(rs.map((r) => r.idleBps)))} | ${Math.round(median(rs.map((r) => r.idleCpuPerS)))} | ${latText} | ${rs.reduce((a, r) => a + r.incomplete, 0)} | ${(median(rs.map((r) => r.bytesPerNodeEpoch)) / 1024).toFixed(1)} | ${Math.round(median(rs.map((r) => r.cpuPerEpoch)))} |`,
  )
}
