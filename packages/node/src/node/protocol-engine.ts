import * as protocol from '@thermotruth/protocol'
import type { DrivenEngine, EngineFactory } from './engine-types.js'

/**
 * The protocol package's `createEngine`, looked up at run time so this package builds while the engine is being
 * written in parallel; undefined until it exists.
 */
export function protocolEngineFactory(): EngineFactory | undefined {
  const create = (protocol as unknown as Record<string, unknown>).createEngine
  if (typeof create !== 'function') return undefined
  return (deps) => create(deps) as DrivenEngine
}
