import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, test } from 'node:test'
import { type BrowserContext, chromium } from 'playwright-core'
import type { ThermoNode } from '../src/node/thermo-node.js'
import { tempDir } from './helpers-tmp.js'
import { prepareNetwork, settingsFor, startRecorded } from './node-fixtures.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
/** packages/node/dist/test -> repository root docs/. */
const DOCS = fileURLToPath(new URL('../../../../docs/', import.meta.url))

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
      const net = await prepareNetwork(tmp.dir, 4)
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

      // Three live epochs over SSE, at least one certified by the four-member committee.
      await page.waitForFunction('window.__dashboard.epochEvents() >= 3', undefined, { timeout: 40_000, polling: 200 })
      // Early epochs may be approximate while the four nodes mesh; a certified one follows within a few periods.
      await page.waitForSelector('#epochs tbody a[href^="/v1/certificates/"]', { timeout: 30_000 })
      const after = await hook<Record<string, number>>('pointCounts()')
      assert.ok(after.temperature >= before.temperature + 2, `T trace grew: ${before.temperature} -> ${after.temperature}`)
      assert.equal(after.difficulty, after.temperature, 'every trace shares the epoch axis')
      assert.equal(await hook<number>('threshold()'), 1e6, "threshold from the genesis config (node-fixtures: 1e6)")

      const rows = async (id: string) => page.locator(`#${id} tbody tr`).count()
      assert.equal(await rows('committee'), 4, 'committee table lists the four genesis members')
      assert.ok((await rows('peers')) >= 3, 'peer table lists the other nodes')
      assert.ok((await rows('epochs')) >= 3, 'recent epochs table fills')
      const href = await page.locator('#epochs tbody a').first().getAttribute('href')
      const certificate = (await page.evaluate(`fetch(${JSON.stringify(href)}).then((r) => r.json())`)) as { encoding: string }
      assert.equal(certificate.encoding, 'protobuf', 'the certificate link answers JSON')
      assert.match((await page.locator('#summary').textContent()) ?? '', /mempool \d+/)

      // The T chart's canvas has ink on it (not only the white background).
      const inked = (await page.evaluate(`(() => {
        const canvas = document.querySelector('#chart-temperature canvas')
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
        let count = 0
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++
        return count
      })()`)) as number
      assert.ok(inked > 1000, `T chart drew ${inked} pixels`)

      mkdirSync(DOCS, { recursive: true })
      await page.screenshot({ path: join(DOCS, 'dashboard.png'), fullPage: true })
      assert.deepEqual(problems, [], 'no console errors')
    } finally {
      await browser.close()
      for (const node of nodes.reverse()) await node.stop()
      tmp.cleanup()
    }
  })
})
