import type { RouteDef } from './routes.js'
import { sharedSchemas } from './schemas.js'

const TAGS: Record<string, string> = {
  node: 'The node itself',
  epochs: 'Finalized epochs and their certificates',
  feeds: 'Agreed feed values',
  reports: 'Client reports (signed inputs)',
  events: 'Live Server-Sent Events',
  ops: 'Probes, metrics and this document',
}

/** `Error#` (fastify's shared-schema ref) → `#/components/schemas/Error`; `$id` dropped (OpenAPI names components by key). */
function toOpenApi(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApi)
  if (schema === null || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id' || value === undefined) continue
    if (key === '$ref' && typeof value === 'string' && value.endsWith('#')) out.$ref = `#/components/schemas/${value.slice(0, -1)}`
    else out[key] = toOpenApi(value)
  }
  return out
}

interface ObjectSchema {
  required?: readonly string[]
  properties?: Record<string, unknown>
}

function parameters(where: 'path' | 'query' | 'header', schema: object | undefined): object[] {
  const s = schema as ObjectSchema | undefined
  return Object.entries(s?.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as { description?: string }
    return { name, in: where, required: where === 'path' || (s?.required ?? []).includes(name), ...(description ? { description } : {}), schema: toOpenApi(rest) }
  })
}

const REASONS: Record<number, string> = { 200: 'OK', 202: 'Accepted', 400: 'Bad request', 404: 'Not found', 413: 'Body too large', 429: 'Too many requests (retry later)', 503: 'Not ready' }

function responses(route: RouteDef): Record<string, object> {
  const out: Record<string, object> = {}
  for (const [code, schema] of Object.entries(route.schema.response)) {
    const media = (route.doc.media?.[Number(code)] ?? 'application/json').split(', ')
    const content = Object.fromEntries(media.map((type) => [type, type === 'application/json' ? { schema: toOpenApi(schema) } : { schema: { type: 'string', ...(type.includes('octet') ? { format: 'binary' } : {}) } }]))
    out[code] = { description: (schema as { description?: string }).description ?? REASONS[Number(code)] ?? 'Answer', content }
  }
  out['405'] = { description: 'Method not allowed; the `Allow` header lists the methods this path takes', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
  return out
}

/**
 * The API as an OpenAPI 3.1 document, generated from the route table and the same JSON schemas fastify validates
 * requests with, so the document cannot drift from the server. GET /v1/openapi.json serves it; docs/openapi.json is
 * a copy written by `node packages/node/dist/scripts/write-openapi.js` (a test checks the copy is current).
 */
export function openApiDocument(routeDefs: readonly RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {}
  for (const route of routeDefs) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}')
    const params = [...parameters('path', route.schema.params), ...parameters('query', route.schema.querystring), ...parameters('header', route.schema.headers)]
    const operation = {
      operationId: route.doc.operationId,
      summary: route.doc.summary,
      ...(route.doc.description ? { description: route.doc.description } : {}),
      tags: [route.doc.tag],
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(route.schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: toOpenApi(route.schema.body) } } } } : {}),
      responses: responses(route),
    }
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = operation
    if (route.method === 'GET' && !route.noHead) {
      paths[path].head = {
        operationId: `${route.doc.operationId}Head`,
        summary: `${route.doc.summary} (headers only)`,
        tags: [route.doc.tag],
        ...(params.length > 0 ? { parameters: params } : {}),
        responses: Object.fromEntries(Object.keys(route.schema.response).map((code) => [code, { description: REASONS[Number(code)] ?? 'Answer' }])),
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ThermoTruth node API',
      version,
      description:
        'The HTTP API of one ThermoTruth node. Every 4xx/5xx answer is `{ "error": "<one line>" }`. A path that exists answers other methods with 405 and an `Allow` header. How to sign a report: docs/API.md.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://127.0.0.1:9401', description: 'A node on its default public API port (local networks pick a free port)' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: { schemas: Object.fromEntries(sharedSchemas.map((s) => [s.$id, toOpenApi(s)])) },
  }
}
