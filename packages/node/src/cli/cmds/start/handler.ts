import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { resolveSettings } from '../../../config/settings.js'
import { nodeLineLogger } from '../../../logging/index.js'
import { clearApiEndpoint } from '../../../node/api-endpoint.js'
import { initDataDir } from '../../../node/identity.js'
import { attachOpenNetwork, type OpenNetworkServices } from '../../../node/open-network.js'
import { ThermoNode } from '../../../node/thermo-node.js'
import { dataDirPaths } from '../../../store/data-dir.js'
import { NODE_KEY_FILE } from '../../../store/node-key.js'
import type { GlobalArgs } from '../../types.js'
import { checkNodeAddresses, probeListenPorts } from '../../util/addresses.js'
import { loggerFromArgs } from '../../util/cli-logger.js'
import { CliError } from '../../util/errors.js'
import { printJson } from '../../util/output.js'
import { createProgressBar } from '../../util/progress.js'
import { untilShutdown } from '../../util/shutdown.js'
import { cliVersion } from '../../util/version.js'
import { asCliErrors } from '../fail.js'
import { epochLine } from './epoch-line.js'
import { type StartArgs, settingsInput } from './options.js'

/**
 * Runs a node until SIGINT/SIGTERM/SIGHUP. A fresh data dir on a local-profile network is initialized first.
 * Output: stdout carries the start summary (one JSON object with --json); everything the running node says (the
 * banner first, then one record per epoch, warnings) goes to the logger: stderr, and the --log-file if given.
 */
export async function startHandler(args: StartArgs & GlobalArgs): Promise<void> {
  const logger = loggerFromArgs(args)
  const log = nodeLineLogger(logger)
  // Signals are handled from here on. A node that is running stops through node.stop(). A signal during start-up
  // (sync may wait 10 s for peers, and a joiner up to a minute for a first certificate) cannot abort ThermoNode.start,
  // so it exits at once instead: the store is crash-safe (what kill -9 tests), and the one file a clean stop would
  // remove, api.json, is removed here.
  let running: ThermoNode | undefined
  let open: OpenNetworkServices | undefined
  let dataDir: string | undefined
  const shutdown = untilShutdown(
    async () => {
      open?.stop()
      if (running !== undefined) return running.stop()
      if (dataDir !== undefined) clearApiEndpoint(dataDir)
      logger.info('stopped during start-up')
      process.exit(130)
    },
    (name) => logger.info({ signal: name }, `${name}: stopping (closing the store and sockets)`),
  )
  const settings = await asCliErrors(async () => resolveSettings(settingsInput(args)))
  const node = await asCliErrors(async () => {
    const { config } = settings
    dataDir = settings.dataDir
    const given = (list: string[] | undefined): boolean => list !== undefined && list.length > 0
    checkNodeAddresses(settings, { listen: given(args.listen), announce: given(args.announce), bootstrap: args.bootstrap !== undefined }, settings.configPath)
    await probeListenPorts(settings.listen, given(args.listen) ? '--listen' : `${settings.configPath}: listen:`)
    logger.info(
      { version: cliVersion(), node: process.version, network: config.network, profile: config.profile, dataDir: settings.dataDir, networkConfig: settings.configPath },
      `thermotruth ${cliVersion()} starting: network '${config.network}' (${config.profile} profile), data dir ${settings.dataDir}`,
    )
    const initialized = existsSync(join(settings.dataDir, NODE_KEY_FILE)) && existsSync(dataDirPaths(settings.dataDir).db)
    if (!initialized) {
      if (config.profile !== 'local') throw new CliError(`data dir ${settings.dataDir} is not initialized; run 'thermotruth init --network ${config.network}' first`)
      log(`initializing ${settings.dataDir} (local network: ${config.genesis.identityBits}-bit ticket)`)
      await initDataDir(settings.dataDir, config)
    }
    const bar = createProgressBar('syncing history')
    return ThermoNode.start({
      settings,
      log,
      onSyncProgress: (fetched, next, until) => bar.update((next - (until - fetched)) / Math.max(1, fetched + until - next), `${fetched} certificates, epoch ${next}/${until}`),
      onEpoch: (summary, self) => {
        const peers = self.network.peers().length
        const fields = { epoch: summary.epoch, approximate: summary.approximate, latencyMs: Math.round(summary.latencyMs), peers, endorsements: summary.endorsements }
        logger.info(fields, epochLine(summary, peers))
      },
    })
  })
  running = node
  // Ticket renewal, the anchor protocol for ticketless joiners, and readiness lines (node/open-network.ts).
  open = await attachOpenNetwork(node, settings, { log })
  const summary = {
    network: node.status().network,
    peerId: node.network.peerId,
    dataDir: node.dataDir,
    listen: node.network.listenAddresses(),
    apiUrl: node.apiServer?.url,
    metricsUrl: node.apiServer?.metricsUrl,
    genesisTime: node.genesisTime,
  }
  logger.info(summary, `node ${summary.peerId} running; API ${summary.apiUrl ?? 'off'}`)
  if (args.json) printJson(summary)
  else {
    process.stdout.write(`node ${summary.peerId} on network ${summary.network}\n`)
    for (const addr of summary.listen) process.stdout.write(`listening ${addr}\n`)
    process.stdout.write(`api ${summary.apiUrl}\n`)
    if (summary.metricsUrl !== undefined) process.stdout.write(`metrics ${summary.metricsUrl}\n`)
    if (summary.apiUrl !== undefined) process.stdout.write(`dashboard ${summary.apiUrl}/\n`)
  }
  const signal = await shutdown
  logger.info({ signal }, 'stopped')
}
