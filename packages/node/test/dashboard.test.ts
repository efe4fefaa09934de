import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, test } from 'node:test'
import { type BrowserContext, chromium } from 'playwright-core'
import type { ThermoNode } from '../src/node/thermo-node.js'
import { tempDir } from './helpers-tmp.js'
import { prepareNetwork, settingsFor, startRecorded } from './node-fixtures.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
/** packages/node/dist/test -> repository root. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
/**
 * Where the screenshot goes: bench-out/ (git-ignored) unless DASHBOARD_SCREENSHOT names another path, e.g.
 * docs/dashboard.png to refresh the committed one (so ordinary test runs never dirty the worktree).
 */
const SCREENSHOT = resolve(ROOT, process.env.DASHBOARD_SCREENSHOT ?? 'bench-out/dashboard.png')
/** Epoch period for this test: generous, because the machine is shared and a missed deadline means no certificate. */
const EPOCH_MS = 2500

/** Launches Debian's chromium with a fresh profile, or says why it cannot (the test then skips). */
async function launch(profileDir: string): Promise<BrowserContext | string> {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is absent (run scripts/ensure-chromium.sh)`
  try {
    return await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1200, height: 1100 } })
  } catch (error) {
    return `chromium would not start: ${(error as Error).message.split('\n')[0]}`
  }
}

describe('live dashboard in a real browser', () => {
  test('four real nodes: the page loads cleanly, traces gain points as epochs certify, tables fill', async (t) => {
    const tmp = tempDir('dashboard')
    const browser = await launch(join(tmp.dir, 'profile'))
    if (typeof browser === 'string') {
      console.log(`# dashboard browser test skipped: ${browser}`)
      tmp.cleanup()
      t.skip(browser)
      return
    }
    const nodes: ThermoNode[] = []
    try {
      const net = await prepareNetwork(tmp.dir, 4, EPOCH_MS)
      nodes.push((await startRecorded(settingsFor(net, 0, []))).node)
      const boot = nodes[0].network.listenAddresses()
      for (const i of [1, 2, 3]) nodes.push((await startRecorded(settingsFor(net, i, boot))).node)

      const page = await browser.newPage()
      const problems: string[] = []
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
      })
      page.on('pageerror', (error) => problems.push(`page: ${error.message}`))
      await page.goto(nodes[0].apiServer!.url, { waitUntil: 'load' })
      await page.waitForFunction('window.__dashboard !== undefined', undefined, { timeout: 10_000 })
      const hook = <T>(expression: string): Promise<T> => page.evaluate(`window.__dashboard.${expression}`) as Promise<T>
      const before = await hook<Record<string, number>>('pointCounts()')

      // Early epochs may be approximate while the four nodes mesh; a certified one follows within a few periods.
      await page.waitForSelector('#epochs tbody a[href^="/v1/certificates/"]', { timeout: 60_000 })
      await page.waitForFunction('window.__dashboard.epochEvents() >= 3', undefined, { timeout: 30_000, polling: 200 })
      const after = await hook<Record<string, number>>('pointCounts()')
      assert.ok(after.temperature >= before.temperature + 2, `T trace grew: ${before.temperature} -> ${after.temperature}`)
      assert.equal(after.difficulty, after.temperature, 'every trace shares the epoch axis')
      assert.equal(await hook<number>('threshold()'), 1e6, 'threshold from the genesis config (node-fixtures: 1e6)')

      const rows = async (id: string) => page.locator(`#${id} tbody tr`).count()
      // The certifying committee. A member whose proposal missed an epoch while the four nodes meshed loses its seat
      // for a while and wins it back by proposing again, so wait for the table to list all four.
      await page.waitForFunction(`document.querySelectorAll('#committee tbody td[title]').length === 4`, undefined, { timeout: 60_000, polling: 250 })
      const members = await page.locator('#committee tbody td[title]').evaluateAll((tds) => tds.map((td) => td.getAttribute('title')))
      for (const member of members) assert.ok(net.authors.includes(member!), `committee row ${member} is a genesis member`)
      assert.ok((await rows('peers')) >= 3, 'peer table lists the other nodes')
      assert.ok((await rows('epochs')) >= 3, 'recent epochs table fills')
      const href = await page.locator('#epochs tbody a').first().getAttribute('href')
      const certificate = (await page.evaluate(`fetch(${JSON.stringify(href)}).then((r) => r.json())`)) as { encoding: string }
      assert.equal(certificate.encoding, 'protobuf', 'the certificate link answers JSON')
      assert.match((await page.locator('#summary').textContent()) ?? '', /mempool \d+/)

      // Bytes per epoch by protocol: read from the node's /metrics once per epoch, so gossipsub shows up.
      await page.waitForFunction(`Object.entries(window.__dashboard.seriesPoints('bytes')).some(([p, n]) => p.includes('meshsub') && n >= 1)`, undefined, { timeout: 15_000, polling: 200 })

      // The T trace itself is on the canvas: count pixels in its stroke colour (#e4572e), not grid or axes.
      const inked = (await page.evaluate(`(() => {
        const canvas = document.querySelector('#chart-temperature canvas')
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
        let count = 0
        for (let i = 0; i < pixels.length; i += 4) {
          if (Math.abs(pixels[i] - 228) < 24 && Math.abs(pixels[i + 1] - 87) < 24 && Math.abs(pixels[i + 2] - 46) < 24 && pixels[i + 3] > 128) count++
        }
        return count
      })()`)) as number
      assert.ok(inked > 50, `T trace drew ${inked} pixels`)

      mkdirSync(dirname(SCREENSHOT), { recursive: true })
      await page.screenshot({ path: SCREENSHOT, fullPage: true })

      // After the screenshot, so docs/dashboard.png shows only real data: an eviction travels node events -> SSE ->
      // page (marker + table). Honest nodes never evict, so the node's event target gets one by hand here: this
      // checks the forwarding and the page, not the engine's eviction rule.
      const victim = members.find((m) => m !== net.authors[0])!
      nodes[0].events.dispatchEvent(new CustomEvent('eviction', { detail: { epoch: nodes[0].status().latestEpoch, author: victim, untilEpoch: 99, reputation: -1.5 } }))
      await page.waitForSelector(`#evictions tbody td[title="${victim}"]`, { timeout: 10_000 })
      assert.match((await page.locator('#committee tbody').textContent()) ?? '', /evicted until 99/)

      assert.deepEqual(problems, [], 'no console errors')
    } finally {
      await browser.close()
      for (const node of nodes.reverse()) await node.stop()
      tmp.cleanup()
    }
  })
})
