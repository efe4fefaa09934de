/**
 * Deterministic ports: node i of a swarm listens on 127.0.0.1:(basePort + i), so addresses are predictable in logs
 * and reruns. The launcher checks the whole range is free before starting anything.
 */
import { createServer } from 'node:net'

/**
 * Below Linux's ephemeral range (32768-60999): a fixed port inside it can be taken at any moment by some process's
 * outgoing connection or `tcp/0` listener (seen: EADDRINUSE between the free-port check and the listen).
 */
export const DEFAULT_BASE_PORT = 21100
/** The benches' first port: a block apart from the CLI swarm's, so both can run at once. */
export const DEFAULT_BENCH_BASE_PORT = 23100
const MAX_PORT = 65535

export function portRangeError(basePort: number, nodes: number): string | undefined {
  if (!Number.isInteger(basePort) || basePort < 0) return `base port must be a non-negative integer, got ${basePort}`
  if (basePort !== 0 && (basePort < 1024 || basePort + nodes - 1 > MAX_PORT)) {
    return `ports ${basePort}..${basePort + nodes - 1} are outside 1024..${MAX_PORT}`
  }
  return undefined
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/** Ports of the range that are taken (empty = all free). basePort 0 means ephemeral ports: nothing to check. */
export async function busyPorts(basePort: number, nodes: number): Promise<number[]> {
  if (basePort === 0) return []
  const busy: number[] = []
  for (let i = 0; i < nodes; i++) if (!(await portFree(basePort + i))) busy.push(basePort + i)
  return busy
}
