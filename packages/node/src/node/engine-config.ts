import type { EngineConfig } from '@thermotruth/protocol'
import type { NetworkConfig } from '../config/types.js'

/** The engine's parameters from a network config plus the resolved genesis time, hash and committee. */
export function engineConfigOf(config: NetworkConfig, genesis: { time: number; hash: Uint8Array; committee: string[] }): EngineConfig {
  const g = config.genesis
  return {
    networkId: config.network,
    genesisHash: genesis.hash,
    genesisTime: genesis.time,
    epochPeriodMs: g.epochPeriodMs,
    collectFraction: g.collectFraction,
    genesisCommittee: genesis.committee,
    feeds: config.feeds.map((f) => f.id),
    identityBits: g.identityBits,
    ticketValidityEpochs: g.ticketValidityEpochs,
    temperatureThreshold: g.temperatureThreshold,
    seed: g.seed,
  }
}
