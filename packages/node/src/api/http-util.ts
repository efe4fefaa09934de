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

const MAX_SAFE_EPOCH = Number.MAX_SAFE_INTEGER

/** A path segment that must be a non-negative integer epoch. */
export function parseEpoch(text: string): number {
  if (!/^\d{1,16}$/.test(text)) throw new HttpError(400, `'${text.slice(0, 40)}' is not an epoch number`)
  const epoch = Number(text)
  if (epoch > MAX_SAFE_EPOCH) throw new HttpError(400, 'epoch out of range')
  return epoch
}
