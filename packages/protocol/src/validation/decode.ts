import type { Verdict } from '../shared/types.js'
import { WireError } from '../wire/errors.js'
import { reject } from './verdict.js'

/** Runs a wire decoder (or an encoder used as a checker); a WireError becomes a reject verdict with the same reason ('malformed' | 'oversize'). */
export function decodeOrVerdict<I, T>(bytes: I, decode: (b: I) => T): { value: T } | { verdict: Verdict } {
  try {
    return { value: decode(bytes) }
  } catch (err) {
    if (err instanceof WireError) return { verdict: reject(err.reason, err.message) }
    return { verdict: reject('malformed', String(err)) }
  }
}
