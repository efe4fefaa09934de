import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateIdentityKey, type IdentityKey, identityKeyFromSecret } from '@thermotruth/pow'
import { ensureDataDir } from '../store/data-dir.js'
import { StoreError } from '../store/errors.js'
import { writePrivateFile } from '../store/node-key.js'

export const CLIENT_KEY_FILE = 'client.key'

/**
 * The Ed25519 key `report` signs client reports with: a separate key from the node's, so a report is a client
 * transaction, not a node message. Kept as hex in `<dataDir>/client.key` (mode 0600), created on first use.
 */
export function loadOrCreateClientKey(dataDir: string): IdentityKey {
  const file = join(dataDir, CLIENT_KEY_FILE)
  if (!existsSync(file)) {
    ensureDataDir(dataDir)
    const key = generateIdentityKey()
    writePrivateFile(file, new TextEncoder().encode(`${Buffer.from(key.secretKey).toString('hex')}\n`))
    return key
  }
  const text = readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new StoreError(`${file} is not a 32-byte hex key; delete it to make a new client key`, 'corrupt')
  return identityKeyFromSecret(Uint8Array.from(Buffer.from(text, 'hex')))
}
