/**
 * Conditions that hold for many epochs in a row ("view holds proposals from 1 committee member, 2 needed") are
 * logged when they start or change, and once when they clear, instead of once per epoch: a node stuck for an hour
 * at 2-second epochs would otherwise write 1,800 identical warnings and bury everything else.
 */
export type ConditionLogLine = (line: string) => void

export class ConditionLog {
  /** The last state logged per condition key (absent: the condition is not active). */
  private readonly active = new Map<string, string>()

  constructor(private readonly log: ConditionLogLine) {}

  /** The condition `key` holds in `state`: logs `line` if it was not active, or was active in another state. */
  report(key: string, state: string, line: string): boolean {
    if (this.active.get(key) === state) return false
    this.active.set(key, state)
    this.log(line)
    return true
  }

  /** The condition `key` no longer holds: logs `line` once if it was active. */
  clear(key: string, line: string): boolean {
    if (!this.active.has(key)) return false
    this.active.delete(key)
    this.log(line)
    return true
  }

  isActive(key: string): boolean {
    return this.active.has(key)
  }
}
