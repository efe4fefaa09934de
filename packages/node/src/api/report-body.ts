import type { ClientReport } from '@thermotruth/protocol'
import { HttpError } from './http-util.js'
import { FEED_ID_PATTERN, MAX_REPORT_VALUES as MAX_VALUES } from './schemas.js'

const FEED = new RegExp(FEED_ID_PATTERN)

function hexBytes(value: unknown, field: string, bytes: number): Uint8Array {
  if (typeof value !== 'string' || value.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(value)) {
    throw new HttpError(400, `${field}: expected ${bytes * 2} hex characters`)
  }
  return Uint8Array.from(Buffer.from(value, 'hex'))
}

/**
 * POST /v1/reports body → ClientReport:
 * `{ feed, values: number[] (or value: number), clientKey: hex32, sequence: uint, signature: hex64 }`.
 * Shape only; the engine checks the signature, the feed's existence and replay.
 */
export function parseReportBody(json: unknown): ClientReport {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new HttpError(400, 'expected a JSON object')
  const body = json as Record<string, unknown>
  if (typeof body.feed !== 'string' || !FEED.test(body.feed)) throw new HttpError(400, 'feed: expected a feed id like eth-usd')
  const raw = body.values ?? (body.value === undefined ? undefined : [body.value])
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_VALUES) throw new HttpError(400, `values: expected 1..${MAX_VALUES} numbers (or value)`)
  if (!raw.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new HttpError(400, 'values: every value must be a finite number')
  const sequence = body.sequence
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) throw new HttpError(400, 'sequence: expected a non-negative integer')
  return {
    feed: body.feed,
    values: Float64Array.from(raw as number[]),
    clientKey: hexBytes(body.clientKey, 'clientKey', 32),
    sequence,
    signature: hexBytes(body.signature, 'signature', 64),
  }
}
