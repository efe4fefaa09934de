/**
 * Float64 vectors on the wire: little-endian IEEE-754, 8 bytes per value, in a `bytes` field. Explicit byte order
 * (DataView) keeps the encoding identical on every platform; only finite values are representable.
 */
import { LIMITS } from './limits.js'
import { malformed } from './errors.js'

export function valuesToBytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 8)
  const view = new DataView(out.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true)
  return out
}

export function bytesToValues(bytes: Uint8Array): Float64Array {
  const out = new Float64Array(bytes.length / 8)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true)
  return out
}

/** A feed vector is 1..LIMITS.dims finite float64 values. */
export function checkValueBytes(bytes: Uint8Array, what: string): void {
  if (bytes.length === 0 || bytes.length % 8 !== 0) throw malformed(`${what}: vector byte length ${bytes.length}`)
  if (bytes.length > LIMITS.dims * 8) throw malformed(`${what}: more than ${LIMITS.dims} dimensions`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < bytes.length; i += 8) {
    if (!Number.isFinite(view.getFloat64(i, true))) throw malformed(`${what}: non-finite value`)
  }
}
