/**
 * Shared helpers of the network tests: bounded polling (never fixed sleeps), a free loopback port, and keys.
 * Not a test file itself (no `.test.` in the name).
 */
import { createServer } from 'node:net'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { Registry } from 'prom-client'
import { type IdentityTicket, type TicketPolicy, genesisHash, mineTicket } from '@thermotruth/pow'
import { type CreateNetworkOptions, type Libp2pNetwork, createNetwork, createNodeLibp2p, createPowTicketGate, type GossipTuning, type NodeLibp2p } from '../src/index.js'

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

/** Real identity tickets (mined at 8 bits: a few hundred hashes) and the policy that accepts them. */
export const TEST_BITS = 8

export function testPolicy(networkId: string): TicketPolicy {
  const genesis = genesisHash(networkId)
  return { networkId, minBits: TEST_BITS, validForEpochs: 1000, currentEpoch: 0, anchorFor: (epoch) => (epoch === 0 ? genesis : undefined) }
}

export async function mineTestTicket(networkId: string, publicKey: Uint8Array): Promise<IdentityTicket> {
  const mined = await mineTicket({ networkId, publicKey, anchor: genesisHash(networkId), anchorEpoch: 0, bits: TEST_BITS }, { workers: 1 })
  return mined.ticket
}

export type TestNetworkOptions = Omit<CreateNetworkOptions, 'privateKey' | 'ticketGate' | 'networkId'> & {
  /** Present this ticket instead of one mined for the node's own key. */
  ticket?: IdentityTicket
  /** Judge remote tickets with this policy instead of the fixed epoch-0 one. */
  policy?: () => TicketPolicy
}

/** A started `local`-profile network node on 127.0.0.1 with a real ticket for its own key. */
export async function startTestNetwork(networkId: string, opts: TestNetworkOptions = {}): Promise<Libp2pNetwork> {
  const privateKey = await generateKeyPair('Ed25519')
  const ticket = opts.ticket ?? (await mineTestTicket(networkId, privateKey.publicKey.raw))
  const network = await createNetwork({
    profile: 'local',
    gossip: { heartbeatIntervalMs: 200 },
    ...opts,
    privateKey,
    networkId,
    ticketGate: createPowTicketGate({ ticket, policy: opts.policy ?? (() => testPolicy(networkId)) }),
  })
  await network.start()
  return network
}

/**
 * A started stock libp2p node on our stack (`local` profile, 127.0.0.1) with no identity gate and no ticket: a
 * stranger, or a peer whose ticket pushes a test writes by hand. The caller stops it.
 */
export async function startPlainLibp2p(networkId: string, opts: { privateKey?: Ed25519PrivateKey; gossip?: Partial<GossipTuning> } = {}): Promise<NodeLibp2p> {
  const node = await createNodeLibp2p({
    privateKey: opts.privateKey ?? (await generateKeyPair('Ed25519')),
    networkId,
    profile: 'local',
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: [],
    registry: new Registry(),
    gossip: opts.gossip,
  })
  await node.start()
  return node
}

/** Collects the details of one event type, for bounded waits on them. */
export function record<T>(target: EventTarget, type: string): T[] {
  const seen: T[] = []
  target.addEventListener(type, (evt) => seen.push((evt as CustomEvent<T>).detail))
  return seen
}
