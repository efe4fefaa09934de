/**
 * In-process fuzz targets for the node's own parsers of network bytes: the identity ticket gate (JSON tickets
 * pushed on the ticket protocol), the sync server (requests from any peer, forwarded to the engine when they are
 * not history requests) and the sync client (responses from any peer, verified before they are stored).
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { genesisHash, type IdentityTicket, mineTicket, ticketToJson } from '@thermotruth/pow'
import {
  createEd25519,
  createEngine,
  decodeProtocolResponse,
  encodeFinalityCertificate,
  encodeProtocolRequest,
  encodeProtocolResponse,
  type FinalityCertificate,
} from '@thermotruth/protocol'
import fc from 'fast-check'
import { createPowTicketGate } from '../../src/network/pow-ticket-gate.js'
import type { TicketGate } from '../../src/network/types.js'
import { createCertificateVerifier } from '../../src/node/certificate-check.js'
import { summarizeCertificate } from '../../src/node/epoch-summary.js'
import { syncHistory } from '../../src/node/sync.js'
import { certificatesFromResponse, certificatesRequest, serveSyncRequest } from '../../src/node/sync-protocol.js'
import { NodeStore } from '../../src/store/index.js'
import { certificateChain, committeeSigners, NETWORK } from '../../test/certificate-fixtures.js'
import { mutatedBytes, mutatedJson } from './edits.js'
import type { FuzzTarget } from './runner.js'

const TICKET_NET = 'fuzz-net'
const TICKET_BITS = 4
export const CHAIN_LENGTH = 24

/** What the wire targets share: tickets mined for real keys, a store holding a certified chain, a real engine. */
export interface WireFixtures {
  tickets: IdentityTicket[]
  gate: TicketGate
  chain: FinalityCertificate[]
  store: NodeStore
  engineHandle: (bytes: Uint8Array) => Uint8Array
  close(): Promise<void>
}

export async function createWireFixtures(storeDir: string): Promise<WireFixtures> {
  const anchor = genesisHash(TICKET_NET)
  const tickets: IdentityTicket[] = []
  for (let i = 0; i < 3; i++) {
    const key = await generateKeyPair('Ed25519')
    const { ticket } = await mineTicket({ networkId: TICKET_NET, publicKey: key.publicKey.raw, anchor, anchorEpoch: 0, bits: TICKET_BITS }, { workers: 1 })
    tickets.push(ticket)
  }
  const gate = createPowTicketGate({
    ticket: tickets[0],
    policy: () => ({ networkId: TICKET_NET, minBits: TICKET_BITS, validForEpochs: 1000, currentEpoch: 0, anchorFor: (epoch) => (epoch === 0 ? anchor : undefined) }),
  })
  const committee = committeeSigners(4)
  const chain = certificateChain(0, CHAIN_LENGTH, committee)
  const store = await NodeStore.open(storeDir, { create: true })
  for (const c of chain) await store.saveEpoch({ summary: summarizeCertificate(c, 10, 1), bytes: encodeFinalityCertificate(c) })
  const engine = createEngine({
    config: {
      networkId: NETWORK,
      genesisHash: genesisHash(NETWORK),
      genesisTime: 0,
      epochPeriodMs: 1000,
      collectFraction: 0.5,
      genesisCommittee: committee.map((c) => Buffer.from(c.publicKey).toString('hex')).sort(),
      feeds: ['eth-usd'],
      identityBits: TICKET_BITS,
      ticketValidityEpochs: 1000,
      temperatureThreshold: 1e6,
      seed: 1,
    },
    identity: { publicKey: tickets[0].publicKey, ticket: tickets[0] },
    crypto: createEd25519(new Uint8Array(32).fill(3)),
    port: { publish: () => {}, request: () => {}, emit: () => {} },
  })
  const peer = Buffer.from(tickets[1].publicKey).toString('hex')
  return { tickets, gate, chain, store, engineHandle: (bytes) => engine.handleRequest(peer, bytes), close: () => store.close() }
}

