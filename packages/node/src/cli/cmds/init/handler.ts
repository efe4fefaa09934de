import { existsSync, readFileSync } from 'node:fs'
import { type MineProgress, ticketFromJson } from '@thermotruth/pow'
import { resolveSettings } from '../../../config/settings.js'
import { initDataDir, type TicketImport } from '../../../node/identity.js'
import type { GlobalArgs } from '../../types.js'
import { CliError } from '../../util/errors.js'
import { info, printJson } from '../../util/output.js'
import { createProgressBar } from '../../util/progress.js'
import { asCliErrors } from '../fail.js'
import { settingsInput } from '../start/options.js'
import type { InitArgs } from './options.js'

function describe(p: MineProgress): string {
  return `${(p.hashesPerSecond / 1e6).toFixed(2)} MH/s, ${p.hashes.toLocaleString('en')} hashes`
}

/** `--ticket FILE [--key FILE]`: the ticket JSON and, when present, the 64-hex secret key `pow mint` saved beside it. */
function readTicketImport(ticketFile: string, keyFile: string | undefined): TicketImport {
  let ticket: TicketImport['ticket']
  try {
    ticket = ticketFromJson(JSON.parse(readFileSync(ticketFile, 'utf8')))
  } catch (error) {
    throw new CliError(`--ticket ${ticketFile}: ${(error as Error).message.split('\n')[0]}`, 2)
  }
  const keyPath = keyFile ?? (existsSync(`${ticketFile}.key`) ? `${ticketFile}.key` : undefined)
  if (keyPath === undefined) return { ticket }
  let text: string
  try {
    text = readFileSync(keyPath, 'utf8').trim()
  } catch (error) {
    throw new CliError(`--key ${keyPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 2)
  }
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new CliError(`--key ${keyPath}: expected a 32-byte Ed25519 secret key as 64 hex characters`, 2)
  return { ticket, secretKey: Uint8Array.from(Buffer.from(text, 'hex')) }
}

export async function initHandler(args: InitArgs & GlobalArgs): Promise<void> {
  if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 1)) throw new CliError(`--workers must be a positive integer, got ${args.workers}`, 2)
  if (args.key !== undefined && args.ticket === undefined) throw new CliError('--key only goes with --ticket (init mines for its own key otherwise)', 2)
  const importTicket = args.ticket === undefined ? undefined : readTicketImport(args.ticket, args.key)
  const result = await asCliErrors(async () => {
    const settings = resolveSettings(settingsInput(args))
    const bar = createProgressBar(`mining a ${settings.config.genesis.identityBits}-bit ticket`)
    const controller = new AbortController()
    const onSigint = (): void => controller.abort(new CliError('mining interrupted; run init again to resume', 130))
    process.once('SIGINT', onSigint)
    try {
      const done = await initDataDir(settings.dataDir, settings.config, {
        onProgress: (p) => bar.update(p.hashes / p.expectedHashes, describe(p)),
        signal: controller.signal,
        workers: args.workers,
        importTicket,
        bootstrap: settings.bootstrap,
        log: info,
      })
      if (done.hashes > 0) bar.done(`${done.hashes.toLocaleString('en')} hashes in ${(done.elapsedMs / 1000).toFixed(1)} s`)
      return { ...done, network: settings.config.network }
    } finally {
      process.off('SIGINT', onSigint)
    }
  })
  if (args.json) printJson(result)
  else {
    info(result.imported ? `imported the ticket into ${result.dataDir}` : result.hashes > 0 ? `initialized ${result.dataDir}` : `${result.dataDir} is already initialized`)
    process.stdout.write(
      `network ${result.network}\ngenesis ${result.genesisTime} (${new Date(result.genesisTime).toISOString()})\npeer id ${result.peerId}\nauthor ${result.publicKey}\nticket ${result.bits} bits\n`,
    )
  }
}
