import type { ObservationSource } from '../sources/types.js'

/**
 * Runs every feed's source once per epoch, half a period before the next epoch starts, and hands values to the
 * engine. A failing source is logged on its first failure and then every 30th, so a dead feed does not flood logs.
 */
export class Observer {
  private timer: NodeJS.Timeout | undefined
  private readonly failures = new Map<string, number>()
  private running = false

  constructor(
    private readonly sources: ObservationSource[],
    private readonly schedule: { genesisTime: number; epochPeriodMs: number; now: () => number },
    private readonly observe: (feed: string, values: Float64Array) => void,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.running = true
    void this.round()
  }

  stop(): void {
    this.running = false
    if (this.timer !== undefined) clearTimeout(this.timer)
  }

  private async round(): Promise<void> {
    if (!this.running) return
    const { genesisTime, epochPeriodMs, now } = this.schedule
    const epoch = Math.floor((now() - genesisTime) / epochPeriodMs)
    await Promise.all(this.sources.map((source) => this.observeOne(source, epoch)))
    if (!this.running) return
    const nextAt = genesisTime + (epoch + 1) * epochPeriodMs + epochPeriodMs / 2
    this.timer = setTimeout(() => void this.round(), Math.max(10, nextAt - now()))
  }

  private async observeOne(source: ObservationSource, epoch: number): Promise<void> {
    const result = await source.observe(epoch)
    if (result.kind === 'values') {
      this.failures.delete(source.feed)
      this.observe(source.feed, result.values)
    } else if (result.kind === 'error') {
      const count = (this.failures.get(source.feed) ?? 0) + 1
      this.failures.set(source.feed, count)
      if (count === 1 || count % 30 === 0) this.log(`feed ${source.feed}: no observation this epoch (${result.reason}; ${count} in a row)`)
    }
  }
}
