/** Real ThermoNodes in one process on 127.0.0.1, with a fast local config; not a test file. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type NodeSettings, resolveSettings } from '../src/config/index.js'
import { initDataDir } from '../src/node/identity.js'
import { ThermoNode, type ThermoNodeOptions } from '../src/node/thermo-node.js'
import type { EpochSummary } from '../src/store/index.js'

export interface TestNetwork {
  configPath: string
  genesisTime: number
  /** Sorted hex author ids of the genesis committee (every prepared node unless narrowed). */
  committee: string[]
  dataDirs: string[]
  /** Author id of each data dir, in order. */
  authors: string[]
}

/** Writes a local-profile config (fast epochs, cheap tickets) and initializes `count` data dirs under `dir`. */
export async function prepareNetwork(dir: string, count: number, epochPeriodMs = 1500): Promise<TestNetwork> {
  const configPath = join(dir, 'net.json')
  writeFileSync(
    configPath,
    JSON.stringify({
      network: 'local',
      profile: 'local',
      genesis: { time: 0, epochPeriodMs, collectFraction: 0.5, identityBits: 8, ticketValidityEpochs: 2 ** 31, temperatureThreshold: 1e6, seed: 7, committee: [] },
      feeds: [{ id: 'eth-usd', source: 'sim:gauss:3000:5' }],
    }),
  )
  const dataDirs = Array.from({ length: count }, (_, i) => join(dir, `n${i}`))
  const committee: string[] = []
  for (const dataDir of dataDirs) {
    const { config } = resolveSettings({ config: configPath })
    committee.push((await initDataDir(dataDir, config, { workers: 1 })).publicKey)
  }
  // Genesis a few epochs back, aligned to the period, so every node starts mid-chain at the same epoch numbers.
  const genesisTime = Math.floor(Date.now() / epochPeriodMs) * epochPeriodMs - 10 * epochPeriodMs
  return { configPath, genesisTime, committee: [...committee].sort(), dataDirs, authors: committee }
}

export function settingsFor(net: TestNetwork, index: number, bootstrap: string[], over: Partial<NodeSettings> = {}): NodeSettings {
  return {
    ...resolveSettings({ config: net.configPath, dataDir: net.dataDirs[index], bootstrap, genesisTime: net.genesisTime, genesisCommittee: net.committee }),
    ...over,
  }
}

/** Starts a node that records every finalized epoch it announces. */
export async function startRecorded(settings: NodeSettings, extra: Partial<ThermoNodeOptions> = {}): Promise<{ node: ThermoNode; epochs: EpochSummary[] }> {
  const epochs: EpochSummary[] = []
  const node = await ThermoNode.start({ settings, syncWaitMs: 3000, ...extra, onEpoch: (summary) => epochs.push(summary) })
  return { node, epochs }
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
