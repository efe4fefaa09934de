export type * from './messages/types.js'
export type * from './engine/types.js'
export * from './wire/index.js'
export * from './validation/index.js'
export * from './committee/index.js'
export * from './reputation/index.js'
export * from './agreement/index.js'
export * from './mempool/index.js'
export { ATTACKS, createStrategy, UnknownAttackError } from './attacks/index.js'
export type { AttackStrategy, PublishContext, Release, StrategyFactory, StrategyOptions, ValueContext } from './attacks/index.js'
export { createEngine } from './engine/engine.js'
export { DEFAULT_TUNING } from './engine/config.js'
export {
  createSimMemo,
  DEFAULT_CPU_MODEL,
  DEFAULT_TEMPERATURE_THRESHOLD,
  GossipMesh,
  ONE_SIGNATURE_PER_MESSAGE,
  resolveSimOptions,
  runSimulation,
  Scheduler,
  SimOptionError,
} from './sim/index.js'
export type { CpuModel, EpochSummary, MessageChannel, NodeOutcome, SignatureClassifier, SimOptions, SimReport, SimSummary } from './sim/index.js'
