/**
 * Lines a remote peer can cause at will (one per penalty it earns) are capped per window, so a peer spraying bad
 * bytes cannot flood the operator's log. Over the cap, lines are only counted; the count is logged once the window
 * has passed, with the next line.
 */
export class RateLimitedLog {
  private windowStart = Number.NEGATIVE_INFINITY
  private written = 0
  private suppressed = 0

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number,
    /** What the lines are about, for the summary ("penalty"). */
    private readonly what: string,
    private readonly perWindow = 20,
    private readonly windowMs = 60_000,
  ) {}

  line(text: string): void {
    const now = this.now()
    if (now - this.windowStart >= this.windowMs) {
      if (this.suppressed > 0) this.log(`${this.suppressed} more ${this.what} lines were not logged in the last ${Math.round(this.windowMs / 1000)} s`)
      this.windowStart = now
      this.written = 0
      this.suppressed = 0
    }
    if (this.written < this.perWindow) {
      this.written++
      this.log(text)
    } else {
      this.suppressed++
    }
  }
}
