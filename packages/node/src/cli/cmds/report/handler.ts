import { createEd25519, reportId, signReport } from '@thermotruth/protocol'
import { defaultDataDir } from '../../../config/paths.js'
import { loadOrCreateClientKey } from '../../../node/client-key.js'
import { apiRequest, apiUrlOf } from '../../client/api-client.js'
import type { GlobalArgs } from '../../types.js'
import { CliError } from '../../util/errors.js'
import { info, printJson } from '../../util/output.js'
import { asCliErrors } from '../fail.js'
import type { ReportArgs } from './options.js'

export async function reportHandler(args: ReportArgs & GlobalArgs): Promise<void> {
  const values = args.value.map(Number)
  if (values.length === 0 || !values.every(Number.isFinite)) throw new CliError('--value must be finite numbers', 2)
  if (!Number.isFinite(args.waitSeconds) || args.waitSeconds <= 0 || args.waitSeconds > 86_400) throw new CliError(`--wait-seconds must be a number of seconds in (0, 86400], got ${args.waitSeconds}`, 2)
  const base = apiUrlOf(args)
  const key = await asCliErrors(async () => loadOrCreateClientKey(args.dataDir ?? defaultDataDir(args.network ?? 'local')))
  const signer = createEd25519(key.secretKey)
  // The sequence only has to increase per client key; wall-clock ms does that without keeping a counter.
  const report = signReport({ feed: args.feed, values: Float64Array.from(values), clientKey: key.publicKey, sequence: Date.now() }, signer.sign)
  const { status, body } = await apiRequest(base, '/v1/reports', {
    method: 'POST',
    body: {
      feed: report.feed,
      values,
      clientKey: Buffer.from(report.clientKey).toString('hex'),
      sequence: report.sequence,
      signature: Buffer.from(report.signature).toString('hex'),
    },
  })
  if (status === 429) throw new CliError(`the node's mempool is full (${String(body.error)}); retry in a few seconds`, 75)
  if (status !== 202) throw new CliError(`report refused (${status}): ${String(body.error ?? 'no reason')}`)
  const id = String(body.id)
  if (id !== reportId(report)) info(`note: the node named the report ${id}, expected ${reportId(report)}`)
  let state: Record<string, unknown> = { id, status: 'pending' }
  if (args.wait) state = await waitForOutcome(base, id, args.waitSeconds * 1000)
  if (args.json) printJson(state)
  else process.stdout.write(`report ${id}: ${describe(state)}\n`)
  if (state.status === 'rejected') process.exitCode = 1
}

function describe(state: Record<string, unknown>): string {
  if (state.status === 'finalized') return `finalized in epoch ${state.epoch}`
  if (state.status === 'rejected') return `rejected (${state.reason})`
  return 'pending'
}

async function waitForOutcome(base: string, id: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { status, body } = await apiRequest(base, `/v1/reports/${id}`)
    if (status === 200 && body.status !== 'pending') return body
    if (Date.now() > deadline) throw new CliError(`report ${id} still pending after ${timeoutMs / 1000} s`, 75)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
