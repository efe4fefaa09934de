/** A ticket's JSON (or other external form) cannot be decoded. The message names the field and what was wrong. */
export class TicketFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TicketFormatError'
  }
}

/** A numeric parameter of the pow package (bits, difficulty, entropy, worker count) is out of its domain. */
export class PowParamError extends RangeError {
  constructor(message: string) {
    super(message)
    this.name = 'PowParamError'
  }
}

/** `mineStamp` exhausted its hash budget without finding a stamp (or was asked for more bits than it allows). */
export class StampMiningError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StampMiningError'
  }
}
