/**
 * Simulated identities: Ed25519 keys derived from the run seed and identity tickets ground at low bits. Tickets
 * are cached per (network, seed, node, bits), so repeated runs (tests, benchmarks) mine each one once.
 */
import { hashSeed } from '@thermotruth/anneal'
import { type IdentityTicket, leadingZeroBits, ticketHash } from '@thermotruth/pow'
import { createEd25519, type Ed25519 } from '../wire/index.js'
import { simRandom } from './random.js'

export interface SimIdentity {
  crypto: Ed25519
  ticket: IdentityTicket
}

const ticketCache = new Map<string, IdentityTicket>()

export function simIdentity(networkId: string, genesisHash: Uint8Array, seed: number, index: number, bits: number): SimIdentity {
  const secret = simRandom(hashSeed('sim-identity', seed, index)).bytes(32)
  const crypto = createEd25519(secret)
  const key = `${networkId}|${seed}|${index}|${bits}`
  let ticket = ticketCache.get(key)
  if (!ticket) {
    ticket = grindTicket({ version: 1, networkId, publicKey: crypto.publicKey, anchor: genesisHash, anchorEpoch: 0, bits, nonce: new Uint8Array(8) })
    ticketCache.set(key, ticket)
  }
  return { crypto, ticket }
}

/** Synchronous grind for the low bits the simulator uses (the pow worker miner is for real identities). */
function grindTicket(template: IdentityTicket): IdentityTicket {
  const nonce = new Uint8Array(8)
  const view = new DataView(nonce.buffer)
  for (let counter = 0; counter < 2 ** 32; counter++) {
    view.setUint32(4, counter)
    const ticket = { ...template, nonce: Uint8Array.from(nonce) }
    if (leadingZeroBits(ticketHash(ticket)) >= template.bits) return ticket
  }
  throw new Error(`no ${template.bits}-bit ticket found`)
}
