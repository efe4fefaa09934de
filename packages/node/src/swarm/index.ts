/** The swarm's public face: the launcher, its options and summary, and the node-factory contract. */
export { hostOf, seedTargets, Swarm, SwarmError, type SwarmOptions, type SwarmProgress } from './launcher.js'
export { defaultEpochPeriodMs, resolveByzantine } from './defaults.js'
export { factoryNames, nodeKind } from './factories/index.js'
export { DEFAULT_BASE_PORT } from './ports.js'
export { processExists } from './proc-stats.js'
export { percentile } from './stats-math.js'
export { type EpochView, type SwarmSummary, summarizeEpoch } from './summary.js'
export type { EpochOutcome, EpochSchedule, NodeStats, PeerAddress, SwarmNode, SwarmNodeContext, SwarmNodeFactory, SwarmNodeKind, SwarmRunConfig } from './types.js'
