#!/usr/bin/env node
// Benchmark script for the dashboard: runs a local byzantine swarm with the real launcher and screenshots its
// aggregate dashboard once the story line shows T crossing the threshold and recovering (or the run ends), to show
// the attack-recovery story. Build first: pnpm build.
//   node packages/node/scripts/dashboard-screenshot.mjs [--config configs/local.json] [--threshold T] [--attack flash]
//        [--epochs 16] [--nodes 8] [--byzantine 2] [--out docs/dashboard-attack.png] [--node-out PATH]
// --threshold runs on a copy of the config with that genesis temperatureThreshold; --node-out also screenshots the
// first honest node's own page (nodes 0..byzantine-1 are the attackers). Prints one JSON line with what the page showed (story, URLs).
// Uses Debian's /usr/bin/chromium through playwright-core (scripts/ensure-chromium.sh installs it); never downloads.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const argv = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : fallback
}
const epochs = Number(flag('epochs', '16'))
const work = mkdtempSync(join(tmpdir(), 'tt-dash-shot-'))
let config = flag('config', 'configs/local.json')
if (flag('threshold', undefined) !== undefined) {
  const parsed = JSON.parse(readFileSync(resolve(root, config), 'utf8'))
  parsed.genesis.temperatureThreshold = Number(flag('threshold'))
  config = join(work, 'config.json')
  writeFileSync(config, JSON.stringify(parsed, null, 2))
}
const out = resolve(root, flag('out', 'docs/dashboard-attack.png'))
const nodeOut = flag('node-out', undefined)
const swarmArgs = [
  'swarm',
  '--config',
  config,
  '--nodes',
  flag('nodes', '8'),
  '--processes',
  '2',
  '--byzantine',
  flag('byzantine', '2'),
  '--attack',
  flag('attack', 'flash'),
  '--epochs',
  String(epochs),
  '--base-port',
  '0',
]

const child = spawn(process.execPath, [join(root, 'packages/node/bin/thermotruth.js'), ...swarmArgs], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
const exited = new Promise((res) => child.once('exit', res))
const urls = await new Promise((res, rej) => {
  let text = ''
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk)
    text += chunk
    const swarm = /swarm dashboard[^:]*: (http:\/\/\S+)/.exec(text)
    const node = /node 0 API and dashboard: (http:\/\/\S+)/.exec(text)
    if (swarm && node) res({ swarm: swarm[1], node: node[1] })
  })
  exited.then(() => rej(new Error('swarm exited before printing its dashboard URLs')))
})

const profile = join(work, 'profile')
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args, viewport: { width: 1200, height: 1000 } })
let story
try {
  const page = await context.newPage()
  const nodePage = nodeOut === undefined ? undefined : await context.newPage()
  await page.goto(urls.swarm, { waitUntil: 'load' })
  if (nodePage !== undefined) {
    const { nodes } = await (await fetch(`${urls.swarm}/v1/swarm`)).json()
    urls.node = nodes.find((n) => !n.byzantine)?.apiUrl ?? urls.node
    await nodePage.goto(urls.node, { waitUntil: 'load' })
  }
  await page.waitForFunction('window.__dashboard !== undefined', undefined, { timeout: 30_000 })
  // Bounded: the swarm's own run plus slack. Stop early once T has crossed the threshold, recovered, and a few more
  // epochs show it staying down; screenshot while the API is still up (two epochs before the end).
  const deadline = Date.now() + epochs * 10_000 + 120_000
  let done = false
  exited.then(() => {
    done = true
  })
  while (!done && Date.now() < deadline) {
    story = await page.evaluate('window.__dashboard.story()').catch(() => undefined)
    const seen = await page.evaluate('window.__dashboard.epochs().length').catch(() => 0)
    const recoveredFor = story?.recovered === undefined ? 0 : (await page.evaluate('window.__dashboard.epochs()')).filter((e) => e >= story.recovered).length
    if (seen >= epochs - 2 || recoveredFor >= 6) break
    await new Promise((r) => setTimeout(r, 1000))
  }
  mkdirSync(dirname(out), { recursive: true })
  await page.screenshot({ path: out, fullPage: true })
  if (nodePage !== undefined) await nodePage.screenshot({ path: resolve(root, nodeOut), fullPage: true })
  process.stderr.write(`dashboard-screenshot: wrote ${out}${nodeOut ? ` and ${nodeOut}` : ''}\n`)
} finally {
  await context.close()
  rmSync(work, { recursive: true, force: true })
  if (child.exitCode === null) child.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))])
}
console.log(JSON.stringify({ swarm: swarmArgs.join(' '), urls, story }))
process.exit(story === undefined ? 1 : 0)
