/**
 * Runs a fuzz target for a fixed number of cases. Inputs come from fast-check in seeded chunks (so a run is
 * reproducible from its seed and the case index); async targets run several cases at once. A case fails when its
 * `run` throws or rejects (a property violation), and so does any uncaught exception or unhandled rejection raised
 * while the target runs: the process-wide hooks catch what a parser leaks outside its own promise.
 */
import fc from 'fast-check'

export interface FuzzTarget<T = unknown> {
  name: string
  input: fc.Arbitrary<T>
  /** One case: resolves to an outcome label for the summary; throws on a property violation. */
  run(input: T): string | Promise<string>
  /** Cases in flight at once (socket and stream targets); 1 runs them one after another. */
  concurrency?: number
  /** Releases what the target holds (timers, servers); the caller calls it once the target has run. */
  close?(): Promise<void>
}

export interface FuzzFailure {
  caseIndex: number
  input: string
  error: string
}

export interface TargetSummary {
  name: string
  cases: number
  failures: number
  /** How the cases ended, by outcome label (e.g. accepted, 400, malformed). */
  outcomes: Record<string, number>
  firstFailures: FuzzFailure[]
  elapsedMs: number
}

export interface RunOptions {
  cases: number
  seed: number
  /** Called after every `progressEvery` cases. */
  onProgress?: (done: number, summary: TargetSummary) => void
  progressEvery?: number
}

const CHUNK = 500
const KEPT_FAILURES = 3

export function describeInput(input: unknown): string {
  const text =
    input instanceof Uint8Array
      ? `hex:${Buffer.from(input).toString('hex')}`
      : JSON.stringify(input, (_k, v: unknown) => (v instanceof Uint8Array ? `hex:${Buffer.from(v).toString('hex')}` : v))
  return text.length > 600 ? `${text.slice(0, 600)}... (${text.length} chars)` : text
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

export async function runTarget<T>(target: FuzzTarget<T>, opts: RunOptions): Promise<TargetSummary> {
  const started = performance.now()
  const summary: TargetSummary = { name: target.name, cases: 0, failures: 0, outcomes: {}, firstFailures: [], elapsedMs: 0 }
  const fail = (caseIndex: number, input: string, error: unknown): void => {
    summary.failures++
    if (summary.firstFailures.length < KEPT_FAILURES) summary.firstFailures.push({ caseIndex, input, error: errorText(error) })
  }
  const leaked = (error: unknown): void => fail(summary.cases, '(uncaught, outside any case)', error)
  process.on('uncaughtException', leaked)
  process.on('unhandledRejection', leaked)
  const every = opts.progressEvery ?? Math.max(1, Math.ceil(opts.cases / 10))
  try {
    for (let from = 0; from < opts.cases; from += CHUNK) {
      const inputs = fc.sample(target.input, { numRuns: Math.min(CHUNK, opts.cases - from), seed: opts.seed + from })
      let next = 0
      const worker = async (): Promise<void> => {
        while (next < inputs.length) {
          const index = next++
          const input = inputs[index]
          try {
            const outcome = await target.run(input)
            summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1
          } catch (error) {
            fail(from + index, describeInput(input), error)
          }
          summary.cases++
          if (summary.cases % every === 0) opts.onProgress?.(summary.cases, summary)
        }
      }
      await Promise.all(Array.from({ length: target.concurrency ?? 1 }, worker))
    }
  } finally {
    process.off('uncaughtException', leaked)
    process.off('unhandledRejection', leaked)
    summary.elapsedMs = Math.round(performance.now() - started)
  }
  return summary
}
