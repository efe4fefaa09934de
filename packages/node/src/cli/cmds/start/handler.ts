import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { resolveSettings } from '../../../config/settings.js'
import { initDataDir } from '../../../node/identity.js'
import { attachOpenNetwork } from '../../../node/open-network.js'
import { ThermoNode } from '../../../node/thermo-node.js'
import { dataDirPaths } from '../../../store/data-dir.js'
import { NODE_KEY_FILE } from '../../../store/node-key.js'
import type { GlobalArgs } from '../../types.js'
import { CliError } from '../../util/errors.js'
import { info, printJson } from '../../util/output.js'
import { createProgressBar } from '../../util/progress.js'
import { asCliErrors } from '../fail.js'
import { epochLine } from './epoch-line.js'
import { type StartArgs, settingsInput } from './options.js'

/** Runs a node until SIGINT/SIGTERM. A fresh data dir on a local-profile network is initialized first. */
export async function startHandler(args: StartArgs & GlobalArgs): Promise<void> {
  const settings = await asCliErrors(async () => resolveSettings(settingsInput(args)))
  const node = await asCliErrors(async () => {
    const { config } = settings
    const initialized = existsSync(join(settings.dataDir, NODE_KEY_FILE)) && existsSync(dataDirPaths(settings.dataDir).db)
    if (!initialized) {
      if (config.profile !== 'local') throw new CliError(`data dir ${settings.dataDir} is not initialized; run 'thermotruth init --network ${config.network}' first`)
      info(`initializing ${settings.dataDir} (local network: ${config.genesis.identityBits}-bit ticket)`)
      await initDataDir(settings.dataDir, config)
    }
    const bar = createProgressBar('syncing history')
    return ThermoNode.start({
      settings,
      log: info,
      onSyncProgress: (fetched, next, until) => bar.update((next - (until - fetched)) / Math.max(1, fetched + until - next), `${fetched} certificates, epoch ${next}/${until}`),
      onEpoch: (summary, self) => {
        const line = epochLine(summary, self.network.peers().length)
        if (args.json) info(line)
        else process.stdout.write(`${line}\n`)
      },
    })
  })
  // Ticket renewal, the anchor protocol for ticketless joiners, and readiness lines (node/open-network.ts).
  const open = await attachOpenNetwork(node, settings, { log: info })
  const summary = {
    network: node.status().network,
    peerId: node.network.peerId,
    dataDir: node.dataDir,
    listen: node.network.listenAddresses(),
    apiUrl: node.apiServer?.url,
    metricsUrl: node.apiServer?.metricsUrl,
    genesisTime: node.genesisTime,
  }
  if (args.json) printJson(summary)
  else {
    process.stdout.write(`node ${summary.peerId} on network ${summary.network}\n`)
    for (const addr of summary.listen) process.stdout.write(`listening ${addr}\n`)
    process.stdout.write(`api ${summary.apiUrl}\n`)
    if (summary.metricsUrl !== undefined) process.stdout.write(`metrics ${summary.metricsUrl}\n`)
    if (summary.apiUrl !== undefined) process.stdout.write(`dashboard ${summary.apiUrl}/\n`)
  }
  await new Promise<void>((resolve) => {
    const shutdown = (): void => {
      info('stopping...')
      open.stop()
      node.stop().then(resolve, (error: unknown) => {
        info(`stop failed: ${(error as Error).message}`)
        resolve()
      })
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  })
}
