/**
 * Typed network errors. Callers (the node glue, the API) branch on `code`; nothing in the network layer throws
 * a bare string or lets a libp2p error escape unwrapped, so a bad peer or a bad input never crashes the node.
 */
export type NetworkErrorCode =
  | 'INVALID_PEER_ID'
  | 'INVALID_AUTHOR'
  | 'INVALID_OPTIONS'
  | 'NOT_STARTED'
  | 'DIAL_FAILED'
  | 'TIMEOUT'
  | 'RESPONSE_TOO_LARGE'
  | 'REQUEST_FAILED'
  | 'PUBLISH_FAILED'

export class NetworkError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'NetworkError'
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Streams abort with an Error; anything thrown (strings included) becomes one. */
export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}
