/**
 * Peers refused for a cooldown after failing the identity gate. The connection gater consults it on every dial
 * and every inbound encrypted connection, so a rejected peer cannot simply reconnect and retry.
 */
export interface BanRecord {
  peerId: string
  reason: string
  untilMs: number
  /** Connections refused under this ban so far (the gater's checks). */
  refusals: number
}

export class PeerBanList {
  private readonly bans = new Map<string, BanRecord>()
  /** Told of every refusal the connection gater makes (the identity gate logs the first one per ban and counts all). */
  onRefused?: (record: BanRecord) => void

  constructor(
    private readonly now: () => number = Date.now,
    /** Bound on remembered peers, so a flood of throwaway identities cannot grow the map without limit. */
    private readonly maxRecords = 10_000,
  ) {}

  ban(peerId: string, reason: string, cooldownMs: number): BanRecord {
    const record = { peerId, reason, untilMs: this.now() + cooldownMs, refusals: 0 }
    this.bans.delete(peerId)
    this.bans.set(peerId, record)
    if (this.bans.size > this.maxRecords) this.evict()
    return record
  }

  /** Drop expired records, then the oldest ones (Map keeps insertion order) until under the bound. */
  private evict(): void {
    for (const id of [...this.bans.keys()]) this.isBanned(id)
    for (const id of this.bans.keys()) {
      if (this.bans.size <= this.maxRecords) break
      this.bans.delete(id)
    }
  }

  /** True while the cooldown runs; expired records are dropped lazily so the map cannot grow without bound. */
  isBanned(peerId: string): boolean {
    const record = this.bans.get(peerId)
    if (record === undefined) return false
    if (record.untilMs > this.now()) return true
    this.bans.delete(peerId)
    return false
  }

  /** The gater's check: true (and the refusal recorded and reported) while the peer is banned. */
  refuse(peerId: string): boolean {
    if (!this.isBanned(peerId)) return false
    const record = this.bans.get(peerId)!
    record.refusals++
    this.onRefused?.(record)
    return true
  }

  records(): BanRecord[] {
    return [...this.bans.values()].filter((r) => this.isBanned(r.peerId))
  }
}
