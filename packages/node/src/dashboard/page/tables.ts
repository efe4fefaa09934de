import type { EpochEvent, EvictionEvent, PeerEvent, PeerRow } from './types.js'

/** Rows kept in the recent-epochs table. */
export const RECENT_EPOCHS = 12

export const short = (id: string): string => (id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-6)}` : id)

export function cell(text: string, title?: string): HTMLTableCellElement {
  const td = document.createElement('td')
  td.textContent = text
  if (title !== undefined) td.title = title
  return td
}

export function fill(tableId: string, rows: HTMLTableRowElement[]): void {
  const body = document.querySelector(`#${tableId} tbody`)
  if (body !== null) body.replaceChildren(...rows)
}

export function row(...cells: HTMLTableCellElement[]): HTMLTableRowElement {
  const tr = document.createElement('tr')
  tr.append(...cells)
  return tr
}

/** One row of an evictions table (the node's and the swarm's). */
export const evictionRow = (e: EvictionEvent): HTMLTableRowElement => row(cell(String(e.epoch)), cell(short(e.author), e.author), cell(String(e.untilEpoch)), cell(e.reputation.toFixed(2)))

/** The three tables, redrawn from the latest epoch event and the peer events since. */
export class Tables {
  private readonly recent: EpochEvent[] = []
  private committee: string[] = []
  private readonly peers = new Map<string, PeerRow & { state: string }>()
  private readonly evictions: EvictionEvent[] = []

  constructor(private readonly selfAuthor: string) {}

  onEpoch(event: EpochEvent): void {
    const i = this.recent.findIndex((e) => e.epoch === event.epoch)
    if (i >= 0) this.recent.splice(i, 1)
    this.recent.unshift(event)
    this.recent.sort((a, b) => b.epoch - a.epoch)
    this.recent.length = Math.min(this.recent.length, RECENT_EPOCHS)
    if (event.committee !== undefined && event.committee.length > 0) this.committee = event.committee
    if (event.peers !== undefined) {
      const live = new Set(event.peers.map((p) => p.peerId))
      for (const [id, p] of this.peers) if (!live.has(id) && p.state !== 'rejected') p.state = 'disconnected'
      for (const p of event.peers) this.peers.set(p.peerId, { ...p, state: p.ticketed ? 'ticketed' : 'connected' })
    }
    this.render()
  }

  onPeer(event: PeerEvent): void {
    const known = this.peers.get(event.peerId)
    const base: PeerRow = known ?? { peerId: event.peerId, author: '', direction: 'inbound', ticketed: false, gossipScore: 0, inMesh: false }
    this.peers.set(event.peerId, { ...base, state: event.event === 'rejected' ? `rejected: ${event.reason ?? ''}` : event.event })
    this.render()
  }

  onEviction(event: EvictionEvent): void {
    this.evictions.unshift(event)
    this.evictions.length = Math.min(this.evictions.length, RECENT_EPOCHS)
    this.render()
  }

  private render(): void {
    const evicted = new Map(this.evictions.map((e) => [e.author, e]))
    const byAuthor = new Map([...this.peers.values()].map((p) => [p.author, p]))
    fill(
      'committee',
      this.committee.map((author) => {
        const peer = byAuthor.get(author)
        const self = author === this.selfAuthor
        const out = evicted.get(author)
        const role = self ? 'this node' : out !== undefined ? `evicted until ${out.untilEpoch}` : 'member'
        return row(cell(short(author), author), cell(role), cell(self ? '–' : (peer?.gossipScore.toFixed(2) ?? '?')), cell(self ? '–' : peer?.inMesh ? 'yes' : 'no'))
      }),
    )
    fill(
      'peers',
      [...this.peers.values()].map((p) => row(cell(short(p.peerId), p.peerId), cell(p.direction), cell(p.state), cell(p.gossipScore.toFixed(2)))),
    )
    fill(
      'evictions',
      this.evictions.map(evictionRow),
    )
    fill(
      'epochs',
      this.recent.map((e) => {
        const link = document.createElement('td')
        if (e.approximate) link.textContent = 'approximate'
        else {
          const a = document.createElement('a')
          a.href = `/v1/certificates/${e.epoch}`
          a.textContent = 'JSON'
          link.append(a)
        }
        const f = e.feeds[0]
        return row(cell(String(e.epoch)), cell(f?.temperature.toPrecision(4) ?? '–'), cell(f?.entropyBits.toFixed(2) ?? '–'), cell(`${e.endorsements}/${e.committeeSize}`), cell(`${e.latencyMs} ms`), link)
      }),
    )
  }
}
