import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { generateIdentityKey, genesisHash, type IdentityKey, identityKeyFromSecret, type MineProgress, mineTicket, ticketHash, ticketToJson } from '@thermotruth/pow'
import type { GlobalArgs } from '../../../types.js'
import { CliError } from '../../../util/errors.js'
import { info, printJson } from '../../../util/output.js'
import { createProgressBar } from '../../../util/progress.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { MAX_CLI_BITS, type MintArgs } from './options.js'

async function loadKey(file: string): Promise<IdentityKey> {
  let text: string
  try {
    text = (await readFile(file, 'utf8')).trim()
  } catch (error) {
    throw new CliError(`cannot read key file ${file}: ${(error as Error).message}`, 2)
  }
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new CliError(`key file ${file} must hold a 32-byte Ed25519 secret key as 64 hex characters`, 2)
  return identityKeyFromSecret(Uint8Array.from(Buffer.from(text, 'hex')))
}

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
  if (!Number.isInteger(args.bits) || args.bits < 0 || args.bits > MAX_CLI_BITS) throw new CliError(`--bits must be an integer in [0, ${MAX_CLI_BITS}], got ${args.bits}`, 2)
  if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 1)) throw new CliError(`--workers must be a positive integer, got ${args.workers}`, 2)
  const generated = args.key === undefined
  const key = generated ? generateIdentityKey() : await loadKey(args.key!)
  const keyFile = generated ? `${args.out}.key` : args.key!
  // Checked before mining so no work is wasted; saveKey's exclusive create still guards the race.
  if (generated && existsSync(keyFile)) throw keyExistsError(keyFile)

  const controller = new AbortController()
  const onSigint = (): void => controller.abort(new CliError('mining interrupted', 130))
  process.once('SIGINT', onSigint)
  info(`mining a ${args.bits}-bit ticket for ${bytesToHex(key.publicKey)} on '${args.network}' (2^${args.bits} hashes expected; Ctrl-C aborts)`)
  const bar = createProgressBar(`mining ${args.bits} bits`)
  let result: Awaited<ReturnType<typeof mineTicket>>
  try {
    result = await mineTicket(
      { networkId: args.network, publicKey: key.publicKey, anchor: genesisHash(args.network), anchorEpoch: 0, bits: args.bits },
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
    publicKey: bytesToHex(key.publicKey),
    bits: args.bits,
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
