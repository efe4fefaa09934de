#!/usr/bin/env node
// Runs a local byzantine swarm and screenshots node 0's live dashboard near the end of the run, to show the
// attack-recovery story (T excursion when the attackers strike, then recovery). Build first: pnpm build.
//   node packages/node/scripts/dashboard-screenshot.mjs [--attack flash] [--epochs 24] [--nodes 7] [--byzantine 2]
//        [--out docs/dashboard-attack.png]
// Uses Debian's /usr/bin/chromium through playwright-core (scripts/ensure-chromium.sh installs it); never downloads.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
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
const epochs = Number(flag('epochs', '24'))
const out = resolve(root, flag('out', 'docs/dashboard-attack.png'))
const swarmArgs = ['swarm', '--config', 'configs/local.json', '--nodes', flag('nodes', '7'), '--processes', '2', '--byzantine', flag('byzantine', '2'), '--attack', flag('attack', 'flash'), '--epochs', String(epochs), '--base-port', '0']

const child = spawn(process.execPath, [join(root, 'packages/node/bin/thermotruth.js'), ...swarmArgs], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
const exited = new Promise((res) => child.once('exit', res))
const url = await new Promise((res, rej) => {
  let text = ''
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk)
    text += chunk
    const m = /dashboard: (http:\/\/\S+)/.exec(text)
    if (m) res(m[1])
  })
  exited.then(() => rej(new Error('swarm exited before printing its dashboard URL')))
})

const profile = mkdtempSync(join(tmpdir(), 'tt-dash-shot-'))
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args, viewport: { width: 1200, height: 1100 } })
let shot = false
try {
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForFunction('window.__dashboard !== undefined', undefined, { timeout: 30_000 })
  // Bounded: the swarm's own run plus slack; screenshot while the API is still up (two epochs before the end).
  const deadline = Date.now() + epochs * 10_000 + 120_000
  let done = false
  exited.then(() => {
    done = true
  })
  while (!done && Date.now() < deadline) {
    const seen = await page.evaluate('window.__dashboard.epochEvents()').catch(() => 0)
    if (seen >= epochs - 2) break
    await new Promise((r) => setTimeout(r, 1000))
  }
  mkdirSync(dirname(out), { recursive: true })
  await page.screenshot({ path: out, fullPage: true })
  shot = true
  process.stderr.write(`dashboard-screenshot: wrote ${out}\n`)
} finally {
  await context.close()
  rmSync(profile, { recursive: true, force: true })
  await Promise.race([exited, new Promise((r) => setTimeout(r, 60_000))])
  if (child.exitCode === null) child.kill('SIGTERM')
}
process.exit(shot ? 0 : 1)
