/**
 * Shared helpers of the network tests: bounded polling (never fixed sleeps), a free loopback port, and keys.
 * Not a test file itself (no `.test.` in the name).
 */
import { createServer } from 'node:net'

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it; we release it for the test to reuse). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
