/**
 * Every node-side fuzz target with the fixtures behind them: a store holding a certified chain, a real engine, real
 * tickets, and a real founder ThermoNode whose HTTP API the API targets hit. Used by `scripts/fuzz.mjs` (the full
 * count) and by the CI test (a bounded slice). The protons decoders have their own targets in
 * packages/protocol/test/fuzz-cases.ts; the script runs those too.
 */
import { newClient, reportBody, startApiNode } from '../../test/api-node.js'
import { tempDir } from '../../test/helpers-tmp.js'
import { apiAlive, apiTargets } from './api-targets.js'
import type { FuzzTarget } from './runner.js'
import { requestFramingTarget, ticketStreamTarget } from './stream-targets.js'
import { createWireFixtures, syncResponseTarget, syncServeTarget, ticketGateTarget } from './wire-targets.js'

export interface NodeFuzzSuite {
  targets: FuzzTarget[]
  /** Resolves when the API server still answers (call after each API target). */
  apiAlive(): Promise<void>
  close(): Promise<void>
}

export async function createNodeFuzzSuite(): Promise<NodeFuzzSuite> {
  const t = tempDir('fuzz')
  const closers: Array<() => Promise<void>> = [async () => t.cleanup()]
  const close = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => {})
  }
  try {
    const wire = await createWireFixtures(`${t.dir}/store`)
    closers.push(() => wire.close())
    const serve = syncServeTarget(wire)
    const framing = await requestFramingTarget(wire, serve.input)
    const ticketStream = await ticketStreamTarget(wire)
    closers.push(async () => ticketStream.close?.())
    // A large mempool: the fuzzer's valid reports should reach the engine, not stop at 429.
    const api = await startApiNode(4096)
    closers.push(() => api.close())
    const bodies = Array.from({ length: 16 }, (_, i) => reportBody(newClient(), 3000 + i, i))
    const http = apiTargets({ url: api.url, reportBodies: bodies })
    closers.push(() => http.close())
    return {
      targets: [ticketGateTarget(wire), serve, syncResponseTarget(wire), framing, ticketStream, ...http.targets],
      apiAlive: () => apiAlive(api.url),
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
