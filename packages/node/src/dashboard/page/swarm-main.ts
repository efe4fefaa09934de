import { Charts } from './charts.js'
import { swarmChartSpecs } from './specs.js'
import { showStory, tellStory } from './story.js'
import { SwarmModel } from './swarm-model.js'
import { renderSwarmTables } from './swarm-tables.js'
import type { SwarmEvent, SwarmSnapshot } from './swarm-types.js'

/** Redraws are coalesced: a swarm sends one event per node per epoch, the page redraws at most this often. */
const REDRAW_MS = 250
const EVENT_TYPES: Array<SwarmEvent['type']> = ['epoch', 'eviction', 'bytes', 'node']

function showSummary(model: SwarmModel, snapshot: SwarmSnapshot, live: boolean): void {
  const honest = [...model.nodes.values()].filter((n) => !n.byzantine)
  const latest = model.epochs.at(-1)
  const reported = latest === undefined ? 0 : model.honestAt(latest).length
  const counts = model.outcomeCounts()
  const parts = [
    live ? 'live' : 'reconnecting…',
    `${model.nodes.size} nodes (${snapshot.byzantine} byzantine${snapshot.attack ? `: ${snapshot.attack}` : ''})`,
    `streams ${[...model.nodes.values()].filter((n) => n.connected).length}/${model.nodes.size}`,
    `latest epoch ${latest ?? '–'} (${reported}/${honest.length} honest reported)`,
    `certified ${counts.certified}/${counts.epochs}`,
    `approximate ${counts.approximate}`,
    `evictions ${model.evictions.length}`,
  ]
  const summary = document.getElementById('summary')!
  summary.textContent = parts.join(' · ')
  summary.dataset.certified = String(counts.certified)
  summary.dataset.approximate = String(counts.approximate)
  summary.dataset.epochs = String(counts.epochs)
}

async function start(): Promise<void> {
  const res = await fetch('/v1/swarm', { headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(`/v1/swarm: HTTP ${res.status}`)
  const snapshot = (await res.json()) as SwarmSnapshot
  const model = new SwarmModel(snapshot)
  let charts: Charts | undefined
  let live = false
  let events = 0
  let pending = false
  const story = () => tellStory(model, model.feeds)
  const draw = () => {
    pending = false
    // Charts need the feed names, which arrive with the first epoch.
    if (charts === undefined && model.feeds.length > 0) charts = new Charts(model, swarmChartSpecs(model.feeds), document.getElementById('charts')!)
    charts?.refresh()
    renderSwarmTables(model)
    showSummary(model, snapshot, live)
    showStory(story())
  }
  const schedule = () => {
    if (pending) return
    pending = true
    window.setTimeout(draw, REDRAW_MS)
  }
  draw()

  // Read by the browser test and handy from the devtools console.
  Object.assign(window, {
    __dashboard: {
      pointCounts: () => charts?.pointCounts() ?? {},
      seriesPoints: (id: string) => charts?.seriesPoints(id) ?? {},
      geometry: (id: string) => charts?.geometry(id),
      epochEvents: () => events,
      threshold: () => model.threshold,
      story,
      evictionEpochs: () => [...model.evictionEpochs.keys()],
      epochs: () => [...model.epochs],
      approximateEpochs: () => [...model.approximateEpochs],
      outcomeCounts: () => model.outcomeCounts(),
    },
  })

  const stream = new EventSource('/v1/swarm/events')
  stream.addEventListener('open', () => {
    live = true
    schedule()
  })
  stream.addEventListener('error', () => {
    // EventSource reconnects by itself; just say so.
    live = false
    schedule()
  })
  for (const type of EVENT_TYPES) {
    stream.addEventListener(type, (msg) => {
      const data = JSON.parse((msg as MessageEvent<string>).data)
      if (type === 'epoch') events += 1
      model.apply({ type, data } as SwarmEvent)
      schedule()
    })
  }
}

start().catch((error: unknown) => {
  const summary = document.getElementById('summary')
  if (summary !== null) summary.textContent = `swarm dashboard failed to start: ${(error as Error).message}`
  throw error
})
