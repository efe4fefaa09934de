import { createCmdSource } from './cmd.js'
import { createHttpSource } from './http.js'
import { createSimGaussSource } from './sim-gauss.js'
import { parseSourceSpec } from './spec.js'
import type { ObservationSource, SourceOptions } from './types.js'

/** Builds a feed's observation source from its spec (already validated by the config loader). */
export function createObservationSource(feed: string, spec: string, opts: SourceOptions): ObservationSource {
  const parsed = parseSourceSpec(spec)
  switch (parsed.kind) {
    case 'sim-gauss':
      return createSimGaussSource(feed, spec, parsed.mean, parsed.sigma, opts.seed)
    case 'cmd':
      return createCmdSource(feed, spec, parsed.command, opts.timeoutMs)
    case 'http':
      return createHttpSource(feed, spec, parsed.url, parsed.path, opts.timeoutMs)
    case 'reports':
      return { feed, spec, observe: async () => ({ kind: 'none' }) }
  }
}
