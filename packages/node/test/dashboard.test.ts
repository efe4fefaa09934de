import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, test } from 'node:test'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { alarmThreshold } from '../src/dashboard/alarm-threshold.js'
import type { ThermoNode } from '../src/node/thermo-node.js'
import { Swarm } from '../src/swarm/launcher.js'
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
const SWARM_SCREENSHOT = resolve(ROOT, process.env.DASHBOARD_SWARM_SCREENSHOT ?? 'bench-out/dashboard-swarm-attack.png')
/** Epoch period for this test: generous, because the machine is shared and a missed deadline means no certificate. */
const EPOCH_MS = 2500
/** The byzantine swarm: a quarter of the nodes run `flash` against a threshold the engine's scale-free T crosses. */
const SWARM_NODES = 6
const SWARM_BYZANTINE = 2
const SWARM_EPOCHS = 14
const SWARM_EPOCH_MS = 2500
const THRESHOLD = 1.5
/** What the aggregate page alarms at: the configured threshold raised for the swarm's size (dashboard/alarm-threshold.ts). */
const SWARM_ALARM = alarmThreshold(THRESHOLD, SWARM_NODES)

/** Launches Debian's chromium with a fresh profile, or says why it cannot (the test then skips). */
async function launch(profileDir: string): Promise<BrowserContext | string> {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is absent (run scripts/ensure-chromium.sh)`
  try {
    return await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 1100 } })
  } catch (error) {
    return `chromium would not start: ${(error as Error).message.split('\n')[0]}`
  }
}

/** Marker and trace colours the page draws with (page/markers.ts, page/charts.ts COLORS for the two feeds' T). */
const T_COLORS: Array<[number, number, number]> = [
  [0xe4, 0x57, 0x2e],
  [0x17, 0xbe, 0xbb],
]
const EVICTION_COLOR: [number, number, number] = [0x8e, 0x24, 0xaa]

interface Geometry {
  left: number
  top: number
  width: number
  height: number
  thresholdY?: number
  epochX: Record<string, number>
}

/**
 * Reads one chart's canvas in the page, in one step (a redraw between reading the geometry and the pixels would
 * move the epochs): the plot geometry, and per asked epoch the canvas rows inked in one of `colors` (small
 * tolerance, opaque) within `spread` pixel columns of the epoch's x (a trace point is a few pixels wide).
 */
async function readChart(page: Page, chart: string, colors: Array<[number, number, number]>, epochs: number[], spread = 3): Promise<{ geo: Geometry; rows: Record<number, number[]> }> {
  // A string, as elsewhere in this file: the test is compiled without the DOM lib.
  return (await page.evaluate(`(() => {
    const [chart, colors, epochs, SPREAD] = ${JSON.stringify([chart, colors, epochs, spread])}
    const geo = window.__dashboard.geometry(chart)
    const canvas = document.querySelector('#chart-' + chart + ' canvas')
    const ctx = canvas.getContext('2d')
    const rows = {}
    for (const epoch of epochs) {
      const x = Math.round(geo.epochX[epoch])
      const px = ctx.getImageData(x - SPREAD, 0, 2 * SPREAD + 1, canvas.height).data
      const inked = new Set()
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b, a] = [px[i], px[i + 1], px[i + 2], px[i + 3]]
        if (a > 200 && colors.some(([cr, cg, cb]) => Math.abs(r - cr) < 30 && Math.abs(g - cg) < 30 && Math.abs(b - cb) < 30)) inked.add(Math.floor(i / 4 / (2 * SPREAD + 1)))
      }
      rows[epoch] = [...inked].sort((a, b) => a - b)
    }
    return { geo, rows }
  })()`)) as { geo: Geometry; rows: Record<number, number[]> }
}

/** A copy of configs/local.json whose T threshold the byzantine test's attack crosses (engine T is scale-free). */
function attackConfig(dir: string, threshold: number): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'configs/local.json'), 'utf8'))
  config.genesis.temperatureThreshold = threshold
  const path = join(dir, 'attack.json')
  writeFileSync(path, JSON.stringify(config))
  return path
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

      // Early epochs may be approximate while the four nodes mesh; a certified one follows within a few periods (many
      // more on a starved machine: bounded at 36 periods).
      await page.waitForSelector('#epochs tbody a[href^="/v1/certificates/"]', { timeout: 36 * EPOCH_MS })
      // Live epochs: the page's load replays stored ones first (counted apart), which must not satisfy this.
      await page.waitForFunction('window.__dashboard.epochEvents() - window.__dashboard.replayedEvents() >= 3', undefined, { timeout: 30_000, polling: 200 })
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

      // The agreed values: in the feeds table, and drawn on the feed's value chart (trace colour COLORS[1]: the
      // value chart is the page's second chart, one trace).
      const values = await hook<Record<string, { epoch: number; values: number[]; spread: number }>>('feedValues()')
      assert.ok(Math.abs(values['eth-usd'].values[0] - 3000) < 100, `eth-usd agreed near 3000 (sim:gauss:3000:5): ${JSON.stringify(values)}`)
      const shownValue = /^eth-usd(\d+(?:\.\d+)?)/.exec((await page.locator('#feeds tbody tr').first().textContent()) ?? '')
      assert.ok(shownValue !== null && Math.abs(Number(shownValue[1]) - values['eth-usd'].values[0]) < 1e-3 * 3000, `feeds table shows the value: ${shownValue?.[0]}`)
      // One point per finalized epoch: wait for a third (epochs keep certifying while the checks above run).
      await page
        .waitForFunction(`(window.__dashboard.seriesPoints('value-eth-usd')['eth-usd'] ?? 0) >= 3`, undefined, { timeout: 30_000, polling: 250 })
        .catch(() => {})
      const valuePoints = await hook<Record<string, number>>(`seriesPoints('value-eth-usd')`)
      assert.ok((valuePoints['eth-usd'] ?? 0) >= 3, `value chart has points: ${JSON.stringify(valuePoints)}`)
      const valueInk = (await page.evaluate(`(() => {
        const canvas = document.querySelector('#chart-value-eth-usd canvas')
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
        let count = 0
        for (let i = 0; i < pixels.length; i += 4) {
          if (Math.abs(pixels[i] - 0x17) < 24 && Math.abs(pixels[i + 1] - 0xbe) < 24 && Math.abs(pixels[i + 2] - 0xbb) < 24 && pixels[i + 3] > 128) count++
        }
        return count
      })()`)) as number
      assert.ok(valueInk > 50, `the eth-usd value trace drew ${valueInk} pixels`)

      // Fits a 1280 px window: nothing wider than the viewport.
      const widths = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number }
      assert.ok(widths.scroll <= widths.client, `page ${widths.scroll} px wide in a ${widths.client} px viewport`)

      // A page opened later backfills every chart from the node's store (the event stream's replay), at once.
      const later = await browser.newPage()
      await later.goto(nodes[0].apiServer!.url, { waitUntil: 'load' })
      await later.waitForFunction('window.__dashboard !== undefined && window.__dashboard.replayedEvents() >= 3', undefined, { timeout: 10_000, polling: 100 })
      const backfilled = (await later.evaluate('window.__dashboard.pointCounts()')) as Record<string, number>
      for (const id of ['temperature', 'value-eth-usd', 'entropy', 'difficulty']) assert.ok(backfilled[id] >= 3, `${id} backfilled on load: ${JSON.stringify(backfilled)}`)
      for (const id of ['temperature', 'value-eth-usd', 'entropy', 'difficulty']) {
        const points = (await later.evaluate(`window.__dashboard.seriesPoints(${JSON.stringify(id)})`)) as Record<string, number>
        assert.ok(Object.entries(points).some(([label, n]) => label !== 'Joules' && n >= 3), `${id} traces backfilled: ${JSON.stringify(points)}`)
      }
      await later.close()

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

  test('byzantine swarm via the real launcher: the aggregate page shows T cross its threshold, the evictions, and T recover', async (t) => {
    const tmp = tempDir('dashboard-swarm')
    const browser = await launch(join(tmp.dir, 'profile'))
    if (typeof browser === 'string') {
      console.log(`# dashboard browser test skipped: ${browser}`)
      tmp.cleanup()
      t.skip(browser)
      return
    }
    let announce: (url: string) => void = () => undefined
    const announced = new Promise<string>((resolve) => {
      announce = resolve
    })
    const swarm = new Swarm(
      {
        factory: 'thermotruth',
        nodes: SWARM_NODES,
        processes: 2,
        epochs: SWARM_EPOCHS,
        epochPeriodMs: SWARM_EPOCH_MS,
        byzantine: SWARM_BYZANTINE,
        attack: 'flash',
        proposalBytes: 200,
        reportsPerSecond: 0,
        basePort: 0,
        configFile: attackConfig(tmp.dir, THRESHOLD),
        healthTimeoutMs: 30_000,
        seedPeers: 6,
        dashboardPort: 0,
      },
      (event) => {
        // The line the CLI prints: the test reads the URL the way a person would.
        const m = event.kind === 'phase' ? /^swarm dashboard \(all (\d+) nodes\): (http:\/\/\S+)$/.exec(event.line) : null
        if (m !== null && Number(m[1]) === SWARM_NODES) announce(m[2])
      },
    )
    const run = swarm.run()
    run.catch(() => undefined)
    try {
      const url = await Promise.race([announced, run.then(() => Promise.reject(new Error('the swarm ended without printing its dashboard URL')))])
      const page = await browser.newPage()
      const problems: string[] = []
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
      })
      page.on('pageerror', (error) => problems.push(`page: ${error.message}`))
      await page.goto(url, { waitUntil: 'load' })
      await page.waitForFunction('window.__dashboard !== undefined', undefined, { timeout: 10_000 })
      const hook = <T>(expression: string): Promise<T> => page.evaluate(`window.__dashboard.${expression}`) as Promise<T>

      // flash: the attackers behave for 10 epochs, then strike together; the honest nodes' filter cuts them, the
      // strikes evict them, and T cools. Waits on the rendered story line (the charts redraw in the same pass), with
      // the eviction's epoch on the chart. Bounded by the run itself (its last epoch plus the launcher's tail).
      // The story is read inside the same predicate that accepts it: the page keeps redrawing as epochs arrive, and
      // a node's median T for an epoch can move while the rest of the nodes report it. So the recovery must come
      // after an eviction (that is what ends a flash attack's heat) and a later epoch must already be shown.
      const accepted = await page
        .waitForFunction(
          `(() => {
            const story = window.__dashboard.story()
            const shown = window.__dashboard.epochs()
            const evictions = window.__dashboard.evictionEpochs().filter((e) => shown.includes(e))
            const settled = story.recovered !== undefined && evictions.some((e) => e < story.recovered) && shown.some((e) => e > story.recovered)
            return settled ? JSON.stringify(story) : false
          })()`,
          undefined,
          { timeout: (SWARM_EPOCHS + 25) * SWARM_EPOCH_MS + 30_000, polling: 500 },
        )
        .catch(async (error: Error) => {
          // Say what the page did show: the story so far, the epochs, the evictions and the summary line.
          const seen = await page.evaluate(`JSON.stringify({ story: window.__dashboard.story(), epochs: window.__dashboard.epochs(), evictions: window.__dashboard.evictionEpochs(), summary: document.getElementById('summary').textContent, approximate: window.__dashboard.approximateEpochs() })`)
          throw new Error(`${error.message.split('\n')[0]}; the page showed ${seen}`)
        })
      assert.equal(await hook<number>('threshold()'), SWARM_ALARM, 'the genesis threshold, raised for a 6-node swarm')
      const story = JSON.parse((await accepted.jsonValue()) as string) as { above: number; peak: number; peakEpoch: number; recovered: number; evicted: number; text: string }
      assert.ok(story.peak > SWARM_ALARM && story.recovered > story.peakEpoch, `excursion and recovery: ${JSON.stringify(story)}`)
      assert.ok(story.evicted >= 1, 'identities evicted')
      const storyText = story.text
      assert.match(storyText, new RegExp(`rose above the threshold ${SWARM_ALARM} at epoch ${story.above},.*recovered below it from epoch ${story.recovered}`))
      assert.match(storyText, /identit(y|ies) evicted/)

      // The summary counts certified and approximate epochs.
      const counts = await hook<{ epochs: number; certified: number; approximate: number }>('outcomeCounts()')
      assert.ok(counts.epochs >= 5 && counts.certified + counts.approximate === counts.epochs, JSON.stringify(counts))
      assert.match((await page.locator('#summary').textContent()) ?? '', /certified \d+\/\d+ · approximate \d+/)

      // Tables: every node, the byzantine ones marked; the evictions listed once each.
      await page.waitForFunction(`document.querySelectorAll('#nodes tbody tr').length === ${SWARM_NODES}`, undefined, { timeout: 10_000 })
      assert.equal(await page.locator('#nodes tbody tr.byzantine').count(), SWARM_BYZANTINE)
      assert.ok((await page.locator('#evictions tbody tr').count()) >= 1, 'evictions table fills')
      for (const id of ['temperature', 'entropy', 'difficulty']) {
        const points = await hook<Record<string, number>>(`seriesPoints(${JSON.stringify(id)})`)
        assert.ok(Object.values(points).some((n) => n >= 3), `${id} chart has traces: ${JSON.stringify(points)}`)
      }

      // The canvas: the T trace is inked above the dashed threshold line at the peak epoch and below it at the
      // recovery epoch, and the eviction marker is a vertical line through the whole plot.
      const { geo, rows } = await readChart(page, 'temperature', T_COLORS, [story.peakEpoch, story.recovered])
      const thresholdY = geo.thresholdY
      assert.ok(thresholdY !== undefined && thresholdY > geo.top && thresholdY < geo.top + geo.height, 'threshold line inside the T plot')
      const peakRows = rows[story.peakEpoch]
      const recoveredRows = rows[story.recovered]
      assert.ok(peakRows.some((y) => y < thresholdY - 2 && y >= geo.top), `T inked above the threshold (y ${thresholdY.toFixed(0)}) at epoch ${story.peakEpoch}: rows ${peakRows.join(',')}`)
      assert.ok(recoveredRows.some((y) => y > thresholdY + 2 && y <= geo.top + geo.height), `T inked below the threshold at epoch ${story.recovered}: rows ${recoveredRows.join(',')}`)
      const shown = await hook<number[]>('epochs()')
      const evictedAt = (await hook<number[]>('evictionEpochs()')).find((e) => shown.includes(e))!
      // A few columns around the epoch, as for T: the x of an epoch moves by a pixel as the chart gains epochs.
      const marker = (await readChart(page, 'temperature', [EVICTION_COLOR], [evictedAt], 2)).rows[evictedAt]
      assert.ok(marker.length >= geo.height * 0.6, `eviction marker at epoch ${evictedAt} spans the plot (${marker.length} of ${geo.height} rows)`)

      mkdirSync(dirname(SWARM_SCREENSHOT), { recursive: true })
      await page.screenshot({ path: SWARM_SCREENSHOT, fullPage: true })
      assert.deepEqual(problems, [], 'no console errors')
      await page.close()
      await run
    } finally {
      await browser.close()
      await swarm.shutdown()
      tmp.cleanup()
    }
  })
})
