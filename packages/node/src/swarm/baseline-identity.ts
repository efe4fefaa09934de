/**
 * What a ThermoNode has and a baseline node needs to do the same work: an Ed25519 identity used both as libp2p key
 * and for signing with the protocol's own code (`createEd25519`: node:crypto with cached key objects), a PoW
 * identity ticket mined for that key (checked by the connection-time ticket gate and carried in every proposal),
 * and a data dir for the node's LevelDB store (durable commits).
 */
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { DEFAULT_TICKET_VALID_EPOCHS, genesisHash, type IdentityTicket, mineTicket, type TicketPolicy } from '@thermotruth/pow'
import { createEd25519, type Ed25519 } from '@thermotruth/protocol'
import { createPowTicketGate } from '../network/pow-ticket-gate.js'
import type { TicketGate } from '../network/types.js'
import type { SwarmRunConfig } from './types.js'

/** Network id of the baselines (their tickets, proposals and private protocols are bound to it). */
export const BASELINE_NETWORK_ID = 'thermotruth-bench'
/** Identity ticket bits: configs/local.json's, so ticket checks cost what a ThermoNode's cost. */
export const BASELINE_IDENTITY_BITS = 16

export interface BaselineIdentity {
  privateKey: PrivateKey
  /** Signs and verifies with the protocol's Ed25519 code. */
  crypto: Ed25519
  ticket: IdentityTicket
  /** The ticket policy every baseline node applies (epoch filled in per check). */
  policy: Omit<TicketPolicy, 'currentEpoch'>
  ticketGate: TicketGate
  dataDir: string
  /** Removes the data dir. */
  remove(): void
}

export function baselinePolicy(): Omit<TicketPolicy, 'currentEpoch'> {
  const anchor = genesisHash(BASELINE_NETWORK_ID)
  return {
    networkId: BASELINE_NETWORK_ID,
    minBits: BASELINE_IDENTITY_BITS,
    validForEpochs: DEFAULT_TICKET_VALID_EPOCHS,
    anchorFor: (epoch) => (epoch === 0 ? anchor : undefined),
  }
}

/** Identities mined in the prepare phase, by node index, until the node starts in this same host process. */
const prepared = new Map<number, BaselineIdentity>()

/**
 * The swarm's prepare phase (before any node starts): mine every baseline node's ticket, as ThermoNodes mine
 * theirs, so no node mines while its neighbours' identity gates are already timing connections.
 */
export async function prepareBaselineIdentity(config: Pick<SwarmRunConfig, 'runId' | 'factory'>, index: number): Promise<{ author: string }> {
  const identity = await createBaselineIdentity(config, index)
  prepared.set(index, identity)
  return { author: Buffer.from(identity.crypto.publicKey).toString('hex') }
}

/** The identity prepared for this node, or a fresh one. */
export async function baselineIdentity(config: Pick<SwarmRunConfig, 'runId' | 'factory'>, index: number): Promise<BaselineIdentity> {
  const identity = prepared.get(index)
  prepared.delete(index)
  return identity ?? createBaselineIdentity(config, index)
}

export async function createBaselineIdentity(config: Pick<SwarmRunConfig, 'runId' | 'factory'>, index: number): Promise<BaselineIdentity> {
  const privateKey = await generateKeyPair('Ed25519')
  const crypto = createEd25519(privateKey.raw.subarray(0, 32))
  const policy = baselinePolicy()
  // One miner thread: the host already runs many nodes on few cores.
  const { ticket } = await mineTicket(
    { networkId: BASELINE_NETWORK_ID, publicKey: crypto.publicKey, anchor: genesisHash(BASELINE_NETWORK_ID), anchorEpoch: 0, bits: BASELINE_IDENTITY_BITS },
    { workers: 1 },
  )
  const dataDir = join(tmpdir(), `thermotruth-swarm-${config.runId}`, `${config.factory}-node-${index}`)
  mkdirSync(dataDir, { recursive: true })
  return {
    privateKey,
    crypto,
    ticket,
    policy,
    // The epoch is 0 for every check: baseline tickets are anchored at genesis and valid for the whole run.
    ticketGate: createPowTicketGate({ ticket, policy: () => ({ ...policy, currentEpoch: 0 }) }),
    dataDir,
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  }
}
