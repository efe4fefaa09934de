/** Small byte helpers shared by tickets and stamps. */
export const NONCE_BYTES = 8

export function isBytesOfLength(value: unknown, length: number): value is Uint8Array {
  return value instanceof Uint8Array && value.length === length
}

/** Writes a nonce counter (a safe integer < 2^53) as 8 big-endian bytes. */
export function nonceFromCounter(counter: number): Uint8Array {
  const nonce = new Uint8Array(NONCE_BYTES)
  const view = new DataView(nonce.buffer)
  view.setUint32(0, Math.floor(counter / 2 ** 32))
  view.setUint32(4, counter >>> 0)
  return nonce
}

/** Byte equality (not constant-time: every compared value here is public). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
