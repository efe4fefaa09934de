/**
 * A real Prometheus (Debian's package; `bash scripts/ensure-prometheus.sh` installs it) scrapes a 3-node in-process
 * swarm on each node's --metrics-port, answers a query for the head epoch, loads and `promtool`-checks the alert
 * rules, and every metric the Grafana dashboard and the rules query is exported. Skips, saying why, without it.
 */
import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { ThermoNode } from '../src/node/thermo-node.js'
import type { EpochSummary } from '../src/store/index.js'
import { tempDir } from './helpers-tmp.js'
import { prepareNetwork, settingsFor, startRecorded, waitFor } from './node-fixtures.js'

const DOCS = new URL('../../../../docs/', import.meta.url)
const RULES = new URL('prometheus-alerts.yml', DOCS).pathname
const DASHBOARD = new URL('grafana-dashboard.json', DOCS).pathname
const NODES = 3

function which(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

const prometheusBin = which('prometheus')
const promtoolBin = which('promtool')
const skip = prometheusBin === undefined || promtoolBin === undefined ? 'prometheus/promtool not installed (run: bash scripts/ensure-prometheus.sh)' : false

/** Metric names in PromQL text: our own and libp2p's (PromQL functions and label names never start with these). */
export function metricNames(promql: string): string[] {
  return [...new Set([...promql.matchAll(/\b(thermotruth_[a-z0-9_]+|libp2p_[a-z0-9_]+)\b/g)].map((m) => m[1]))]
}

function dashboardExpressions(): string[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }>; templating: { list: Array<{ query: string }> } }
  return [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...dashboard.templating.list.map((v) => v.query)]
}

