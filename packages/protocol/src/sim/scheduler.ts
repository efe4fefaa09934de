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
    const seq = this.seq++
    const { times, seqs, actions, targets, args } = this
    // Sift a hole up from the end, moving parents down, then fill it once (fewer writes than swapping).
    let i = actions.length
    times.push(time)
    seqs.push(seq)
    actions.push(action)
    targets.push(target)
    args.push(arg)
    while (i > 0) {
      const parent = (i - 1) >> 1
      const tp = times[parent]
      if (tp < time || (tp === time && seqs[parent] < seq)) break
      this.move(parent, i)
      i = parent
    }
    times[i] = time
    seqs[i] = seq
    actions[i] = action
    targets[i] = target
    args[i] = arg
  }

  after(delayMs: number, action: SimAction, target?: unknown, arg = 0): void {
    this.at(this.clock + Math.max(0, delayMs), action, target, arg)
  }

  /** Runs events in order until the queue is empty or the next event is later than `until`. */
  runUntil(until: number): void {
    const { times, actions, targets, args } = this
    while (actions.length > 0 && times[0] <= until) {
      const time = times[0]
      const action = actions[0]
      const target = targets[0]
      const arg = args[0]
      this.removeTop()
      this.clock = time
      this.executed++
      action(target, arg)
    }
    this.clock = Math.max(this.clock, until)
  }

  private removeTop(): void {
    const { times, seqs, actions, targets, args } = this
    const time = times.pop()!
    const seq = seqs.pop()!
    const action = actions.pop()!
    const target = targets.pop()
    const arg = args.pop()!
    const n = actions.length
    if (n === 0) return
    // Sift the last entry down from the root's hole.
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      let c = l
      if (r < n && (times[r] < times[l] || (times[r] === times[l] && seqs[r] < seqs[l]))) c = r
      const tc = times[c]
      if (time < tc || (time === tc && seq < seqs[c])) break
      this.move(c, i)
      i = c
    }
    times[i] = time
    seqs[i] = seq
    actions[i] = action
    targets[i] = target
    args[i] = arg
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]
    this.seqs[to] = this.seqs[from]
    this.actions[to] = this.actions[from]
    this.targets[to] = this.targets[from]
    this.args[to] = this.args[from]
  }
}
