import { join } from 'node:path'
import { generateKeyPairFromSeed, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { type IdentityTicket, lastValidEpoch, type MineProgress, mineTicket, ticketFromJson, ticketToJson, verifyTicket } from '@thermotruth/pow'
import { genesisHashOf } from '../config/genesis.js'
import { resolveGenesisTime } from '../config/genesis-time.js'
import { checkAgainstPin, readPinnedGenesis, writePinnedGenesis } from '../config/pinned-genesis.js'
import type { NetworkConfig } from '../config/types.js'
import { dataDirPaths } from '../store/data-dir.js'
import { StoreError } from '../store/errors.js'
import { createNodeKey, loadNodeKey, NODE_KEY_FILE, writePrivateFile } from '../store/node-key.js'
import { NodeStore } from '../store/node-store.js'
import { fetchAnchors } from '../network/anchor-protocol.js'
import { createDataDir } from './data-dir-parent.js'

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
  /** Unix ms of epoch 0 as pinned in the data dir's genesis.json. */
  genesisTime: number
  /** True when the ticket came from `init --ticket FILE` (this run). */
  imported?: boolean
}

/** A ticket minted elsewhere (`thermotruth pow mint`), and the secret key it was minted for when the data dir has none. */
export interface TicketImport {
  ticket: IdentityTicket
  /** 32-byte Ed25519 secret (the `pow mint` key file); required when the data dir has no node key yet. */
  secretKey?: Uint8Array
}

/**
 * `init`: creates the data dir and node key if missing, pins the network's genesis (config/pinned-genesis.ts), and
 * mines an identity ticket anchored at the genesis hash, or imports one (`importTicket`), unless a valid-shaped one
 * for this network and difficulty is already stored. Idempotent. A data dir of another network or genesis is refused,
 * never re-ticketed: its store holds another chain's certificates.
 */
export async function initDataDir(
  dataDir: string,
  config: NetworkConfig,
  opts: {
    onProgress?: (p: MineProgress) => void
    signal?: AbortSignal
    workers?: number
    importTicket?: TicketImport
    now?: () => number
    /** Peers to ask for a recent anchor when a genesis-anchored ticket would already be expired. */
    bootstrap?: string[]
    log?: (line: string) => void
  } = {},
): Promise<InitResult> {
  const hash = Buffer.from(genesisHashOf(config)).toString('hex')
  const genesisTime = typeof config.genesis.time === 'number' ? config.genesis.time : resolveGenesisTime(config.genesis.time, (opts.now ?? Date.now)())
  createDataDir(dataDir)
  const pinned = readPinnedGenesis(dataDir)
  if (pinned !== undefined) checkAgainstPin(dataDir, pinned, { network: config.network, hash, time: genesisTime, timeSource: 'this init' })
  const store = await NodeStore.open(dataDirPaths(dataDir).db, { create: true })
  try {
    const existingKey = await loadNodeKey(dataDir, store)
    const existing = await readTicket(store, dataDir)
    if (existing !== undefined && existing.networkId !== config.network) {
      throw new StoreError(`data dir ${dataDir} belongs to network '${existing.networkId}', not '${config.network}'; pick another --data-dir`, 'io')
    }
    if (pinned === undefined) writePinnedGenesis(dataDir, { network: config.network, time: genesisTime, hash })
    const privateKey = existingKey ?? (opts.importTicket?.secretKey ? await importKey(dataDir, opts.importTicket.secretKey) : await createNodeKey(dataDir, store))
    const publicKey = privateKey.publicKey.raw
    const base = { dataDir, peerId: peerIdFromPrivateKey(privateKey).toString(), publicKey: Buffer.from(publicKey).toString('hex'), genesisTime }
    if (opts.importTicket !== undefined) {
      const ticket = checkImportedTicket(opts.importTicket.ticket, publicKey, config)
      await store.putMeta(TICKET_KEY, new TextEncoder().encode(JSON.stringify(ticketToJson(ticket))))
      return { ...base, bits: ticket.bits, hashes: 0, elapsedMs: 0, created: existingKey === undefined, imported: true }
    }
    const epoch = Math.floor(((opts.now ?? Date.now)() - genesisTime) / config.genesis.epochPeriodMs)
    const validFor = config.genesis.ticketValidityEpochs
    const fits = existing !== undefined && existing.bits >= config.genesis.identityBits && epoch <= lastValidEpoch(existing, validFor)
    if (fits && Buffer.from(existing.publicKey).equals(Buffer.from(publicKey))) {
      return { ...base, bits: existing!.bits, hashes: 0, elapsedMs: 0, created: existingKey === undefined }
    }
    const anchor = await anchorFor(config, epoch, opts.bootstrap ?? [], opts.log)
    const mined = await mineTicket({ networkId: config.network, publicKey, ...anchor, bits: config.genesis.identityBits }, opts)
    await store.putMeta(TICKET_KEY, new TextEncoder().encode(JSON.stringify(ticketToJson(mined.ticket))))
    return { ...base, bits: mined.ticket.bits, hashes: mined.hashes, elapsedMs: mined.elapsedMs, created: true }
  } finally {
    await store.close()
  }
}

