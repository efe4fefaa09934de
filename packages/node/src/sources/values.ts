const MAX_DIMENSION = 1024

/** A number or a non-empty array of finite numbers → the feed's value vector; anything else is a reason string. */
export function toObservationValues(value: unknown): Float64Array | string {
  if (typeof value === 'number') return Number.isFinite(value) ? Float64Array.of(value) : `not a finite number: ${value}`
  if (Array.isArray(value)) {
    if (value.length === 0 || value.length > MAX_DIMENSION) return `expected 1..${MAX_DIMENSION} values, got ${value.length}`
    if (!value.every((v) => typeof v === 'number' && Number.isFinite(v))) return 'the array holds something other than finite numbers'
    return Float64Array.from(value as number[])
  }
  return `expected a number or an array of numbers, got ${value === null ? 'null' : typeof value}`
}

/** Parses text (stdout, a body) as JSON and then as observation values. */
export function parseObservationText(text: string): Float64Array | string {
  let json: unknown
  try {
    json = JSON.parse(text.trim())
  } catch {
    return `not a number or JSON: '${text.trim().slice(0, 60)}'`
  }
  return toObservationValues(json)
}
