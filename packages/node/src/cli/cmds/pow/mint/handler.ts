import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_IDENTITY_BITS, generateIdentityKey, type IdentityKey, type MineProgress, mineTicket, ticketHash, ticketToJson } from '@thermotruth/pow'
import { NODE_KEY_FILE } from '../../../../store/node-key.js'
import type { GlobalArgs } from '../../../types.js'
import { CliError } from '../../../util/errors.js'
import { info, printJson } from '../../../util/output.js'
import { createProgressBar } from '../../../util/progress.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { ticketNetwork } from '../network.js'
import { loadKeyFile } from './key-file.js'
import { MAX_CLI_BITS, type MintArgs } from './options.js'
import { assertWritableTarget } from './out-path.js'

function keyExistsError(file: string): CliError {
  return new CliError(`${file} already exists; pass --key ${file} to reuse it, or remove it`)
}

/** Saves a freshly generated key beside the ticket, readable by the owner only; never overwrites a key. */
async function saveKey(file: string, key: IdentityKey): Promise<void> {
  try {
    await writeFile(file, `${bytesToHex(key.secretKey)}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw keyExistsError(file)
    throw new CliError(`cannot write key file ${file}: ${(error as Error).message}`)
  }
}

function describeProgress(p: MineProgress): string {
  const eta = Number.isFinite(p.etaMs) ? `ETA ${(p.etaMs / 1000).toFixed(1)} s` : ''
  return `${(p.hashesPerSecond / 1e6).toFixed(2)} MH/s ${p.hashes.toLocaleString('en')} hashes ${eta}`
}

export async function mintHandler(args: MintArgs & GlobalArgs): Promise<void> {
  if (args.key !== undefined && args.dataDir !== undefined) throw new CliError('--key and --data-dir both name a key; pass one of them', 2)
  const { networkId, genesis: anchor, config } = await ticketNetwork(args.network, args.networkConfig)
  const bits = args.bits ?? config?.genesis.identityBits ?? DEFAULT_IDENTITY_BITS
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_CLI_BITS) throw new CliError(`--bits must be an integer in [0, ${MAX_CLI_BITS}], got ${bits}`, 2)
  if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 1)) throw new CliError(`--workers must be a positive integer, got ${args.workers}`, 2)
  const keyPath = args.key ?? (args.dataDir === undefined ? undefined : join(args.dataDir, NODE_KEY_FILE))
  const generated = keyPath === undefined
  const key = generated ? generateIdentityKey() : await loadKeyFile(keyPath)
  const keyFile = generated ? `${args.out}.key` : keyPath
  // Checked before mining so no work is wasted; saveKey's exclusive create still guards the race.
  assertWritableTarget(args.out, '--out')
  if (generated && existsSync(keyFile)) throw keyExistsError(keyFile)

  const controller = new AbortController()
  const onSigint = (): void => controller.abort(new CliError('mining interrupted', 130))
  process.once('SIGINT', onSigint)
  info(`mining a ${bits}-bit ticket for ${bytesToHex(key.publicKey)} on '${networkId}' (2^${bits} hashes expected; Ctrl-C aborts)`)
  const bar = createProgressBar(`mining ${bits} bits`)
  let result: Awaited<ReturnType<typeof mineTicket>>
  try {
    result = await mineTicket(
      { networkId, publicKey: key.publicKey, anchor, anchorEpoch: 0, bits },
      { signal: controller.signal, workers: args.workers, onProgress: (p) => bar.update(p.hashes / p.expectedHashes, describeProgress(p)) },
    )
  } finally {
    process.off('SIGINT', onSigint)
  }
  bar.done(`${result.hashes.toLocaleString('en')} hashes in ${(result.elapsedMs / 1000).toFixed(2)} s`)

  if (generated) await saveKey(keyFile, key)
  try {
    await writeFile(args.out, `${JSON.stringify(ticketToJson(result.ticket), null, 2)}\n`)
  } catch (error) {
    throw new CliError(`cannot write ticket file ${args.out}: ${(error as Error).message}`)
  }
  const summary = {
    file: args.out,
    keyFile,
    network: networkId,
    publicKey: bytesToHex(key.publicKey),
    bits,
    hashes: result.hashes,
    elapsedMs: Math.round(result.elapsedMs),
    hashHex: bytesToHex(ticketHash(result.ticket)),
  }
  if (args.json) printJson(summary)
  else {
    process.stdout.write(`ticket written to ${summary.file} (${summary.bits} bits, hash ${summary.hashHex})\n`)
    if (generated) process.stdout.write(`new Ed25519 key saved to ${keyFile} (mode 0600)\n`)
  }
}
