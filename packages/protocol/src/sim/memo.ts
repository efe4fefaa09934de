import type { EngineMemo } from '../engine/types.js'

/**
 * The simulator's shared memo. Byte-keyed entries hang off the array object itself (a WeakMap), so they vanish
 * with the message; string-keyed entries are bounded and cleared wholesale when full (deterministic).
 */
export function createSimMemo(maxKeyed = 4096): EngineMemo & { stats(): { hits: number; misses: number } } {
  const byBytes = new WeakMap<Uint8Array, Map<string, unknown>>()
  const byKey = new Map<string, unknown>()
  let hits = 0
  let misses = 0
  return {
    byBytes<T>(namespace: string, bytes: Uint8Array, compute: () => T): T {
      let slot = byBytes.get(bytes)
      if (!slot) {
        slot = new Map()
        byBytes.set(bytes, slot)
      }
      if (slot.has(namespace)) {
        hits++
        return slot.get(namespace) as T
      }
      misses++
      const value = compute()
      slot.set(namespace, value)
      return value
    },
    byKey<T>(namespace: string, key: string, compute: () => T): T {
      const full = `${namespace}|${key}`
      if (byKey.has(full)) {
        hits++
        return byKey.get(full) as T
      }
      misses++
      const value = compute()
      if (byKey.size >= maxKeyed) byKey.clear()
      byKey.set(full, value)
      return value
    },
    stats: () => ({ hits, misses }),
  }
}
