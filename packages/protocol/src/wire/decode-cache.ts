/**
 * A bounded memo of decoded messages by content id, shared by every simulated node in the simulator so each
 * distinct proposal is parsed once per run. Decoding is a pure function of the bytes, so sharing is safe as long
 * as nobody mutates the cached objects (treat decoded messages as immutable). Cleared wholesale when full.
 */
export interface DecodeCache<T> {
  get(id: string): T | undefined
  set(id: string, value: T): void
  stats(): { hits: number; misses: number; size: number }
}

export function createDecodeCache<T>(maxEntries = 1 << 16): DecodeCache<T> {
  const entries = new Map<string, T>()
  let hits = 0
  let misses = 0
  return {
    get(id) {
      const v = entries.get(id)
      if (v === undefined) misses++
      else hits++
      return v
    },
    set(id, value) {
      if (entries.size >= maxEntries) entries.clear()
      entries.set(id, value)
    },
    stats: () => ({ hits, misses, size: entries.size }),
  }
}
