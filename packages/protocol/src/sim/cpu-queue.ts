/**
 * One FIFO CPU queue per host: the simulated event loop. A job (processing a received message, a timer tick, the
 * node's own signing and annealing) waits until every job queued before it on the same host is done, then runs for
 * its cost in simulated milliseconds, and its action fires when it completes. A saturated host therefore delays
 * everything it does, as a real event loop does, instead of processing each message in a constant time.
 *
 * A host is one CPU: one node in a real deployment (the default, `hosts = nodes`), or one host process of the swarm
 * launcher running many nodes on one event loop (`hosts = 2` on this 2-core machine).
 */
import type { Scheduler, SimAction } from './scheduler.js'

/** Utilisation and waiting figures of the queues over the measured window. */
export interface CpuQueueStats {
  /** CPU ms spent in the window, over all hosts. */
  busyMs: number
  /** Mean and highest share of the window each host was busy (1 = saturated for the whole window). */
  utilisationMean: number
  utilisationMax: number
  /** Time a job waited in its queue before running (ms), over jobs enqueued in the window. */
  waitMs: { p50: number; p99: number; max: number }
  jobs: number
}

class Fifo {
  costs: number[] = []
  actions: SimAction[] = []
  targets: unknown[] = []
  args: number[] = []
  enqueued: number[] = []
  head = 0

  get size(): number {
    return this.actions.length - this.head
  }

  push(cost: number, action: SimAction, target: unknown, arg: number, at: number): void {
    this.costs.push(cost)
    this.actions.push(action)
    this.targets.push(target)
    this.args.push(arg)
    this.enqueued.push(at)
  }

  /** Drops consumed entries, so a long run does not keep every job it ever ran (1,000 hosts x thousands of jobs). */
  compact(): void {
    if (this.head === this.actions.length) {
      // Drained (the usual case with a CPU per node): start over without reallocating.
      this.costs.length = 0
      this.actions.length = 0
      this.targets.length = 0
      this.args.length = 0
      this.enqueued.length = 0
      this.head = 0
      return
    }
    if (this.head < 1024 || this.head * 2 < this.actions.length) return
    this.costs = this.costs.slice(this.head)
    this.actions = this.actions.slice(this.head)
    this.targets = this.targets.slice(this.head)
    this.args = this.args.slice(this.head)
    this.enqueued = this.enqueued.slice(this.head)
    this.head = 0
  }
}

class Host {
  readonly queue = new Fifo()
  /** Continuations of the job that just completed (its own synchronous work): they run before anything queued. */
  readonly next = new Fifo()
  busy = false
  busyMs = 0
  running: { action: SimAction; target: unknown; arg: number } = { action: () => undefined, target: undefined, arg: 0 }

  constructor(readonly index: number) {}
}

/** Wait-time histogram: buckets of 2^(1/8) from 1 µs, so quantiles are within ~9% and the run stays deterministic. */
const WAIT_BUCKETS = 8 * 27
function waitBucket(ms: number): number {
  if (ms <= 0.001) return 0
  return Math.min(WAIT_BUCKETS - 1, 1 + Math.floor(8 * Math.log2(ms / 0.001)))
}
function bucketUpperMs(b: number): number {
  return b === 0 ? 0 : 0.001 * 2 ** (b / 8)
}

export class CpuQueues {
  private readonly hosts: Host[]
  private readonly waits = new Float64Array(WAIT_BUCKETS)
  private waitMax = 0
  private jobs = 0

  constructor(
    private readonly scheduler: Scheduler,
    hosts: number,
    /** Busy time and waits count only in [from, until): the measured epochs. */
    private readonly window: { from: number; until: number },
  ) {
    this.hosts = Array.from({ length: hosts }, (_, k) => new Host(k))
  }

  get hostCount(): number {
    return this.hosts.length
  }

  /** Queues a job behind everything already waiting on `host`; `action(target, arg)` runs when it completes. */
  enqueue(host: number, costMs: number, action: SimAction, target?: unknown, arg = 0): void {
    const h = this.hosts[host]
    h.queue.push(costMs, action, target, arg, this.scheduler.now)
    if (!h.busy) this.startNext(h)
  }

  /**
   * Queues a job ahead of every waiting job: the rest of the synchronous work of the job that just completed on
   * this host (its signing, annealing and sending), which a real event loop finishes before taking the next event.
   */
  enqueueNext(host: number, costMs: number, action: SimAction, target?: unknown, arg = 0): void {
    const h = this.hosts[host]
    h.next.push(costMs, action, target, arg, this.scheduler.now)
    if (!h.busy) this.startNext(h)
  }

  /** Whether `host` has nothing running or waiting (tests). */
  idle(host: number): boolean {
    const h = this.hosts[host]
    return !h.busy && h.queue.size === 0 && h.next.size === 0
  }

  stats(): CpuQueueStats {
    const span = Math.max(1e-9, this.window.until - this.window.from)
    const shares = this.hosts.map((h) => h.busyMs / span)
    const busyMs = this.hosts.reduce((s, h) => s + h.busyMs, 0)
    const quantile = (q: number): number => {
      const total = this.jobs
      if (total === 0) return 0
      let seen = 0
      for (let b = 0; b < WAIT_BUCKETS; b++) {
        seen += this.waits[b]
        if (seen >= q * total) return Math.min(bucketUpperMs(b), this.waitMax)
      }
      return this.waitMax
    }
    return {
      busyMs,
      utilisationMean: shares.reduce((s, x) => s + x, 0) / shares.length,
      utilisationMax: Math.max(...shares),
      waitMs: { p50: quantile(0.5), p99: quantile(0.99), max: this.waitMax },
      jobs: this.jobs,
    }
  }

  private startNext(h: Host): void {
    const fifo = h.next.size > 0 ? h.next : h.queue
    if (fifo.size === 0) return
    const i = fifo.head++
    const now = this.scheduler.now
    const cost = fifo.costs[i]
    const enqueuedAt = fifo.enqueued[i]
    h.running.action = fifo.actions[i]
    h.running.target = fifo.targets[i]
    h.running.arg = fifo.args[i]
    fifo.targets[i] = undefined
    fifo.compact()
    h.busy = true
    const { from, until } = this.window
    const overlap = Math.min(until, now + cost) - Math.max(from, now)
    if (overlap > 0) h.busyMs += overlap
    if (enqueuedAt >= from && enqueuedAt < until) {
      const wait = now - enqueuedAt
      this.waits[waitBucket(wait)]++
      if (wait > this.waitMax) this.waitMax = wait
      this.jobs++
    }
    this.scheduler.at(now + cost, this.complete, h)
  }

  private readonly complete = (h: Host): void => {
    const { action, target, arg } = h.running
    h.running.target = undefined
    // Still busy while the action runs: jobs it queues (its own continuation first) start after it, in order.
    action(target, arg)
    h.busy = false
    this.startNext(h)
  }
}
