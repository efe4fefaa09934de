/** The shape of every benchmark's JSON output (what docs/BENCHMARKS.md is generated from). */
import type { ProfileSummary } from './cpu-profile.js'
import type { MachineDescription } from './machine.js'

export const BENCH_NAMES = ['scaling', 'throughput', 'bandwidth', 'byzantine', 'ablation'] as const
export type BenchName = (typeof BENCH_NAMES)[number]

/** A paper claim or project target beside the value we measured. */
export interface ClaimCheck {
  claim: string
  source: 'paper' | 'target'
  expected: string
  measured: string
  /** true = holds, false = does not hold, null = not measured (see `note`). */
  holds: boolean | null
  note?: string
}

export interface BenchReport {
  bench: BenchName
  /** The exact command line that produced this report. */
  command: string
  date: string
  machine: MachineDescription
  quick: boolean
  durationMs: number
  /** One object per measured configuration (flat, JSON-safe). */
  rows: Array<Record<string, unknown>>
  claims: ClaimCheck[]
  /** What was not measured and why, where the time goes, caveats. */
  notes: string[]
  /** Relative path of the SVG chart(s) written beside the JSON. */
  charts: string[]
  /** Present when the bench could not run (a prerequisite is missing): reported as pending, never invented. */
  pending?: string
  /** Where the time goes: a CPU profile summary of one representative run. */
  profile?: ProfileSummary & { run: string }
}

export interface BenchContext {
  quick: boolean
  /** `bench scaling --sizes`: the n to run instead of the default list. */
  sizes?: number[]
  outDir: string
  command: string
  /** Progress lines (stderr). */
  log: (line: string) => void
  /** First TCP port the bench's swarms may use. */
  basePort: number
}
