import { ConfigError } from './errors.js'

/** Typed readers over untrusted JSON that name the offending field path in their error. */
export type Json = Record<string, unknown>

function fail(source: string, path: string, problem: string): never {
  throw new ConfigError(`${source}: ${path}: ${problem}`)
}

export function objectAt(value: unknown, source: string, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(source, path, `expected an object, got ${describe(value)}`)
  return value as Json
}

export function stringAt(obj: Json, key: string, source: string, path: string, pattern?: RegExp): string {
  const value = obj[key]
  if (typeof value !== 'string' || value.length === 0) fail(source, path, `expected a non-empty string, got ${describe(value)}`)
  if (pattern !== undefined && !pattern.test(value)) fail(source, path, `'${value.slice(0, 80)}' does not match ${pattern}`)
  return value
}

export function numberAt(obj: Json, key: string, source: string, path: string, min: number, max: number, integer = false): number {
  const value = obj[key]
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(source, path, `expected a number, got ${describe(value)}`)
  if (integer && !Number.isInteger(value)) fail(source, path, `expected an integer, got ${value}`)
  if (value < min || value > max) fail(source, path, `expected a value in [${min}, ${max}], got ${value}`)
  return value
}

export function stringArrayAt(obj: Json, key: string, source: string, path: string): string[] {
  const value = obj[key] ?? []
  if (!Array.isArray(value)) fail(source, path, `expected an array of strings, got ${describe(value)}`)
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item.length === 0) fail(source, `${path}[${i}]`, `expected a non-empty string, got ${describe(item)}`)
  })
  return value as string[]
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string '${value.slice(0, 40)}'`
  if (typeof value === 'object') return 'an object'
  return `${typeof value} ${String(value)}`
}
