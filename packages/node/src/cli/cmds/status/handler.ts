import type { NodeStatusView } from '../../../api/types.js'
import { apiRequest, apiUrlOf } from '../../client/api-client.js'
import type { GlobalArgs } from '../../types.js'
import { CliError } from '../../util/errors.js'
import { printJson } from '../../util/output.js'
import type { StatusArgs } from './options.js'

export async function statusHandler(args: StatusArgs & GlobalArgs): Promise<void> {
  const base = apiUrlOf(args)
  const { status, body } = await apiRequest(base, '/v1/status')
  if (status !== 200) throw new CliError(`${base}/v1/status answered ${status}: ${String(body.error ?? '')}`)
  if (args.json) {
    printJson(body)
    return
  }
  const view = body as unknown as NodeStatusView
  const engine = view.engine
  const lines = [
    `network     ${view.network}`,
    `peer id     ${view.peerId}`,
    `sync        ${view.sync.state}${view.sync.target === undefined ? '' : ` (${view.sync.fetched}/${view.sync.target})`}`,
    `peers       ${view.peers.connected} connected, ${view.peers.ticketed} ticketed`,
    `latest      ${view.latestEpoch ?? 'none'}`,
  ]
  if (engine !== undefined) {
    lines.push(
      `epoch       ${engine.epoch} (${engine.phase}), committee ${engine.committeeSize}`,
      `T / H       ${engine.temperature?.toFixed(4) ?? '-'} / ${engine.entropyBits?.toFixed(3) ?? '-'} bits`,
      `difficulty  ${engine.difficulty.toFixed(2)}, mempool ${engine.mempoolDepth}`,
    )
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}
