import { Level } from 'level'
import { openFailure, StoreError } from './errors.js'
import { epochFromKey, epochKey } from './keys.js'
import type { EpochSummary, ReportState, StoredEpoch } from './types.js'

type Bytes = Uint8Array

/** One finalized epoch's writes, applied as a single LevelDB batch (all or nothing). */
export interface EpochWrite extends StoredEpoch {
  reports?: Array<{ id: string; state: ReportState }>
}

/**
 * The node's LevelDB: `meta` (key, ticket, settings), `epochs` (encoded certificate/record bytes), `summaries`
 * (JSON views for the API) and `reports` (client report index). Epoch writes are one synced batch, so a `kill -9`
 * either keeps the whole epoch or none of it, and the certificate is on disk before anyone hears about it.
 */
export class NodeStore {
  private readonly db: Level<string, Bytes>
  private readonly meta
  private readonly epochs
  private readonly summaries
  private readonly reports

  private constructor(readonly dir: string) {
    this.db = new Level<string, Bytes>(dir, { valueEncoding: 'view' })
    this.meta = this.db.sublevel<string, Bytes>('meta', { valueEncoding: 'view' })
    this.epochs = this.db.sublevel<string, Bytes>('epochs', { valueEncoding: 'view' })
    this.summaries = this.db.sublevel<string, EpochSummary>('summaries', { valueEncoding: 'json' })
    this.reports = this.db.sublevel<string, ReportState>('reports', { valueEncoding: 'json' })
  }

  /** Opens (and with `create`, creates) the database; a locked or corrupt dir is a one-line StoreError. */
  static async open(dir: string, opts: { create: boolean }): Promise<NodeStore> {
    const store = new NodeStore(dir)
    try {
      await store.db.open({ createIfMissing: opts.create, errorIfExists: false })
    } catch (error) {
      const missing = /does not exist/i.test(String((error as { cause?: Error }).cause?.message ?? ''))
      if (missing && !opts.create) throw new StoreError(`data dir ${dir} has no node database; run 'thermotruth init' first`, 'missing')
      throw openFailure(dir, error)
    }
    return store
  }

  async close(): Promise<void> {
    await this.db.close()
  }

  async getMeta(key: string): Promise<Bytes | undefined> {
    const value = await this.guard(() => this.meta.get(key))
    return value === undefined ? undefined : plain(value)
  }

  async putMeta(key: string, value: Bytes): Promise<void> {
    await this.db.batch([{ type: 'put', sublevel: this.meta, key, value }], { sync: true })
  }

  async saveEpoch(write: EpochWrite): Promise<void> {
    const key = epochKey(write.summary.epoch)
    const ops = [
      { type: 'put' as const, sublevel: this.epochs, key, value: write.bytes },
      { type: 'put' as const, sublevel: this.summaries, key, value: write.summary },
      ...(write.reports ?? []).map(({ id, state }) => ({ type: 'put' as const, sublevel: this.reports, key: id, value: state })),
    ]
    // Sublevel ops with different value types in one atomic batch; abstract-level types them per sublevel.
    await this.db.batch(ops as never, { sync: true })
  }

  async getEpoch(epoch: number): Promise<StoredEpoch | undefined> {
    const key = epochKey(epoch)
    const [bytes, summary] = await Promise.all([this.guard(() => this.epochs.get(key)), this.guard(() => this.summaries.get(key))])
    if (bytes === undefined || summary === undefined) return undefined
    return { bytes: plain(bytes), summary }
  }

  async latestEpoch(): Promise<number | undefined> {
    const keys = await this.guard(() => this.summaries.keys({ reverse: true, limit: 1 }).all())
    return keys?.length ? epochFromKey(keys[0]) : undefined
  }

  /** Summaries newest first, at most `limit`, with epoch <= `before` when given. */
  async recentSummaries(limit: number, before?: number): Promise<EpochSummary[]> {
    const range = before === undefined ? {} : { lte: epochKey(before) }
    return (await this.guard(() => this.summaries.values({ reverse: true, limit, ...range }).all())) ?? []
  }

  /** Stored epochs with epoch >= `from`, oldest first, at most `limit` (serves sync requests). */
  async epochsFrom(from: number, limit: number): Promise<StoredEpoch[]> {
    const entries = (await this.guard(() => this.epochs.iterator({ gte: epochKey(from), limit }).all())) ?? []
    const out: StoredEpoch[] = []
    for (const [key, bytes] of entries) {
      const summary = await this.guard(() => this.summaries.get(key))
      if (summary !== undefined) out.push({ bytes: plain(bytes), summary })
    }
    return out
  }

  async putReport(id: string, state: ReportState): Promise<void> {
    await this.reports.put(id, state)
  }

  async getReport(id: string): Promise<ReportState | undefined> {
    return this.guard(() => this.reports.get(id))
  }

  /** Reads that fail to decode mean a damaged store: surface them as one actionable line. */
  private async guard<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read()
    } catch (error) {
      throw new StoreError(`data dir ${this.dir} holds unreadable data (${(error as Error).message}); move it aside and re-sync`, 'corrupt')
    }
  }
}

/** classic-level hands back Buffers even with the 'view' encoding; callers get plain Uint8Arrays. */
function plain(bytes: Bytes): Bytes {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
