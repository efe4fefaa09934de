import type { MineProgress } from '@thermotruth/pow'
import { resolveSettings } from '../../../config/settings.js'
import { initDataDir } from '../../../node/identity.js'
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

export async function initHandler(args: InitArgs & GlobalArgs): Promise<void> {
  if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 1)) throw new CliError(`--workers must be a positive integer, got ${args.workers}`, 2)
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
      })
      if (done.hashes > 0) bar.done(`${done.hashes.toLocaleString('en')} hashes in ${(done.elapsedMs / 1000).toFixed(1)} s`)
      return { ...done, network: settings.config.network }
    } finally {
      process.off('SIGINT', onSigint)
    }
  })
  if (args.json) printJson(result)
  else {
    info(result.hashes > 0 ? `initialized ${result.dataDir}` : `${result.dataDir} is already initialized`)
    process.stdout.write(`network ${result.network}\npeer id ${result.peerId}\nauthor ${result.publicKey}\nticket ${result.bits} bits\n`)
  }
}
