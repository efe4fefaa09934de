import type { EngineConfig } from '@thermotruth/protocol'
import type { NetworkConfig } from '../config/types.js'

/** The engine's genesis parameters from a network config, a resolved genesis time and the genesis hash. */
export function engineConfigOf(config: NetworkConfig, genesisTime: number, genesisHash: Uint8Array): EngineConfig {
  const g = config.genesis
  return {
    networkId: config.network,
    genesisHash,
    genesisTime,
    epochPeriodMs: g.epochPeriodMs,
    collectFraction: g.collectFraction,
    genesisCommittee: g.committee,
    feeds: config.feeds.map((f) => f.id),
    identityBits: g.identityBits,
    ticketValidityEpochs: g.ticketValidityEpochs,
    temperatureThreshold: g.temperatureThreshold,
    seed: g.seed,
  }
}
