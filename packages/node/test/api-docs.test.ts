/**
 * The API's documents cannot drift from the code: docs/API.md's worked signing example verifies (rebuilt by hand, as
 * a client in another language would, and with the protocol package), and docs/openapi.json is what the node serves.
 */
import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { createHash, createPublicKey, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { createEd25519, reportId, reportSigningBytes, signReport } from '@thermotruth/protocol'
import { openApiDocument, routes } from '../src/api/index.js'
import { nodePackageVersion } from '../src/metrics/build-info.js'

const DOCS = new URL('../../../../docs/', import.meta.url)

/** The `key: hex` lines of the worked example's text block in docs/API.md. */
function workedExample(): Record<string, string> {
  const markdown = readFileSync(new URL('API.md', DOCS), 'utf8')
  const block = /### Worked example[\s\S]*?```text\n([\s\S]*?)```/.exec(markdown)
  assert.ok(block, 'docs/API.md has a "Worked example" text block')
  return Object.fromEntries(block[1].trim().split('\n').map((line) => line.split(/:\s+/, 2) as [string, string]))
}

function varint(n: number): number[] {
  const out: number[] = []
  do {
    const byte = n % 128
    n = Math.floor(n / 128)
    out.push(byte | (n > 0 ? 0x80 : 0))
  } while (n > 0)
  return out
}

/** The message as docs/API.md describes it, built without the protocol package. */
function messageByHand(feed: string, values: number[], publicKey: Buffer, sequence: number): Buffer {
  const feedBytes = Buffer.from(feed, 'utf8')
  const valueBytes = Buffer.alloc(values.length * 8)
  for (const [i, v] of values.entries()) valueBytes.writeDoubleLE(v, i * 8)
  return Buffer.concat([
    Buffer.from('thermotruth/report/v1\0', 'utf8'),
    Buffer.from([0x0a, ...varint(feedBytes.length)]),
    feedBytes,
    Buffer.from([0x12, ...varint(valueBytes.length)]),
    valueBytes,
    Buffer.from([0x1a, 0x20]),
    publicKey,
    Buffer.from(sequence > 0 ? [0x20, ...varint(sequence)] : []),
  ])
}

/** A raw Ed25519 public key as a node:crypto KeyObject (SPKI DER: fixed 12-byte prefix + key). */
function ed25519PublicKey(raw: Buffer) {
  return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' })
}

describe('docs/API.md: the report signing worked example', () => {
  const ex = workedExample()
  const seed = Buffer.from(ex['private-key-seed'], 'hex')
  const publicKey = Buffer.from(ex['public-key'], 'hex')
  const values = JSON.parse(ex.values) as number[]
  const sequence = Number(ex.sequence)

  test('the message built by hand is the documented one and equals the protocol package', () => {
    const byHand = messageByHand(ex.feed, values, publicKey, sequence)
    assert.equal(byHand.toString('hex'), ex.message)
    const fromPackage = reportSigningBytes({ feed: ex.feed, values: Float64Array.from(values), clientKey: publicKey, sequence })
    assert.equal(Buffer.from(fromPackage).toString('hex'), ex.message)
  })

  test('the documented signature verifies with node:crypto, and the key pair and report id match', () => {
    assert.ok(verify(null, Buffer.from(ex.message, 'hex'), ed25519PublicKey(publicKey), Buffer.from(ex.signature, 'hex')))
    const signer = createEd25519(new Uint8Array(seed))
    assert.equal(Buffer.from(signer.publicKey).toString('hex'), ex['public-key'])
    const report = signReport({ feed: ex.feed, values: Float64Array.from(values), clientKey: signer.publicKey, sequence }, signer.sign)
    assert.equal(Buffer.from(report.signature).toString('hex'), ex.signature, 'Ed25519 is deterministic: the same key and message give the same signature')
    assert.equal(reportId(report), ex['report-id'])
    assert.equal(createHash('sha256').update(Buffer.from(ex.message, 'hex')).digest('hex'), ex['report-id'])
    // A changed byte must fail: the check can fail.
    const tampered = Buffer.from(ex.message, 'hex')
    tampered[tampered.length - 1] ^= 1
    assert.equal(verify(null, tampered, ed25519PublicKey(publicKey), Buffer.from(ex.signature, 'hex')), false)
  })

  test('the hand-built layout holds for other sequences, dimensions and long feeds (varints, sequence 0 absent)', () => {
    const signer = createEd25519(new Uint8Array(32).fill(9))
    const key = Buffer.from(signer.publicKey)
    for (const [feed, vals, seq] of [
      ['a', [1], 0],
      ['btc-usd', [1, -2.5, 1e300], 127],
      ['x'.repeat(64), Array.from({ length: 20 }, (_, i) => i / 3), 300],
      ['eth-usd', [0], Number.MAX_SAFE_INTEGER],
    ] as Array<[string, number[], number]>) {
      const fromPackage = reportSigningBytes({ feed, values: Float64Array.from(vals), clientKey: key, sequence: seq })
      assert.equal(messageByHand(feed, vals, key, seq).toString('hex'), Buffer.from(fromPackage).toString('hex'), `${feed} ${seq}`)
    }
  })
})

describe('docs/openapi.json', () => {
  test('is the document the node serves (regenerate: node packages/node/scripts/write-openapi.mjs)', () => {
    const committed = JSON.parse(readFileSync(new URL('openapi.json', DOCS), 'utf8')) as { info: { version: string } }
    const served = openApiDocument(routes, nodePackageVersion()) as { info: { version: string } }
    // The version follows package.json; everything else must match.
    assert.deepEqual({ ...committed, info: { ...committed.info, version: '' } }, { ...served, info: { ...served.info, version: '' } })
  })

  test('documents every route, with HEAD for GET routes but the event stream', () => {
    const doc = openApiDocument(routes, 'test') as { paths: Record<string, Record<string, unknown>> }
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}')
      assert.ok(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`)
      if (route.method === 'GET') assert.equal(doc.paths[path].head !== undefined, !route.noHead, `HEAD ${path}`)
    }
    for (const required of ['/v1/health', '/v1/openapi.json', '/v1/certificates/{epoch}', '/v1/events']) assert.ok(doc.paths[required], required)
    assert.ok(!JSON.stringify(doc).includes('"#"') && !JSON.stringify(doc).includes('Error#'), 'every $ref points into components')
  })
})
