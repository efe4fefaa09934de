import { parseJsonPath } from './spec.js'
import type { ObservationResult, ObservationSource } from './types.js'
import { toObservationValues } from './values.js'

const MAX_BODY = 1024 * 1024

/** GETs a JSON URL per epoch and reads the value at a path. Failure or timeout = no observation this epoch. */
export function createHttpSource(feed: string, spec: string, url: string, path: string, timeoutMs: number): ObservationSource {
  const steps = parseJsonPath(path)
  return {
    feed,
    spec,
    async observe(): Promise<ObservationResult> {
      let body: unknown
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' })
        if (!response.ok) return { kind: 'error', reason: `GET ${url} answered ${response.status}` }
        const text = await response.text()
        if (text.length > MAX_BODY) return { kind: 'error', reason: `GET ${url} body exceeds ${MAX_BODY} bytes` }
        body = JSON.parse(text)
      } catch (error) {
        const name = (error as Error).name
        const why = name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (error as Error).message
        return { kind: 'error', reason: `GET ${url} failed: ${why}` }
      }
      let value = body
      for (const step of steps) {
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) {
          return { kind: 'error', reason: `GET ${url}: no value at '${path}'` }
        }
        value = (value as Record<string | number, unknown>)[step]
      }
      const values = toObservationValues(value)
      return typeof values === 'string' ? { kind: 'error', reason: `GET ${url}: '${path}' ${values}` } : { kind: 'values', values }
    },
  }
}