/**
 * What a new ticket binds to: genesis while a genesis-anchored ticket is still valid, else a recent certified record
 * fetched from the network's peers (anchor protocol) — the only thing a node without a ticket may ask for.
 */
async function anchorFor(config: NetworkConfig, epoch: number, bootstrap: string[], log: ((line: string) => void) | undefined): Promise<{ anchor: Uint8Array; anchorEpoch: number }> {
  const validFor = config.genesis.ticketValidityEpochs
  if (epoch <= lastValidEpoch({ anchorEpoch: 0 }, validFor)) return { anchor: genesisHashOf(config), anchorEpoch: 0 }
  if (bootstrap.length === 0) {
    throw new StoreError(
      `a ticket anchored at genesis lapsed after epoch ${validFor - 1} and the network is at epoch ${epoch}: pass --bootstrap <multiaddr>/p2p/<id> so init can fetch a recent anchor from the network`,
      'missing',
    )
  }
  const fetched = await fetchAnchors(bootstrap, config.network)
  const best = fetched.best
  if (best === undefined || best.epoch > epoch || best.epoch + validFor - 1 < epoch) {
    const why = fetched.errors.length > 0 ? ` (${fetched.errors.slice(0, 3).join('; ')})` : ''
    throw new StoreError(`no usable anchor from ${bootstrap.length} bootstrap peer(s): ${fetched.answered} answered${best ? `, newest at epoch ${best.epoch}` : ''}${why}`, 'io')
  }
  log?.(`anchoring the ticket at epoch ${best.epoch} (reported by ${fetched.agreeing} of ${fetched.answered} peers)`)
  return { anchor: Uint8Array.from(Buffer.from(best.digest, 'hex')), anchorEpoch: best.epoch }
}

/** The key a `pow mint` key file holds, as this data dir's node key (node.key; loadNodeKey reads it from there). */
async function importKey(dataDir: string, secret: Uint8Array): Promise<Ed25519PrivateKey> {
  if (secret.length !== 32) throw new StoreError(`imported key must be a 32-byte Ed25519 secret, got ${secret.length} bytes`, 'io')
  const key = await generateKeyPairFromSeed('Ed25519', secret)
  writePrivateFile(join(dataDir, NODE_KEY_FILE), privateKeyToProtobuf(key))
  return key
}

/**
 * What can be checked offline about an imported ticket: this network, this key, enough bits, and the work itself.
 * An anchor other than genesis is checked by every peer against its certified chain (an unknown anchor is refused
 * there, with the reason in its log).
 */
function checkImportedTicket(ticket: IdentityTicket, publicKey: Uint8Array, config: NetworkConfig): IdentityTicket {
  const keyHex = Buffer.from(publicKey).toString('hex')
  if (!Buffer.from(ticket.publicKey).equals(Buffer.from(publicKey))) {
    throw new StoreError(
      `ticket was minted for key ${Buffer.from(ticket.publicKey).toString('hex').slice(0, 16)}…, this data dir's key is ${keyHex.slice(0, 16)}…; pass the key file it was minted with, or mint with --key for this data dir`,
      'io',
    )
  }
  const genesis = genesisHashOf(config)
  const verdict = verifyTicket(ticket, {
    networkId: config.network,
    minBits: config.genesis.identityBits,
    validForEpochs: Number.MAX_SAFE_INTEGER,
    currentEpoch: ticket.anchorEpoch,
    anchorFor: (epoch) => (epoch === 0 ? genesis : ticket.anchor),
  })
  if (!verdict.ok) throw new StoreError(`imported ticket refused (${verdict.reason}): ${verdict.detail}`, 'io')
  return ticket
}

/** Replaces the stored ticket (a renewal); the next start presents it. */
export async function storeTicket(store: NodeStore, ticket: IdentityTicket): Promise<void> {
  await store.putMeta(TICKET_KEY, new TextEncoder().encode(JSON.stringify(ticketToJson(ticket))))
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
