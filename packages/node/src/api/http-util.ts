import type { IncomingMessage, ServerResponse } from 'node:http'

/** A 4xx answer with a reason; routes throw it and the server turns it into `{ error }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' })
  res.end(text)
}

/** Reads the request body up to `limit` bytes; a larger one (declared or streamed) is a 413. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new HttpError(413, `body exceeds ${limit} bytes`))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(new HttpError(413, `body exceeds ${limit} bytes`))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', () => reject(new HttpError(400, 'request body aborted')))
  })
}

export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new HttpError(400, 'body is not valid JSON')
  }
}

const MAX_SAFE_EPOCH = Number.MAX_SAFE_INTEGER

/** A path segment that must be a non-negative integer epoch. */
export function parseEpoch(text: string): number {
  if (!/^\d{1,16}$/.test(text)) throw new HttpError(400, `'${text.slice(0, 40)}' is not an epoch number`)
  const epoch = Number(text)
  if (epoch > MAX_SAFE_EPOCH) throw new HttpError(400, 'epoch out of range')
  return epoch
}
