import { readFile } from 'node:fs/promises'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { type IdentityKey, identityKeyFromSecret } from '@thermotruth/pow'
import { CliError } from '../../../util/errors.js'

/**
 * Reads a key file in either format the project writes: `init` stores the node key as libp2p protobuf (node.key,
 * binary), `pow mint` stores a generated key as 64 hex characters. Mining for a node's own key is the common case,
 * so both must work (the help's `--key node.key` example failed on the protobuf file).
 */
export async function loadKeyFile(file: string): Promise<IdentityKey> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    throw new CliError(`cannot read key file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2)
  }
  const text = bytes.toString('utf8').trim()
  if (/^[0-9a-fA-F]{64}$/.test(text)) return identityKeyFromSecret(Uint8Array.from(Buffer.from(text, 'hex')))
  let key: ReturnType<typeof privateKeyFromProtobuf>
  try {
    key = privateKeyFromProtobuf(bytes)
  } catch {
    throw new CliError(`key file ${file} is neither a node key (libp2p protobuf, as in <data-dir>/node.key) nor 64 hex characters of an Ed25519 secret`, 2)
  }
  if (key.type !== 'Ed25519') throw new CliError(`key file ${file} holds a ${key.type} key; tickets bind Ed25519 keys`, 2)
  // libp2p's raw Ed25519 private key is seed ‖ public key; the seed is the 32-byte secret.
  return identityKeyFromSecret(Uint8Array.from(key.raw.subarray(0, 32)))
}
