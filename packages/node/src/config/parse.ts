import { NETWORK_PROFILES } from '../libp2p/profiles.js'
import { parseSourceSpec, SourceSpecError } from '../sources/spec.js'
import { ConfigError } from './errors.js'
import { type Json, numberAt, objectAt, stringArrayAt, stringAt } from './fields.js'
import type { FeedConfig, GenesisConfig, GenesisTimeRule, NetworkConfig, NetworkProfile } from './types.js'

/** Same rule as the libp2p layer's: the id becomes part of protocol ids. */
const NETWORK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/
const FEED_ID = /^[a-z0-9._:-]{1,64}$/
const HEX32 = /^[0-9a-f]{64}$/
const KNOWN_KEYS = new Set(['network', 'profile', 'genesis', 'feeds', 'bootstrap', 'listen', 'joulesPerHash', 'checkpoint', 'missing'])

/** Validates parsed JSON as a network config; `source` (the file path) prefixes every error. */
export function parseNetworkConfig(json: unknown, source: string): NetworkConfig {
  const root = objectAt(json, source, '(root)')
  for (const key of Object.keys(root)) {
    if (!KNOWN_KEYS.has(key)) throw new ConfigError(`${source}: ${key}: unknown field (known: ${[...KNOWN_KEYS].join(', ')})`)
  }
  const profile = root.profile ?? 'production'
  if (!NETWORK_PROFILES.includes(profile as NetworkProfile)) {
    throw new ConfigError(`${source}: profile: expected one of ${NETWORK_PROFILES.join(', ')}, got '${String(profile)}'`)
  }
  const config: NetworkConfig = {
    network: stringAt(root, 'network', source, 'network', NETWORK_ID),
    profile: profile as NetworkProfile,
    genesis: parseGenesis(objectAt(root.genesis, source, 'genesis'), source),
    feeds: parseFeeds(root.feeds, source),
    bootstrap: stringArrayAt(root, 'bootstrap', source, 'bootstrap'),
    listen: stringArrayAt(root, 'listen', source, 'listen'),
  }
  if (root.joulesPerHash !== undefined) config.joulesPerHash = numberAt(root, 'joulesPerHash', source, 'joulesPerHash', 0, 1)
  if (root.missing !== undefined) config.missing = stringArrayAt(root, 'missing', source, 'missing')
  if (root.checkpoint !== undefined) config.checkpoint = stringAt(root, 'checkpoint', source, 'checkpoint', /^\d{1,15}:[0-9a-f]{64}$/)
  return config
}

function parseGenesis(g: Json, source: string): GenesisConfig {
  const at = (key: string): string => `genesis.${key}`
  const committee = stringArrayAt(g, 'committee', source, at('committee'))
  committee.forEach((id, i) => {
    if (!HEX32.test(id)) throw new ConfigError(`${source}: genesis.committee[${i}]: expected 64 lowercase hex characters`)
  })
  const genesis: GenesisConfig = {
    time: parseTimeRule(g.time, source),
    epochPeriodMs: numberAt(g, 'epochPeriodMs', source, at('epochPeriodMs'), 100, 86_400_000, true),
    collectFraction: numberAt(g, 'collectFraction', source, at('collectFraction'), 0.05, 0.95),
    identityBits: numberAt(g, 'identityBits', source, at('identityBits'), 0, 40, true),
    ticketValidityEpochs: numberAt(g, 'ticketValidityEpochs', source, at('ticketValidityEpochs'), 1, 2 ** 32, true),
    temperatureThreshold: numberAt(g, 'temperatureThreshold', source, at('temperatureThreshold'), 0, Number.MAX_VALUE),
    seed: numberAt(g, 'seed', source, at('seed'), 0, 2 ** 32 - 1, true),
    committee: [...committee].sort(),
  }
  if (g.hash !== undefined) genesis.hash = stringAt(g, 'hash', source, at('hash'), HEX32)
  return genesis
}

function parseTimeRule(value: unknown, source: string): GenesisTimeRule {
  if (value === 'utc-midnight') return value
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** 47) return value
  throw new ConfigError(`${source}: genesis.time: expected unix milliseconds or 'utc-midnight', got ${JSON.stringify(value) ?? 'nothing'}`)
}

function parseFeeds(value: unknown, source: string): FeedConfig[] {
  if (!Array.isArray(value) || value.length === 0) throw new ConfigError(`${source}: feeds: expected a non-empty array of {id, source}`)
  const seen = new Set<string>()
  return value.map((item, i) => {
    const feed = objectAt(item, source, `feeds[${i}]`)
    const id = stringAt(feed, 'id', source, `feeds[${i}].id`, FEED_ID)
    if (seen.has(id)) throw new ConfigError(`${source}: feeds[${i}].id: duplicate feed '${id}'`)
    seen.add(id)
    const spec = stringAt(feed, 'source', source, `feeds[${i}].source`)
    try {
      parseSourceSpec(spec)
    } catch (error) {
      if (error instanceof SourceSpecError) throw new ConfigError(`${source}: feeds[${i}].source: ${error.message}`)
      throw error
    }
    return { id, source: spec }
  })
}
