import { LIMITS } from '@thermotruth/protocol'

/**
 * JSON Schemas (draft 2020-12 subset that both Ajv and OpenAPI 3.1 read) of every request and answer of the node's
 * HTTP API. Fastify validates requests with them; the OpenAPI document (`openapi.ts`) is generated from the same
 * objects, and `test/api-schema.test.ts` checks real answers against the response schemas, so the three agree.
 */

const hex = (bytes: number, description: string) => ({ type: 'string', pattern: `^[0-9a-fA-F]{${bytes * 2}}$`, description }) as const

export const FEED_ID_PATTERN = '^[a-z0-9._:-]{1,64}$'
export const MAX_REPORT_VALUES = LIMITS.dims

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'Every 4xx and 5xx answer: one line that says what was wrong.',
  required: ['error'],
  properties: { error: { type: 'string' } },
} as const

const feedSummary = {
  type: 'object',
  required: ['feed', 'values', 'temperature', 'entropyBits', 'freeEnergy', 'nEff'],
  properties: {
    feed: { type: 'string' },
    values: { type: 'array', items: { type: 'number' }, description: 'The agreed value (one number per dimension).' },
    temperature: { type: 'number', description: 'T = (2/3)·σ² of the proposals around the consensus, in units of the robust scale.' },
    entropyBits: { type: 'number', description: 'Entropy H of the Boltzmann weights (bits).' },
    freeEnergy: { type: 'number' },
    nEff: { type: 'number', description: 'Effective number of contributors, 2^H.' },
    approximateSpread: { type: 'number', description: 'Approximate epochs only: the measured spread of the honest estimates.' },
  },
} as const

export const epochSummarySchema = {
  $id: 'EpochSummary',
  type: 'object',
  required: ['epoch', 'approximate', 'feeds', 'includedAuthors', 'reportCount', 'nextDifficulty', 'recordDigest', 'endorsements', 'committeeSize', 'latencyMs', 'finalizedAt'],
  properties: {
    epoch: { type: 'integer', minimum: 0 },
    approximate: { type: 'boolean', description: 'true: closed by approximate agreement, no certificate.' },
    feeds: { type: 'array', items: feedSummary },
    includedAuthors: { type: 'integer', minimum: 0 },
    reportCount: { type: 'integer', minimum: 0 },
    nextDifficulty: { type: 'number' },
    recordDigest: hex(32, 'Hex digest of the record (the next record links to it).'),
    endorsements: { type: 'integer', minimum: 0 },
    committeeSize: { type: 'integer', minimum: 0 },
    latencyMs: { type: 'number', minimum: 0 },
    finalizedAt: { type: 'number', description: 'Unix ms at which this node stored the epoch.' },
  },
} as const

export const engineStatusSchema = {
  type: ['object', 'null'],
  required: ['epoch', 'phase', 'committeeSize', 'difficulty', 'mempoolDepth'],
  properties: {
    epoch: { type: 'integer' },
    phase: { type: 'string' },
    committeeSize: { type: 'integer', minimum: 0 },
    lastCertifiedEpoch: { type: ['integer', 'null'] },
    difficulty: { type: 'number' },
    temperature: { type: ['number', 'null'] },
    entropyBits: { type: ['number', 'null'] },
    mempoolDepth: { type: 'integer', minimum: 0 },
  },
} as const

export const statusSchema = {
  $id: 'Status',
  type: 'object',
  required: ['network', 'peerId', 'author', 'listen', 'feeds', 'uptimeSec', 'sync', 'peers'],
  properties: {
    network: { type: 'string' },
    peerId: { type: 'string' },
    author: hex(32, "The node's Ed25519 public key (its author id)."),
    listen: { type: 'array', items: { type: 'string' } },
    feeds: { type: 'array', items: { type: 'string' } },
    uptimeSec: { type: 'integer', minimum: 0 },
    sync: {
      type: 'object',
      required: ['state', 'fetched'],
      properties: { state: { enum: ['starting', 'syncing', 'synced'] }, fetched: { type: 'integer', minimum: 0 }, target: { type: 'integer' } },
    },
    peers: { type: 'object', required: ['connected', 'ticketed'], properties: { connected: { type: 'integer' }, ticketed: { type: 'integer' } } },
    latestEpoch: { type: ['integer', 'null'], description: 'Newest finalized epoch in the store (absent before the first).' },
    engine: engineStatusSchema,
  },
} as const

