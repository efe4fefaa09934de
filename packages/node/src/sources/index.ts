export { createObservationSource } from './create.js'
export { parseJsonPath, parseSourceSpec, type SourceSpec, SourceSpecError } from './spec.js'
export type { ObservationResult, ObservationSource, SourceOptions } from './types.js'
export { parseObservationText, toObservationValues } from './values.js'
