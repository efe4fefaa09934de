/** A data dir problem, as one line that says what to do. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'locked' | 'corrupt' | 'missing' | 'io',
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

/** Maps a LevelDB open failure to a one-line StoreError. */
export function openFailure(dir: string, error: unknown): StoreError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  const code = cause?.code ?? (error as { code?: string }).code
  if (code === 'LEVEL_LOCKED') {
    return new StoreError(`data dir ${dir} is in use by another thermotruth process; stop that node or pick another --data-dir`, 'locked')
  }
  if (code === 'LEVEL_CORRUPTION') {
    return new StoreError(`data dir ${dir} is corrupt (${oneLine(cause?.message)}); move it aside and run 'thermotruth init' again`, 'corrupt')
  }
  const detail = oneLine(cause?.message ?? (error as Error).message)
  return new StoreError(`cannot open data dir ${dir} (${detail}); check permissions and free space, or move it aside and run 'thermotruth init'`, 'io')
}

export function oneLine(text: string | undefined): string {
  return (text ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 200)
}