export const healthSchema = {
  $id: 'Health',
  type: 'object',
  required: ['status', 'sync', 'latestEpoch', 'epoch', 'epochsBehind'],
  properties: {
    status: { enum: ['ok', 'starting', 'syncing', 'stalled'], description: 'ok (200): synced and finalizing; anything else answers 503.' },
    sync: { enum: ['starting', 'syncing', 'synced'] },
    latestEpoch: { type: ['integer', 'null'] },
    epoch: { type: ['integer', 'null'], description: "The engine's current epoch." },
    epochsBehind: { type: ['integer', 'null'], description: 'Current epoch minus the newest finalized one.' },
  },
} as const

export const certificateSchema = {
  $id: 'Certificate',
  type: 'object',
  required: ['epoch', 'encoding', 'certificate'],
  properties: {
    epoch: { type: 'integer', minimum: 0 },
    encoding: { const: 'protobuf' },
    certificate: { type: 'string', pattern: '^([0-9a-f]{2})*$', description: 'Hex of the protobuf FinalityCertificate (the bytes `Accept: application/octet-stream` returns).' },
  },
} as const

const { feed: _feedId, ...feedPointProperties } = feedSummary.properties

export const feedHistorySchema = {
  $id: 'FeedHistory',
  type: 'object',
  required: ['feed', 'points'],
  properties: {
    feed: { type: 'string' },
    points: {
      type: 'array',
      description: 'Newest first.',
      items: {
        type: 'object',
        required: ['epoch', 'approximate', 'values', 'temperature', 'entropyBits', 'freeEnergy', 'nEff'],
        properties: { epoch: { type: 'integer' }, approximate: { type: 'boolean' }, ...feedPointProperties },
      },
    },
  },
} as const

export const reportBodySchema = {
  $id: 'ReportBody',
  type: 'object',
  description:
    'A signed client report. The signature is Ed25519 over the canonical report message (docs/API.md, "Signing a report"). `value` is shorthand for a one-element `values`.',
  required: ['feed', 'clientKey', 'sequence', 'signature'],
  properties: {
    feed: { type: 'string', pattern: FEED_ID_PATTERN },
    values: { type: 'array', minItems: 1, maxItems: MAX_REPORT_VALUES, items: { type: 'number' }, description: 'As many numbers as the feed has dimensions.' },
    value: { type: 'number' },
    clientKey: hex(32, "The client's raw Ed25519 public key."),
    sequence: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Strictly increasing per client key (replay protection).' },
    signature: hex(64, 'Ed25519 signature of the report message.'),
  },
  oneOf: [{ required: ['values'] }, { required: ['value'] }],
} as const

export const reportAcceptedSchema = {
  $id: 'ReportAccepted',
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Report id: poll GET /v1/reports/{id}.' } },
} as const

export const reportStateSchema = {
  $id: 'ReportState',
  type: 'object',
  required: ['id', 'status', 'feed', 'submittedAt'],
  properties: {
    id: { type: 'string' },
    status: { enum: ['pending', 'finalized', 'rejected'] },
    feed: { type: 'string' },
    submittedAt: { type: 'number' },
    epoch: { type: 'integer', description: 'finalized: the epoch whose record counted the report.' },
    reason: { type: 'string', description: 'rejected: why.' },
  },
} as const

export const epochParam = {
  type: 'object',
  required: ['epoch'],
  properties: { epoch: { type: 'string', pattern: '^(latest|[0-9]{1,16})$', description: "An epoch number, or 'latest'." } },
} as const

export const feedParam = { type: 'object', required: ['feed'], properties: { feed: { type: 'string', description: 'A feed id the node serves (GET /v1/status lists them).' } } } as const

export const feedQuery = {
  type: 'object',
  properties: { limit: { type: 'string', pattern: '^[0-9]{1,4}$', description: 'Points to return, 1..1000 (default 50).' } },
} as const

export const reportIdParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' } } } as const

export const eventsQuery = {
  type: 'object',
  properties: {
    lastEventId: { type: 'string', pattern: '^[0-9]{1,16}$', description: 'Same as the Last-Event-ID header, for clients that cannot set headers.' },
  },
} as const

/** Schemas referenced by `$ref` from the routes (registered with fastify.addSchema and listed in the OpenAPI components). */
export const sharedSchemas = [errorSchema, epochSummarySchema, statusSchema, healthSchema, certificateSchema, feedHistorySchema, reportBodySchema, reportAcceptedSchema, reportStateSchema]
