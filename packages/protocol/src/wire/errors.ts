/** The only error a wire decoder throws: `oversize` when a size limit is exceeded, `malformed` for anything else. */
export type WireErrorReason = 'malformed' | 'oversize'

export class WireError extends Error {
  override readonly name = 'WireError'
  readonly reason: WireErrorReason

  constructor(reason: WireErrorReason, message: string) {
    super(message)
    this.reason = reason
  }
}

export function malformed(message: string): WireError {
  return new WireError('malformed', message)
}

export function oversize(message: string): WireError {
  return new WireError('oversize', message)
}
