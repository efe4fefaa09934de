import {
  decodeFinalityCertificate,
  decodeProtocolRequest,
  decodeProtocolResponse,
  encodeProtocolRequest,
  encodeProtocolResponse,
  type FinalityCertificate,
  LIMITS,
  type ProtocolRequest,
} from '@thermotruth/protocol'
import type { NodeStore } from '../store/node-store.js'

/** One request/response protocol for both anneal-exchange fetches (served by the engine) and history sync. */
export const SYNC_PROTOCOL = '/thermotruth/sync/1.0.0'
/** Persistent streams for the linear epoch's direct frames (observations, batches, endorsements, certificates). */
export const DIRECT_PROTOCOL = '/thermotruth/direct/1.0.0'
export const MAX_REQUEST_BYTES: number = LIMITS.bytes.request
export const MAX_RESPONSE_BYTES: number = LIMITS.bytes.response
/** Certificates per sync response; the byte budget below binds first for large committees. */
const MAX_CERTIFICATES = 64
const RESPONSE_BUDGET = MAX_RESPONSE_BYTES - 64 * 1024

/**
 * Serves `get-certificates` from the store (history older than the engine keeps); every other request goes to the
 * engine. A malformed request gets an error response, never an exception.
 */
export async function serveSyncRequest(
  bytes: Uint8Array,
  store: NodeStore,
  engineHandle: (bytes: Uint8Array) => Uint8Array,
): Promise<Uint8Array> {
  let request: ProtocolRequest
  try {
    request = decodeProtocolRequest(bytes)
  } catch (error) {
    return encodeProtocolResponse({ kind: 'error', reason: `bad request: ${(error as Error).message}`.slice(0, LIMITS.errorBytes) })
  }
  if (request.kind !== 'get-certificates') return engineHandle(bytes)
  const stored = await store.epochsFrom(request.fromEpoch, Math.min(Math.max(1, request.limit), MAX_CERTIFICATES) * 2)
  const certificates: FinalityCertificate[] = []
  let size = 0
  for (const entry of stored) {
    if (entry.summary.approximate) continue
    if (certificates.length >= Math.min(request.limit, MAX_CERTIFICATES) || size + entry.bytes.length > RESPONSE_BUDGET) break
    certificates.push(decodeFinalityCertificate(entry.bytes))
    size += entry.bytes.length
  }
  return encodeProtocolResponse({ kind: 'certificates', certificates })
}

export function certificatesRequest(fromEpoch: number, limit: number): Uint8Array {
  return encodeProtocolRequest({ kind: 'get-certificates', fromEpoch, limit })
}

/** Decodes a sync response to its certificates; an error response or garbage is the peer's reason string. */
export function certificatesFromResponse(bytes: Uint8Array): FinalityCertificate[] | string {
  try {
    const response = decodeProtocolResponse(bytes)
    if (response.kind === 'certificates') return response.certificates
    return response.kind === 'error' ? `peer error: ${response.reason}` : `unexpected response '${response.kind}'`
  } catch (error) {
    return `malformed response: ${(error as Error).message}`
  }
}
