/** `--json` prints exactly one JSON object on stdout; everything else (progress, logs) goes to stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, jsonReplacer)}\n`)
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  return value
}

export function info(line: string): void {
  process.stderr.write(`${line}\n`)
}
