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

/** A feed value with about 7 significant digits and no exponent for ordinary magnitudes. */
export const formatValue = (v: number): string => (Math.abs(v) >= 1e9 || (v !== 0 && Math.abs(v) < 1e-4) ? v.toExponential(4) : String(Number(v.toPrecision(7))))

/** The three tables, redrawn from the latest epoch event and the peer events since. */
export class Tables {
  private readonly recent: EpochEvent[] = []
  private committee: string[] = []
  private readonly peers = new Map<string, PeerRow & { state: string }>()
  private readonly evictions: EvictionEvent[] = []
  /** The newest agreed value per feed, with its epoch and honest spread. */
  private readonly latest = new Map<string, { epoch: number; approximate: boolean; values: number[]; spread: number }>()

  constructor(private readonly selfAuthor: string) {}

  /** The agreed values shown (read by the browser test). */
  feedValues(): Record<string, { epoch: number; values: number[]; spread: number }> {
    return Object.fromEntries(this.latest)
  }

  onEpoch(event: EpochEvent): void {
    const i = this.recent.findIndex((e) => e.epoch === event.epoch)
    if (i >= 0) this.recent.splice(i, 1)
    this.recent.unshift(event)
    this.recent.sort((a, b) => b.epoch - a.epoch)
    this.recent.length = Math.min(this.recent.length, RECENT_EPOCHS)
    for (const f of event.feeds) {
      const known = this.latest.get(f.feed)
      if (f.values === undefined || (known !== undefined && known.epoch > event.epoch)) continue
      this.latest.set(f.feed, { epoch: event.epoch, approximate: event.approximate, values: f.values, spread: event.approximate ? (f.approximateSpread ?? 0) : 0 })
    }
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
    fill(
      'feeds',
      [...this.latest].map(([feed, v]) =>
        row(
          cell(feed),
          cell(v.values.map(formatValue).join(', '), v.values.join(', ')),
          cell(String(v.epoch)),
          cell(v.approximate ? 'approximate' : 'certified'),
          cell(v.approximate ? `±${formatValue(v.spread / 2)}` : '0 (identical on every honest node)'),
        ),
      ),
    )
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