/** Tickets as pushed on the ticket protocol, checked against the key noise authenticated (or another key). */
export function ticketGateTarget(f: WireFixtures): FuzzTarget<{ owner: number; keyFromTicket: boolean; otherKey: Uint8Array; bytes: Uint8Array }> {
  const seeds = f.tickets.map((t) => ticketToJson(t) as unknown as Record<string, unknown>)
  return {
    name: 'ticket-gate',
    input: fc.nat(seeds.length - 1).chain((owner) =>
      fc.record({ owner: fc.constant(owner), keyFromTicket: fc.boolean(), otherKey: fc.uint8Array({ minLength: 32, maxLength: 32 }), bytes: mutatedJson(fc.constant(seeds[owner])) }),
    ),
    run({ owner, keyFromTicket, otherKey, bytes }) {
      const key = keyFromTicket ? f.tickets[owner].publicKey : otherKey
      const verdict = f.gate.verifyRemote(key, bytes)
      if (verdict.ok) {
        // Accepted bytes must be a ticket for exactly this key.
        const json = JSON.parse(new TextDecoder().decode(bytes)) as { publicKey: string }
        if (json.publicKey.toLowerCase() !== Buffer.from(key).toString('hex')) throw new Error('accepted a ticket mined for another key')
        return 'valid'
      }
      return verdict.reason.split(':')[0]
    },
  }
}

function validRequest(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.tuple(fc.nat(CHAIN_LENGTH + 8), fc.integer({ min: 1, max: 256 })).map(([from, limit]) => certificatesRequest(from, limit)),
    fc
      .record({ epoch: fc.nat(40), authors: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 6 }) })
      .map((r) => encodeProtocolRequest({ kind: 'fetch-proposals', ...r })),
  )
}

/** Requests from any peer on the sync protocol: answered from the store or by the engine, always a valid response. */
export function syncServeTarget(f: WireFixtures): FuzzTarget<Uint8Array> {
  return {
    name: 'sync-serve',
    input: mutatedBytes(validRequest()),
    concurrency: 4,
    async run(bytes) {
      const response = decodeProtocolResponse(await serveSyncRequest(bytes, f.store, f.engineHandle))
      if (response.kind === 'certificates') {
        // Served certificates are stored ones, in epoch order.
        response.certificates.forEach((c, i) => {
          if (i > 0 && c.record.epoch <= response.certificates[i - 1].record.epoch) throw new Error('certificates out of order')
        })
      }
      return response.kind
    },
  }
}

function validResponse(chain: FinalityCertificate[]): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.nat(chain.length), fc.nat(6)).map(([from, n]) => encodeProtocolResponse({ kind: 'certificates', certificates: chain.slice(from, from + n) })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((reason) => encodeProtocolResponse({ kind: 'error', reason })) },
    { weight: 1, arbitrary: fc.constant(encodeProtocolResponse({ kind: 'proposals', proposals: [] })) },
  )
}

/**
 * Responses from any peer to our history sync: the client never throws, and stores only certificates the verifier
 * accepts, each linked to the one before.
 */
export function syncResponseTarget(f: WireFixtures): FuzzTarget<{ from: number; bytes: Uint8Array }> {
  const verify = createCertificateVerifier({ networkId: NETWORK, genesisCommittee: [] })
  return {
    name: 'sync-response',
    input: fc.record({ from: fc.nat(CHAIN_LENGTH - 1), bytes: mutatedBytes(validResponse(f.chain), 1024) }),
    async run({ from, bytes }) {
      const parsed = certificatesFromResponse(bytes)
      const saved: FinalityCertificate[] = []
      const previous = from > 0 ? f.chain[from - 1] : undefined
      let answered = false
      const result = await syncHistory({
        fromEpoch: from,
        untilEpoch: CHAIN_LENGTH,
        previous,
        // One peer that answers once with the fuzzed bytes, then has nothing more.
        peers: () => ['fuzzer'],
        request: async () => {
          if (answered) return encodeProtocolResponse({ kind: 'certificates', certificates: [] })
          answered = true
          return bytes
        },
        verify,
        save: async (c) => {
          saved.push(c)
        },
      })
      let before = previous
      for (const c of saved) {
        const problem = verify(c, before)
        if (problem !== undefined) throw new Error(`stored an invalid certificate: ${problem}`)
        if (before !== undefined && c.record.epoch <= before.record.epoch) throw new Error('stored certificates out of order')
        before = c
      }
      if (result.fetched.length !== saved.length) throw new Error('fetched and saved disagree')
      return typeof parsed === 'string' ? parsed.split(':')[0] : saved.length > 0 ? 'stored' : result.failedPeers.length > 0 ? 'peer dropped' : 'nothing new'
    },
  }
}
