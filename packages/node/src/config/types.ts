/**
 * A network config file (`configs/<network>.json`): the genesis parameters every node of a network must share, plus
 * operator defaults (feeds, bootstrap, listen). Its top-level keys double as CLI flags (`network`, `bootstrap`,
 * `listen`), so the file can be passed with `--config` and any flag on the command line overrides it.
 */

/**
 * `utc-midnight` = 00:00 UTC of the day the data dir is initialized: nodes on one machine agree without coordination.
 * The resolved time is pinned in the data dir (`genesis.json`), so the chain survives the next midnight.
 */
export type GenesisTimeRule = number | 'utc-midnight'

export interface GenesisConfig {
  time: GenesisTimeRule
  epochPeriodMs: number
  /** Collection deadline as a fraction of the epoch period. */
  collectFraction: number
  identityBits: number
  ticketValidityEpochs: number
  temperatureThreshold: number
  seed: number
  /** Sorted hex author ids of epoch 0's committee; empty = open genesis (the engine admits ticketed proposers). */
  committee: string[]
  /** Optional 32-byte hex genesis hash; default derives from the network id. */
  hash?: string
}

export interface FeedConfig {
  id: string
  /** `sim:gauss:MEAN:SIGMA`, `cmd:COMMAND`, `http:URL#json.path` or `reports`. */
  source: string
}

/** `local` whitelists loopback colocation and lifts per-IP limits (one-machine swarms only); `production` never does. */
export type { NetworkProfile } from '../libp2p/profiles.js'

import type { NetworkProfile } from '../libp2p/profiles.js'

export interface NetworkConfig {
  network: string
  profile: NetworkProfile
  genesis: GenesisConfig
  feeds: FeedConfig[]
  bootstrap: string[]
  listen: string[]
  /** Joules per SHA-256 for the energy metric (hardware dependent). */
  joulesPerHash?: number
  /** Trusted checkpoint `EPOCH:RECORD_DIGEST_HEX` a joiner's synced certificates must chain to. */
  checkpoint?: string
  /**
   * What this config cannot give a joiner yet, one sentence each (a template with no bootstrap node or committee
   * says so here). Nodes log every entry at start; an empty or absent list means the file is complete.
   */
  missing?: string[]
}
