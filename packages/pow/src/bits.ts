/** Counts the zero bits before the first set bit, most significant bit of byte 0 first (all-zero input: 8·length). */
export function leadingZeroBits(bytes: Uint8Array): number {
  let count = 0
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]
    if (byte === 0) {
      count += 8
      continue
    }
    return count + Math.clz32(byte) - 24
  }
  return count
}

/** Expected number of uniformly random hashes until one has `bits` leading zero bits: 2^bits (geometric mean). */
export function expectedHashes(bits: number): number {
  return 2 ** bits
}

/** Difficulty in leading zero bits that a SHA-256 digest can carry: an integer in [0, 256]. */
export function isValidBits(bits: unknown): bits is number {
  return typeof bits === 'number' && Number.isInteger(bits) && bits >= 0 && bits <= 256
}
