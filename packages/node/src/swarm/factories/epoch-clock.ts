/**
 * Drives a baseline node through the measured epochs on the shared wall clock: calls `onStart(e)` at each epoch's
 * start and `onDeadline(e)` when the epoch is given up. All timers are cancelled by `stop()`.
 */
import type { EpochSchedule } from '../types.js'

/** An epoch not finalized within this many periods (capped) is reported as failed. */
const DEADLINE_PERIODS = 3
const MAX_DEADLINE_MS = 60_000

export class EpochClock {
  private readonly timers = new Set<NodeJS.Timeout>()
  private schedule: EpochSchedule | undefined

  start(schedule: EpochSchedule, onStart: (epoch: number) => void, onDeadline: (epoch: number) => void): void {
    this.schedule = schedule
    for (let e = schedule.firstEpoch - (schedule.warmupEpochs ?? 0); e <= schedule.lastEpoch + (schedule.cooldownEpochs ?? 0); e++) {
      if (e < 0) continue
      this.at(this.epochStart(e), () => onStart(e))
      this.at(this.epochStart(e) + Math.min(DEADLINE_PERIODS * schedule.epochPeriodMs, MAX_DEADLINE_MS), () => onDeadline(e))
    }
  }

  /** Wall-clock start of epoch e (ms); undefined before `start`. */
  epochStart(epoch: number): number {
    if (this.schedule === undefined) return Number.NaN
    return this.schedule.genesisTime + epoch * this.schedule.epochPeriodMs
  }

  /**
   * Whether the epoch is one this node runs (messages for other epochs are ignored): the measured epochs plus the
   * schedule's warm-up and cool-down. Before the schedule arrives every epoch counts: on a starved host the
   * launcher's 'run' can be handled after peers' first messages, which must not be dropped.
   */
  inWindow(epoch: number): boolean {
    const s = this.schedule
    return s === undefined || (epoch >= s.firstEpoch - (s.warmupEpochs ?? 0) && epoch <= s.lastEpoch + (s.cooldownEpochs ?? 0))
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private at(when: number, fn: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer)
        fn()
      },
      Math.max(0, when - Date.now()),
    )
    this.timers.add(timer)
  }
}
