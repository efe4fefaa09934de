import type { Ed25519PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { type IdentityTicket, type MineProgress, mineTicket, ticketFromJson, ticketToJson } from '@thermotruth/pow'
import { genesisHashOf } from '../config/genesis.js'
import type { NetworkConfig } from '../config/types.js'
import { dataDirPaths, ensureDataDir } from '../store/data-dir.js'
import { StoreError } from '../store/errors.js'
import { createNodeKey, loadNodeKey } from '../store/node-key.js'
import { NodeStore } from '../store/node-store.js'

const TICKET_KEY = 'ticket'

export interface NodeIdentity {
  privateKey: Ed25519PrivateKey
  /** Raw 32-byte Ed25519 public key: the protocol author key. */
  publicKey: Uint8Array
  peerId: string
  ticket: IdentityTicket
}

export interface InitResult {
  dataDir: string
  peerId: string
  publicKey: string
  bits: number
  /** Hashes spent mining now (0 when the data dir already held a ticket for this network). */
  hashes: number
  elapsedMs: number
  created: boolean
}

/**
 * `init`: creates the data dir and node key if missing, and mines an identity ticket (anchored at the genesis
 * hash) unless a valid-shaped one for this network and difficulty is already stored. Idempotent.
 */
export async function initDataDir(
  dataDir: string,
  config: NetworkConfig,
  opts: { onProgress?: (p: MineProgress) => void; signal?: AbortSignal; workers?: number } = {},
): Promise<InitResult> {
  ensureDataDir(dataDir)
  const store = await NodeStore.open(dataDirPaths(dataDir).db, { create: true })
  try {
    const existingKey = await loadNodeKey(dataDir, store)
    const privateKey = existingKey ?? (await createNodeKey(dataDir, store))
    const publicKey = privateKey.publicKey.raw
    const base = { dataDir, peerId: peerIdFromPrivateKey(privateKey).toString(), publicKey: Buffer.from(publicKey).toString('hex') }
    const existing = await readTicket(store, dataDir)
    const fits = existing !== undefined && existing.networkId === config.network && existing.bits >= config.genesis.identityBits
    if (fits && Buffer.from(existing.publicKey).equals(Buffer.from(publicKey))) {
      return { ...base, bits: existing!.bits, hashes: 0, elapsedMs: 0, created: existingKey === undefined }
    }
    const mined = await mineTicket(
      { networkId: config.network, publicKey, anchor: genesisHashOf(config), anchorEpoch: 0, bits: config.genesis.identityBits },
      opts,
    )
    await store.putMeta(TICKET_KEY, new TextEncoder().encode(JSON.stringify(ticketToJson(mined.ticket))))
    return { ...base, bits: mined.ticket.bits, hashes: mined.hashes, elapsedMs: mined.elapsedMs, created: true }
  } finally {
    await store.close()
  }
}

/** Loads key and ticket from an open store; a data dir without them says to run init. */
export async function loadIdentity(dataDir: string, store: NodeStore, network: string): Promise<NodeIdentity> {
  const privateKey = await loadNodeKey(dataDir, store)
  const ticket = await readTicket(store, dataDir)
  if (privateKey === undefined || ticket === undefined) {
    throw new StoreError(`data dir ${dataDir} has no node key or ticket; run 'thermotruth init --network ${network}' first`, 'missing')
  }
  if (ticket.networkId !== network) {
    throw new StoreError(`data dir ${dataDir} belongs to network '${ticket.networkId}', not '${network}'; pick another --data-dir`, 'io')
  }
  return { privateKey, publicKey: privateKey.publicKey.raw, peerId: peerIdFromPrivateKey(privateKey).toString(), ticket }
}

async function readTicket(store: NodeStore, dataDir: string): Promise<IdentityTicket | undefined> {
  const bytes = await store.getMeta(TICKET_KEY)
  if (bytes === undefined) return undefined
  try {
    return ticketFromJson(JSON.parse(new TextDecoder().decode(bytes)))
  } catch (error) {
    throw new StoreError(`data dir ${dataDir}: stored ticket is unreadable (${(error as Error).message}); run 'thermotruth init' again`, 'corrupt')
  }
}
