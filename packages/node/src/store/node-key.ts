import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { StoreError } from './errors.js'
import type { NodeStore } from './node-store.js'

export const NODE_KEY_FILE = 'node.key'
const META_KEY = 'node-key'

/**
 * The node's Ed25519 key, in libp2p's protobuf format: it is both the libp2p peer identity and the protocol author
 * key. Kept in the database and mirrored to `node.key` (mode 0600) so operators can back it up.
 */
export async function createNodeKey(dataDir: string, store: NodeStore): Promise<Ed25519PrivateKey> {
  const key = await generateKeyPair('Ed25519')
  const bytes = privateKeyToProtobuf(key)
  writePrivateFile(join(dataDir, NODE_KEY_FILE), bytes)
  await store.putMeta(META_KEY, bytes)
  return key
}

/** Loads the key from the database (falling back to `node.key`); a damaged key is a one-line StoreError. */
export async function loadNodeKey(dataDir: string, store: NodeStore): Promise<Ed25519PrivateKey | undefined> {
  const file = join(dataDir, NODE_KEY_FILE)
  const bytes = (await store.getMeta(META_KEY)) ?? (existsSync(file) ? readFileSync(file) : undefined)
  if (bytes === undefined) return undefined
  let key: ReturnType<typeof privateKeyFromProtobuf>
  try {
    key = privateKeyFromProtobuf(bytes)
  } catch (error) {
    throw new StoreError(`data dir ${dataDir}: node key is unreadable (${(error as Error).message}); restore ${NODE_KEY_FILE} from a backup`, 'corrupt')
  }
  if (key.type !== 'Ed25519') throw new StoreError(`data dir ${dataDir}: node key is ${key.type}, expected Ed25519`, 'corrupt')
  return key
}

/** Write-then-rename, mode 0600: a crash never leaves a half-written secret, and no one else can read it. */
export function writePrivateFile(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.tmp`
  writeFileSync(tmp, bytes, { mode: 0o600 })
  chmodSync(tmp, 0o600)
  renameSync(tmp, path)
}
