export { type AuthorPredicate, committeeFor } from './committee.js'
export { maxFaulty, quorum } from './quorum.js'
