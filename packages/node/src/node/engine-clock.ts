import type { Engine } from '@thermotruth/protocol'

/**
 * Drives `engine.tick(now)` with one real timer at `engine.nextWakeup()`. `poke()` after any input that may have
 * moved the wakeup earlier (a received message, an observation) re-arms the timer only if it must fire sooner.
 */
export class EngineClock {
  private timer: NodeJS.Timeout | undefined
  private armedFor = Number.POSITIVE_INFINITY
  private running = false

  constructor(
    private readonly engine: Engine,
    private readonly now: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.running = true
    this.fire()
  }

  stop(): void {
    this.running = false
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.armedFor = Number.POSITIVE_INFINITY
  }

  poke(): void {
    if (!this.running) return
    const next = this.engine.nextWakeup()
    if (next !== undefined && next < this.armedFor) this.arm(next)
  }

  private fire(): void {
    if (!this.running) return
    this.timer = undefined
    this.armedFor = Number.POSITIVE_INFINITY
    try {
      this.engine.tick(this.now())
    } catch (error) {
      this.onError(error)
    }
    const next = this.engine.nextWakeup()
    // An engine with nothing scheduled is still polled once a second, so a stalled schedule cannot stop the node.
    this.arm(next ?? this.now() + 1000)
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.armedFor = at
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - this.now()))
  }
}
