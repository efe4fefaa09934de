import { Charts } from './charts.js'
import { Tables } from './tables.js'
import { Traces } from './traces.js'
import type { EpochEvent, FeedHistory, PeerEvent, StatusView } from './types.js'

/** Epochs of history drawn at load, before the live stream takes over. */
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

async function start(): Promise<void> {
  let status = await getJson<StatusView>('/v1/status')
  const traces = new Traces(status.feeds)
  for (const feed of status.feeds) {
    traces.backfill(await getJson<FeedHistory>(`/v1/feeds/${encodeURIComponent(feed)}?limit=${BACKFILL}`))
  }
  const charts = new Charts(traces, document.getElementById('charts')!)
  const tables = new Tables(status.author)
  let epochEvents = 0
  let live = false
  showStatus(status, live)

  // Read by the browser test and handy from the devtools console.
  Object.assign(window, {
    __dashboard: {
      pointCounts: () => charts.pointCounts(),
      epochEvents: () => epochEvents,
      threshold: () => traces.threshold,
    },
  })

  const stream = new EventSource('/v1/events')
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
    charts.refresh()
    tables.onEpoch(event)
    // One status read per finalized epoch (mempool depth, phase): paced by the chain, never a polling loop.
    getJson<StatusView>('/v1/status').then(
      (next) => {
        status = next
        showStatus(status, live)
      },
      () => {},
    )
  })
  stream.addEventListener('peer', (msg) => tables.onPeer(JSON.parse((msg as MessageEvent<string>).data) as PeerEvent))
}

start().catch((error: unknown) => {
  const summary = document.getElementById('summary')
  if (summary !== null) summary.textContent = `dashboard failed to start: ${(error as Error).message}`
  throw error
})
