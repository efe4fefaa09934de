/**
 * The discrete-event core: a binary min-heap of timed actions, ordered by (time, insertion sequence) so equal
 * times run in a fixed order and a run is a pure function of its seed. Simulated time is in milliseconds.
 *
 * An action may take a target object and a number (`at(t, action, target, arg)` calls `action(target, arg)`), so
 * the hot paths (one event per message arrival and per CPU job) schedule a shared function instead of allocating a
 * closure per event.
 */
// biome-ignore lint/suspicious/noExplicitAny: each call site pairs an action with the target type it expects.
export type SimAction = (target: any, arg: number) => void

export class Scheduler {
  private times: number[] = []
  private seqs: number[] = []
  private actions: SimAction[] = []
  private targets: unknown[] = []
  private args: number[] = []
  private seq = 0
  private clock = 0
  private executed = 0

  get now(): number {
    return this.clock
  }

  get pending(): number {
    return this.actions.length
  }

  get eventsRun(): number {
    return this.executed
  }

  /** Runs `action` at absolute time `at` (never before the current time). */
  at(at: number, action: SimAction, target?: unknown, arg = 0): void {
    const time = Math.max(at, this.clock)
    let i = this.actions.length
    this.times.push(time)
    this.seqs.push(this.seq++)
    this.actions.push(action)
    this.targets.push(target)
    this.args.push(arg)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }

  after(delayMs: number, action: SimAction, target?: unknown, arg = 0): void {
    this.at(this.clock + Math.max(0, delayMs), action, target, arg)
  }

  /** Runs events in order until the queue is empty or the next event is later than `until`. */
  runUntil(until: number): void {
    while (this.actions.length > 0 && this.times[0] <= until) {
      const time = this.times[0]
      const target = this.targets[0]
      const arg = this.args[0]
      const action = this.pop()
      this.clock = time
      this.executed++
      action(target, arg)
    }
    this.clock = Math.max(this.clock, until)
  }

  private pop(): SimAction {
    const top = this.actions[0]
    const last = this.actions.length - 1
    this.swap(0, last)
    this.times.pop()
    this.seqs.pop()
    this.actions.pop()
    this.targets.pop()
    this.args.pop()
    let i = 0
    const n = this.actions.length
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let smallest = i
      if (l < n && this.less(l, smallest)) smallest = l
      if (r < n && this.less(r, smallest)) smallest = r
      if (smallest === i) break
      this.swap(i, smallest)
      i = smallest
    }
    return top
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a]
    const tb = this.times[b]
    return ta < tb || (ta === tb && this.seqs[a] < this.seqs[b])
  }

  private swap(a: number, b: number): void {
    const t = this.times[a]
    this.times[a] = this.times[b]
    this.times[b] = t
    const s = this.seqs[a]
    this.seqs[a] = this.seqs[b]
    this.seqs[b] = s
    const x = this.actions[a]
    this.actions[a] = this.actions[b]
    this.actions[b] = x
    const y = this.targets[a]
    this.targets[a] = this.targets[b]
    this.targets[b] = y
    const z = this.args[a]
    this.args[a] = this.args[b]
    this.args[b] = z
  }
}
