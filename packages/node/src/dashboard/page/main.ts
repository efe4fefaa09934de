import { BytesPerEpoch, parseTransferTotals } from './bytes.js'
import { Charts } from './charts.js'
import { nodeChartSpecs } from './specs.js'
import { showStory, tellStory } from './story.js'
import { Tables } from './tables.js'
import { Traces } from './traces.js'
import type { EpochEvent, EvictionEvent, PeerEvent, StatusView } from './types.js'

/**
 * Epochs of history drawn at load: the event stream replays them from the node's store (`?lastEventId=`), through
 * the same path as live epochs, so every chart and table backfills (Joules and bytes are measured live only).
 */
const BACKFILL = 120

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
  return (await res.json()) as T
}

function showStatus(status: StatusView, live: boolean): void {
  document.getElementById('network')!.textContent = `· ${status.network}`
  const e = status.engine
  const parts = [
    live ? 'live' : 'reconnecting…',
    `epoch ${e?.epoch ?? '–'} (${e?.phase ?? 'idle'})`,
    `latest finalized ${status.latestEpoch ?? '–'}`,
    `committee ${e?.committeeSize ?? '–'}`,
    `peers ${status.peers.ticketed}/${status.peers.connected} ticketed`,
    `mempool ${e?.mempoolDepth ?? '–'}`,
    `sync ${status.sync.state}`,
  ]
  const summary = document.getElementById('summary')!
  summary.textContent = parts.join(' · ')
  summary.dataset.mempool = String(e?.mempoolDepth ?? '')
}

async function getText(path: string): Promise<string> {
  const res = await fetch(path)
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
  return res.text()
}

async function start(): Promise<void> {
  let status = await getJson<StatusView>('/v1/status')
  const traces = new Traces(status.feeds)
  const charts = new Charts(traces, nodeChartSpecs(traces.feeds), document.getElementById('charts')!)
  const story = () => tellStory(traces, traces.feeds)
  const redraw = () => {
    charts.refresh()
    showStory(story())
  }
  const tables = new Tables(status.author)
  const bytes = new BytesPerEpoch()
  // Baseline for the first epoch's bytes; a node without metrics just has no bytes chart.
  await getText('/metrics').then((text) => bytes.next(parseTransferTotals(text)), () => {})
  let epochEvents = 0
  let replayedEvents = 0
  let live = false
  showStatus(status, live)

  // Read by the browser test and handy from the devtools console.
  Object.assign(window, {
    __dashboard: {
      pointCounts: () => charts.pointCounts(),
      seriesPoints: (id: string) => charts.seriesPoints(id),
      epochEvents: () => epochEvents,
      replayedEvents: () => replayedEvents,
      feedValues: () => tables.feedValues(),
      threshold: () => traces.threshold,
      story,
      evictionEpochs: () => [...traces.evictionEpochs.keys()],
      geometry: (id: string) => charts.geometry(id),
    },
  })

  // The browser resends the last id it saw (Last-Event-ID) when it reconnects, so a dropped stream resumes too.
  const from = status.latestEpoch === undefined ? undefined : Math.max(0, status.latestEpoch - BACKFILL)
  const stream = new EventSource(from === undefined ? '/v1/events' : `/v1/events?lastEventId=${from}`)
  stream.addEventListener('open', () => {
    live = true
    showStatus(status, live)
  })
  stream.addEventListener('error', () => {
    // EventSource reconnects by itself; just say so.
    live = false
    showStatus(status, live)
  })
  stream.addEventListener('epoch', (msg) => {
    const event = JSON.parse((msg as MessageEvent<string>).data) as EpochEvent
    epochEvents += 1
    traces.add(event)
    redraw()
    tables.onEpoch(event)
    if (event.replayed === true) {
      replayedEvents += 1
      return
    }
    // One status and one metrics read per finalized epoch: paced by the chain, never a polling loop.
    getText('/metrics').then(
      (text) => {
        const delta = bytes.next(parseTransferTotals(text))
        if (delta === undefined) return
        traces.addBytes(event.epoch, delta)
        charts.refresh()
      },
      () => {},
    )
    getJson<StatusView>('/v1/status').then(
      (next) => {
        status = next
        showStatus(status, live)
      },
      () => {},
    )
  })
  stream.addEventListener('eviction', (msg) => {
    const event = JSON.parse((msg as MessageEvent<string>).data) as EvictionEvent
    traces.addEviction(event.epoch)
    redraw()
    tables.onEviction(event)
  })
  stream.addEventListener('peer', (msg) => tables.onPeer(JSON.parse((msg as MessageEvent<string>).data) as PeerEvent))
}

start().catch((error: unknown) => {
  const summary = document.getElementById('summary')
  if (summary !== null) summary.textContent = `dashboard failed to start: ${(error as Error).message}`
  throw error
})
