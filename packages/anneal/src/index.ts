/**
 * @thermotruth/anneal: pure, deterministic robust aggregation of real-valued feeds and its thermodynamic
 * read-out (temperature, entropy, effective n, free energy, partition function). No I/O, no clock, no
 * Math.random: equal inputs give bit-identical outputs on every node.
 */
export { type AnnealResult, anneal } from './anneal.js'
export { coordinateMedian, weightedMean } from './baselines.js'
export { DEFAULT_FRACTIONS, type DeriveEntropyOptions, deriveEntropyTable, type EntropyRow, type EntropyTable } from './derive-entropy.js'
export { AnnealInputError, type AnnealInputReason } from './errors.js'
export { type CanonicalInput, type Contribution, MAX_ABS_VALUE } from './input.js'
export { weightedMedian } from './median.js'
export { alieZ, normalInverseCdf } from './normal.js'
export type { AnnealOptions } from './options.js'
export { createPrng, hashSeed, type Prng } from './prng.js'
export { MAD_TO_SIGMA } from './robust.js'
export { ATTACK_DESCRIPTIONS, ATTACKS, type AttackName, errorInSigma, type FeedSpec, gaussian, type SyntheticFeed, syntheticFeed } from './synthetic.js'
