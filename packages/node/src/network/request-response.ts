/**
 * One-request-per-stream request/response over length-prefixed frames (@libp2p/utils `lpStream`, which speaks
 * v3 streams natively; `it-pipe` cannot sink into them). Limits are enforced while reading the length prefix,
 * so an oversized frame is refused before its body is buffered. Every failure reaches the caller as a
 * `NetworkError`; on the serving side it aborts that one stream and nothing else.
 */
import type { Connection, Libp2p, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { NetworkError, errorMessage, toError } from './errors.js'
import { parsePeerId } from './identity.js'
import type { RequestHandler } from './types.js'

export interface ServeInit {
  maxRequestBytes: number
  /** Bound on reading the request and writing the response. */
  timeoutMs: number
  /** Decide whether this peer may be served at all (the identity gate); false aborts the stream. */
  authorize: (peerId: string) => Promise<boolean>
  log: (msg: string) => void
}

export function requestStreamHandler(handler: RequestHandler, init: ServeInit) {
  return async (stream: Stream, connection: Connection): Promise<void> => {
    const peerId = connection.remotePeer.toString()
    const signal = AbortSignal.timeout(init.timeoutMs)
    try {
      if (!(await init.authorize(peerId))) throw new Error('peer has no valid ticket')
      const lp = lpStream(stream, { maxDataLength: init.maxRequestBytes })
      const request = (await lp.read({ signal })).subarray()
      const response = await handler(peerId, request)
      await lp.write(response, { signal })
      await stream.close({ signal })
    } catch (err) {
      init.log(`request on ${stream.protocol} from ${peerId} failed: ${errorMessage(err)}`)
      stream.abort(toError(err))
    }
  }
}

export interface RequestOptions {
  timeoutMs: number
  maxResponseBytes: number
}

export async function sendRequest(
  node: Pick<Libp2p, 'dialProtocol'>,
  peerId: string,
  protocol: string,
  data: Uint8Array,
  opts: RequestOptions,
): Promise<Uint8Array> {
  const peer = parsePeerId(peerId)
  const signal = AbortSignal.timeout(opts.timeoutMs)
  let stream: Stream
  try {
    stream = await node.dialProtocol(peer, protocol, { signal })
  } catch (err) {
    if (signal.aborted) throw new NetworkError('TIMEOUT', `dialing ${peerId} for ${protocol} timed out after ${opts.timeoutMs} ms`, { cause: err })
    throw new NetworkError('DIAL_FAILED', `cannot open ${protocol} to ${peerId}: ${errorMessage(err)}`, { cause: err })
  }
  try {
    const lp = lpStream(stream, { maxDataLength: opts.maxResponseBytes })
    await lp.write(data, { signal })
    await stream.close({ signal })
    return (await lp.read({ signal })).subarray()
  } catch (err) {
    stream.abort(toError(err))
    if (signal.aborted) throw new NetworkError('TIMEOUT', `${protocol} request to ${peerId} timed out after ${opts.timeoutMs} ms`, { cause: err })
    if (isDataLengthError(err)) {
      throw new NetworkError('RESPONSE_TOO_LARGE', `${protocol} response from ${peerId} exceeds ${opts.maxResponseBytes} bytes`, { cause: err })
    }
    throw new NetworkError('REQUEST_FAILED', `${protocol} request to ${peerId} failed: ${errorMessage(err)}`, { cause: err })
  }
}

function isDataLengthError(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name
  return name === 'InvalidDataLengthError' || name === 'InvalidDataLengthLengthError'
}
