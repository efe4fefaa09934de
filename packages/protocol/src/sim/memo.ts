import type { EngineMemo } from '../engine/types.js'

/**
 * The simulator's shared memo. Byte-keyed entries are keyed by the bytes' place in memory: (ArrayBuffer, offset,
 * length), held weakly by the buffer, so they vanish with the message. Identity of place stands for identity of
 * content because the simulator never writes into a buffer it has handed out (encoders allocate fresh ones), and
 * it is what lets decoded views share entries: the proposals inside one batch, decoded by each of n receivers
 * into n different view objects, are the same (buffer, offset, length). String-keyed entries are bounded and
 * cleared wholesale when full (deterministic).
 */
/** offset * PACKED_LENGTHS + length stays an exact integer (below 2^53) for offsets below 2^29. */
const PACKED_LENGTHS = 2 ** 24
const PACKED_OFFSETS = 2 ** 29

export function createSimMemo(maxKeyed = 4096): EngineMemo & { stats(): { hits: number; misses: number } } {
  // Per buffer, per namespace, by (offset, length) packed into one exact number (a string key per lookup, built
  // and hashed on every one of millions of receptions, was most of the lookup's cost); places beyond the packable
  // range fall back to a string key. In front of it, the same entries by view object: a gossip flood hands every
  // receiver the one array, so most lookups are settled by it (a new view of a known place still finds the place's
  // entry, and then the view remembers it).
  const byBuffer = new WeakMap<ArrayBufferLike, Map<string, Map<number | string, unknown>>>()
  const byView = new WeakMap<Uint8Array, Map<string, unknown>>()
  const byKey = new Map<string, unknown>()
  let hits = 0
  let misses = 0
  return {
    byBytes<T>(namespace: string, bytes: Uint8Array, compute: () => T): T {
      let views = byView.get(bytes)
      if (views === undefined) {
        views = new Map()
        byView.set(bytes, views)
      } else {
        const seen = views.get(namespace)
        if (seen !== undefined || views.has(namespace)) {
          hits++
          return seen as T
        }
      }
      let slot = byBuffer.get(bytes.buffer)
      if (!slot) {
        slot = new Map()
        byBuffer.set(bytes.buffer, slot)
      }
      let entries = slot.get(namespace)
      if (!entries) {
        entries = new Map()
        slot.set(namespace, entries)
      }
      const { byteOffset, length } = bytes
      const key = byteOffset < PACKED_OFFSETS && length < PACKED_LENGTHS ? byteOffset * PACKED_LENGTHS + length : `${byteOffset}:${length}`
      if (entries.has(key)) {
        hits++
        const value = entries.get(key) as T
        views.set(namespace, value)
        return value
      }
      misses++
      const value = compute()
      entries.set(key, value)
      views.set(namespace, value)
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
