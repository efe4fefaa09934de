/** One feed's own observation for an epoch: values, nothing (reports-only feeds), or a failure to log. */
export type ObservationResult = { kind: 'values'; values: Float64Array } | { kind: 'none' } | { kind: 'error'; reason: string }

export interface ObservationSource {
  readonly feed: string
  readonly spec: string
  observe(epoch: number): Promise<ObservationResult>
}

export interface SourceOptions {
  /** Per-observation timeout for cmd and http sources. */
  timeoutMs: number
  /** Seed material for simulated sources (e.g. genesis seed ‖ node key), so each node draws its own stream. */
  seed: Uint8Array
}
