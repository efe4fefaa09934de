import type { GenesisTimeRule } from './types.js'

const DAY_MS = 86_400_000

/** Resolves a genesis time rule to unix ms at `now` (`utc-midnight` = start of the current UTC day). */
export function resolveGenesisTime(rule: GenesisTimeRule, now: number): number {
  if (rule === 'utc-midnight') return Math.floor(now / DAY_MS) * DAY_MS
  return rule
}
