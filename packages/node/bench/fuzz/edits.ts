/**
 * Input generators for the node's fuzz targets: valid seeds run through random edits, plus plain random input.
 * Bytes get structural edits that matter to length-prefixed and protobuf parsers (a huge varint, a cut inside a
 * field, a repeated slice); JSON gets edits that keep it parseable but wrong (a field of the wrong type, a missing
 * field, an absurd number), then optionally byte edits that make it unparseable.
 */
import fc from 'fast-check'

type Edit = [op: number, at: number, value: number, extra: Uint8Array]

const edit: fc.Arbitrary<Edit> = fc.tuple(fc.nat(6), fc.nat(), fc.nat(255), fc.uint8Array({ maxLength: 24 }))

/** A varint claiming a frame far larger than any limit (or exactly 0), the classic framing attack. */
const HOSTILE_VARINTS = [Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), Uint8Array.of(0)]

function applyEdit(bytes: Uint8Array, [op, at, value, extra]: Edit): Uint8Array {
  const n = bytes.length
  const i = n === 0 ? 0 : at % n
  switch (op) {
    case 0: // flip one bit
    case 1: {
      // set one byte
      if (n === 0) return extra
      const out = bytes.slice()
      out[i] = op === 0 ? out[i] ^ (1 << (value % 8)) : value
      return out
    }
    case 2: // truncate
      return bytes.subarray(0, i)
    case 3: // insert random bytes
      return concatBytes(bytes.subarray(0, i), extra, bytes.subarray(i))
    case 4: // repeat a slice
      return concatBytes(bytes.subarray(0, i + (value % 33)), bytes.subarray(i))
    case 5: // remove a slice
      return concatBytes(bytes.subarray(0, i), bytes.subarray(Math.min(n, i + 1 + (value % 16))))
    default: // splice a hostile varint in
      return concatBytes(bytes.subarray(0, i), HOSTILE_VARINTS[value % HOSTILE_VARINTS.length], bytes.subarray(i))
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

/** Mostly edited valid encodings; some untouched, some random, some two valid encodings back to back. */
export function mutatedBytes(valid: fc.Arbitrary<Uint8Array>, randomMax = 512): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([b, edits]) => edits.reduce(applyEdit, b)) },
    { weight: 1, arbitrary: valid },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: randomMax }) },
    { weight: 1, arbitrary: fc.tuple(valid, valid).map(([a, b]) => concatBytes(a, b)) },
  )
}

/** Values that break naive field handling: wrong types, non-finite-looking numbers, huge strings, deep nesting. */
const awkwardValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, '', 'x'.repeat(5000), [], {}, null, true),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.integer({ min: 1, max: 40 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown),
)

type JsonEdit = { op: 'set' | 'delete' | 'replace'; key: string; value: unknown }

function applyJsonEdit(doc: unknown, { op, key, value }: JsonEdit, keys: string[]): unknown {
  if (op === 'replace' || typeof doc !== 'object' || doc === null || Array.isArray(doc)) return value
  const out: Record<string, unknown> = { ...(doc as Record<string, unknown>) }
  // Mostly edit a field the parser knows; sometimes add a stray one.
  const target = keys.length > 0 && key.length % 4 !== 0 ? keys[key.length % keys.length] : key
  if (op === 'delete') delete out[target]
  else out[target] = value
  return out
}

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  op: fc.constantFrom<JsonEdit['op']>('set', 'set', 'set', 'delete', 'replace'),
  key: fc.string({ maxLength: 12 }),
  value: awkwardValue,
})

/** UTF-8 JSON text of a valid document after field edits, sometimes with byte edits on top. */
export function mutatedJson(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Uint8Array> {
  const edited = fc
    .tuple(valid, fc.array(jsonEdit, { minLength: 0, maxLength: 3 }))
    .map(([doc, edits]) => new TextEncoder().encode(JSON.stringify(edits.reduce((d, e) => applyJsonEdit(d, e, Object.keys(doc)), doc as unknown))))
  return fc.oneof({ weight: 5, arbitrary: edited }, { weight: 3, arbitrary: mutatedBytes(edited, 256) })
}
