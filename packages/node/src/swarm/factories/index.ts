/**
 * Node implementations the swarm can host, by name. Each is loaded lazily, so the launcher (which only needs the
 * traits below) never evaluates libp2p, and a host process evaluates only the kind it runs.
 */
import type { SwarmNodeFactory, SwarmNodeKind } from '../types.js'
import { FLOOR_TOPIC } from './topics.js'

const kinds: SwarmNodeKind[] = [
  {
    name: 'thermotruth',
    describe: 'ThermoNode: the real node (network, engine, store; node 0 serves the API)',
    meshTopic: 'thermotruth',
    usesDht: true,
    prepares: true,
    runsFromGenesis: true,
    load: async () => (await import('./thermo.js')).thermoFactory,
  },
  {
    name: 'gossip-floor',
    describe: 'baseline (a): gossip the same proposal bytes each epoch, no protocol',
    meshTopic: FLOOR_TOPIC,
    usesDht: true,
    prepares: true,
    load: async () => (await import('./gossip-floor.js')).gossipFloorFactory,
  },
  {
    name: 'pbft',
    describe: 'baseline (b): PBFT-style all-to-all proposals, prepare and commit over direct streams',
    usesDht: false,
    fullMembership: true,
    prepares: true,
    load: async () => (await import('./pbft.js')).pbftFactory,
  },
]

export const factoryNames = (): string[] => kinds.map((k) => k.name)

export function nodeKind(name: string): SwarmNodeKind {
  const kind = kinds.find((k) => k.name === name)
  if (kind === undefined) throw new Error(`unknown swarm node kind '${name}' (known: ${factoryNames().join(', ')})`)
  return kind
}

export function loadFactory(name: string): Promise<SwarmNodeFactory> {
  return nodeKind(name).load()
}
