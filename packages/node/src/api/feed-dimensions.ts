import type { EpochSummary } from '../store/types.js'

/**
 * The number of values per report each feed takes, learned from finalized epochs (a feed's agreed value has the
 * dimension of the node's own observations, which is what the engine aggregates reports with). The engine silently
 * leaves a report of another dimension out of its proposal, so the API refuses one up front with a 400 instead of
 * a 202 whose report would never count. A feed with no finalized value yet has no known dimension: anything goes.
 */
export class FeedDimensions {
  private readonly dims = new Map<string, number>()

  learn(summary: Pick<EpochSummary, 'feeds'>): void {
    for (const feed of summary.feeds) if (feed.values.length > 0) this.dims.set(feed.feed, feed.values.length)
  }

  of(feed: string): number | undefined {
    return this.dims.get(feed)
  }

  /** Undefined when `values` fits the feed; otherwise the one-line reason for the 400. */
  mismatch(feed: string, values: number): string | undefined {
    const expected = this.dims.get(feed)
    if (expected === undefined || expected === values) return undefined
    return `values: feed '${feed}' takes ${expected} ${expected === 1 ? 'value' : 'values'} per report, got ${values}`
  }
}
