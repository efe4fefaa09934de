/** Field checks shared by every message codec; each throws a `WireError` naming the field. */
import { malformed, oversize } from './errors.js'
import { LIMITS, NAME_PATTERN } from './limits.js'

const NETWORK_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/

export function checkLength(bytes: Uint8Array | undefined, length: number, what: string): void {
  if (bytes === undefined || bytes.length !== length) {
    throw malformed(`${what}: expected ${length} bytes, got ${bytes?.length ?? 'none'}`)
  }
}

export const checkKey = (b: Uint8Array | undefined, what: string) => checkLength(b, LIMITS.keyBytes, what)
export const checkDigest = (b: Uint8Array | undefined, what: string) => checkLength(b, LIMITS.digestBytes, what)
export const checkSignature = (b: Uint8Array | undefined, what: string) => checkLength(b, LIMITS.signatureBytes, what)
export const checkNonce = (b: Uint8Array | undefined, what: string) => checkLength(b, LIMITS.nonceBytes, what)

export function checkFeedId(feed: string, what: string): void {
  if (typeof feed !== 'string' || !NAME_PATTERN.test(feed)) throw malformed(`${what}: bad feed id`)
}

export function checkNetworkId(networkId: string, what: string): void {
  if (typeof networkId !== 'string' || !NETWORK_PATTERN.test(networkId)) throw malformed(`${what}: bad network id`)
}

/** Epochs, sequences: non-negative safe integers. */
export function checkCounter(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw malformed(`${what}: not a non-negative safe integer`)
}

export function checkFinite(value: number | undefined, what: string): void {
  if (value !== undefined && !Number.isFinite(value)) throw malformed(`${what}: non-finite`)
}

export function checkBits(bits: number, what: string): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > LIMITS.powBits) throw malformed(`${what}: bits out of range`)
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0
}

/** Author lists are canonical: 32-byte keys, strictly increasing (so also free of duplicates). */
export function checkSortedKeys(keys: Uint8Array[], what: string): void {
  if (keys.length > LIMITS.committee) throw oversize(`${what}: more than ${LIMITS.committee} keys`)
  for (let i = 0; i < keys.length; i++) {
    checkKey(keys[i], `${what}[${i}]`)
    if (i > 0 && compareBytes(keys[i - 1], keys[i]) >= 0) throw malformed(`${what}: not strictly sorted`)
  }
}

export function checkUniqueFeeds(feeds: Array<{ feed: string }>, what: string): void {
  if (feeds.length > LIMITS.feeds) throw oversize(`${what}: more than ${LIMITS.feeds} feeds`)
  const seen = new Set<string>()
  for (const { feed } of feeds) {
    if (seen.has(feed)) throw malformed(`${what}: duplicate feed ${feed}`)
    seen.add(feed)
  }
}

export function checkCount(count: number, max: number, what: string): void {
  if (count > max) throw oversize(`${what}: ${count} > ${max}`)
}
