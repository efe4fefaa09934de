/** Why `anneal` refused its input. Every bad input maps to exactly one reason, so callers can react without parsing text. */
export type AnnealInputReason =
  | 'empty' // no contributions, or vectors of dimension 0
  | 'non-finite' // a NaN or ±Infinity coordinate
  | 'out-of-range' // a finite coordinate beyond ±1e150 (kept out so no sum or square can overflow)
  | 'dimension-mismatch' // vectors of different lengths
  | 'too-many' // more contributions than `maxContributions`
  | 'too-large' // a dimension above `maxDimension`
  | 'bad-weight' // a weight that is not a finite number > 0
  | 'duplicate-author' // two contributions from one author (per-author weights would be ambiguous)
  | 'bad-option' // an option outside its documented domain

/** Bad input to `anneal`: a typed error with a machine-readable `reason`, never a crash or a NaN result. */
export class AnnealInputError extends Error {
  constructor(
    readonly reason: AnnealInputReason,
    message: string,
  ) {
    super(message)
    this.name = 'AnnealInputError'
  }
}
