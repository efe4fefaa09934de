import type { SwarmModel } from './swarm-model.js'
import { cell, evictionRow, fill, RECENT_EPOCHS, row } from './tables.js'

const fixed = (v: number | undefined, digits: number): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits))

function link(url: string): HTMLTableCellElement {
  const td = document.createElement('td')
  const a = document.createElement('a')
  a.href = url
  a.target = '_blank'
  a.textContent = 'open'
  td.append(a)
  return td
}

/** The nodes table (one row per node: role, stream, its latest epoch) and the swarm's evictions. */
export function renderSwarmTables(model: SwarmModel): void {
  fill(
    'nodes',
    [...model.nodes.values()]
      .sort((a, b) => a.node - b.node)
      .map((n) => {
        const last = n.last
        const tr = row(
          cell(String(n.node)),
          cell(n.byzantine ? 'byzantine' : 'honest'),
          cell(n.connected ? 'live' : 'down'),
          cell(last === undefined ? '–' : `${last.epoch}${last.approximate ? ' (approx.)' : ''}`),
          cell(last?.feeds[0]?.temperature.toPrecision(4) ?? '–'),
          cell(fixed(last?.feeds[0]?.entropyBits, 2)),
          cell(last === undefined ? '–' : String(last.peers)),
          cell(last === undefined ? '–' : `${last.latencyMs} ms`),
          link(n.apiUrl),
        )
        if (n.byzantine) tr.className = 'byzantine'
        return tr
      }),
  )
  fill(
    'evictions',
    model.evictions.slice(0, RECENT_EPOCHS * 2).map(evictionRow),
  )
}