function ruleExpressions(): string[] {
  // The rules file is YAML; its expressions are the `expr:` values (one line or a `|` block).
  const text = readFileSync(RULES, 'utf8')
  return [...text.matchAll(/expr: (\|\n((?: {10}.*\n)+)|.*)/g)].map((m) => m[2] ?? m[1])
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

describe('Prometheus scrapes a 3-node swarm', { skip }, () => {
  const t = tempDir('prometheus')
  const nodes: Array<{ node: ThermoNode; epochs: EpochSummary[] }> = []
  let prometheus: ChildProcess | undefined
  let promUrl = ''
  let promLog = ''

  async function query(promql: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`)
    const body = (await res.json()) as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> }; error?: string }
    assert.equal(body.status, 'success', `${promql}: ${body.error}`)
    return body.data.result
  }

  before(async () => {
    const net = await prepareNetwork(t.dir, NODES, 1000)
    nodes.push(await startRecorded(settingsFor(net, 0, [], { metricsPort: 0 })))
    const boot = nodes[0].node.network.listenAddresses()
    for (let i = 1; i < NODES; i++) nodes.push(await startRecorded(settingsFor(net, i, boot, { metricsPort: 0 })))
    await waitFor(() => nodes.every((n) => n.epochs.some((e) => !e.approximate)), 'a certified epoch on every node', 60_000)

    const targets = nodes.map((n) => new URL(n.node.apiServer!.metricsUrl!).host)
    const port = await freePort()
    promUrl = `http://127.0.0.1:${port}`
    const config = join(t.dir, 'prometheus.yml')
    writeFileSync(
      config,
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ['${RULES}']`,
        'scrape_configs:',
        '  - job_name: thermotruth',
        `    static_configs: [{ targets: [${targets.map((x) => `'${x}'`).join(', ')}] }]`,
        '',
      ].join('\n'),
    )
    prometheus = spawn(prometheusBin!, [`--config.file=${config}`, `--storage.tsdb.path=${join(t.dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] })
    prometheus.stderr!.on('data', (chunk: Buffer) => {
      promLog = (promLog + chunk.toString()).slice(-4000)
    })
    // Every target scraped at least once and up.
    const deadline = Date.now() + 60_000
    for (;;) {
      const up = await query('up').catch(() => [])
      if (up.length === NODES && up.every((r) => r.value[1] === '1')) break
      if (Date.now() > deadline || prometheus.exitCode !== null) throw new Error(`Prometheus did not scrape all ${NODES} nodes: ${JSON.stringify(up)}\n${promLog}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  })

  after(async () => {
    if (prometheus !== undefined && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve))
      prometheus.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
      if (prometheus.exitCode === null) prometheus.kill('SIGKILL')
    }
    for (const { node } of nodes) await node.stop().catch(() => {})
    t.cleanup()
  })

  test('promtool accepts the alert rules', () => {
    const out = execFileSync(promtoolBin!, ['check', 'rules', RULES], { encoding: 'utf8' })
    assert.match(out, /SUCCESS: \d+ rules found/)
  })

  test('Prometheus answers the head epoch of every node, matching the nodes', async () => {
    // A fresh scrape after this point: the head can only have moved forward.
    const before = nodes.map((n) => n.node.status().latestEpoch ?? -1)
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const result = await query('thermotruth_head_epoch')
    assert.equal(result.length, NODES)
    const byInstance = new Map(result.map((r) => [r.metric.instance, Number(r.value[1])]))
    for (const [i, { node }] of nodes.entries()) {
      const head = byInstance.get(new URL(node.apiServer!.metricsUrl!).host)
      assert.ok(head !== undefined, `node ${i} scraped`)
      assert.ok(head >= before[i] && head <= (node.status().latestEpoch ?? -1), `node ${i}: Prometheus says ${head}, node said ${before[i]} then ${node.status().latestEpoch}`)
    }
    const [behind] = await query('max(thermotruth_current_epoch - thermotruth_head_epoch)')
    assert.ok(Number(behind.value[1]) <= 5, `a finalizing swarm is at most 5 epochs behind, got ${behind.value[1]}`)
  })

  test('Prometheus loaded the alert rules and evaluates them without errors', async () => {
    const res = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as { data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> } }
    const rules = res.data.groups.flatMap((g) => g.rules)
    assert.ok(rules.length >= 10)
    for (const rule of rules) assert.notEqual(rule.health, 'err', `${rule.name}: ${rule.lastError}`)
  })

  test('every metric the Grafana dashboard and the alert rules query is exported by the nodes', async () => {
    const exported = new Set((await query('group by (__name__) ({__name__=~"thermotruth_.*|libp2p_.*"})')).map((r) => r.metric.__name__))
    const dashboard = dashboardExpressions().flatMap(metricNames)
    const rules = ruleExpressions().flatMap(metricNames)
    assert.ok(dashboard.length >= 20 && rules.length >= 10, `parsed ${dashboard.length} dashboard and ${rules.length} rule metric references`)
    const missing = [...new Set([...dashboard, ...rules])].filter((name) => !exported.has(name))
    assert.deepEqual(missing, [], `queried but not exported: ${missing.join(', ')}`)
    // And the counters are typed as counters (rate() needs it).
    const text = await (await fetch(nodes[0].node.apiServer!.metricsUrl!)).text()
    for (const name of ['thermotruth_net_gossip_verdicts_total', 'thermotruth_net_identity_gate_total', 'thermotruth_net_peer_manager_events_total', 'thermotruth_joules_spent_total', 'thermotruth_epochs_total']) {
      assert.match(text, new RegExp(`# TYPE ${name} counter`))
    }
    assert.match(text, /thermotruth_build_info\{version="\d+\.\d+\.\d+[^"]*",nodejs="[^"]+"\} 1/)
    assert.match(text, /thermotruth_net_mesh_peers\{topic="[^"]+"\} [1-9]/, 'a mesh formed on some topic')
    const [quorumOk] = await query('min(thermotruth_committee_quorum <= thermotruth_committee_members)')
    assert.ok(quorumOk !== undefined, 'quorum never exceeds the committee')
  })
})
