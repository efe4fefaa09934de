/** Fixed-width keys so LevelDB's lexicographic order is numeric epoch order. */
const EPOCH_DIGITS = 16

export function epochKey(epoch: number): string {
  return epoch.toString().padStart(EPOCH_DIGITS, '0')
}

export function epochFromKey(key: string): number {
  return Number.parseInt(key, 10)
}
