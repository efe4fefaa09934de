/** One real founder ThermoNode with its API on 127.0.0.1:0, for API and CLI tests; not a test file. */
import { createEd25519, createEngine, type Ed25519, signReport } from '@thermotruth/protocol'
import type { ThermoNode } from '../src/node/thermo-node.js'
import type { EpochSummary } from '../src/store/index.js'
import { tempDir } from './helpers-tmp.js'
import { prepareNetwork, settingsFor, startRecorded } from './node-fixtures.js'

export interface ApiNode {
  node: ThermoNode
  url: string
  epochs: EpochSummary[]
  close(): Promise<void>
}

/** A single-member network (the node is its own genesis committee), with a small mempool so 429 is reachable. */
export async function startApiNode(mempoolCapacity = 3): Promise<ApiNode> {
  const t = tempDir('api-node')
  const net = await prepareNetwork(t.dir, 1, 1000)
  const { node, epochs } = await startRecorded(settingsFor(net, 0, []), {
    createEngine: (deps) => createEngine({ ...deps, config: { ...deps.config, tuning: { mempoolCapacity } } }),
  })
  return {
    node,
    epochs,
    url: node.apiServer!.url,
    async close() {
      await node.stop()
      t.cleanup()
    },
  }
}

let clientSeed = 100

/** A fresh client key per call, so per-client quotas never interfere between tests. */
export function newClient(): Ed25519 {
  clientSeed += 1
  return createEd25519(new Uint8Array(32).fill(clientSeed))
}

/** The JSON body of POST /v1/reports for a validly signed report. */
export function reportBody(client: Ed25519, value: number, sequence: number, feed = 'eth-usd'): Record<string, unknown> {
  const report = signReport({ feed, values: Float64Array.of(value), clientKey: client.publicKey, sequence }, client.sign)
  return {
    feed,
    values: [...report.values],
    clientKey: Buffer.from(report.clientKey).toString('hex'),
    sequence,
    signature: Buffer.from(report.signature).toString('hex'),
  }
}
