import { quorum, recordDigest } from '@thermotruth/protocol'
import { resolveSettings } from '../../../config/settings.js'
import { createCertificateVerifier } from '../../../node/certificate-check.js'
import type { GlobalArgs } from '../../types.js'
import { printJson } from '../../util/output.js'
import { asCliErrors } from '../fail.js'
import { settingsInput } from '../start/options.js'
import { certificateFromFile, certificatesOfEpoch } from './load.js'
import type { VerifyArgs } from './options.js'

/** Checks a certificate offline against the network's genesis config: signatures, quorum, committee, chain link. */
export async function verifyHandler(args: VerifyArgs & GlobalArgs & { target: string }): Promise<void> {
  const outcome = await asCliErrors(async () => {
    const settings = resolveSettings(settingsInput(args))
    const { config } = settings
    const [certificate, previous] = /^\d{1,16}$/.test(args.target)
      ? await certificatesOfEpoch(settings.dataDir, Number(args.target), args.apiUrl)
      : [certificateFromFile(args.target), args.previous === undefined ? undefined : certificateFromFile(args.previous)]
    const verify = createCertificateVerifier({ networkId: config.network, genesisCommittee: settings.genesisCommittee })
    const problem = verify(certificate, previous)
    const { record } = certificate
    return {
      valid: problem === undefined,
      ...(problem === undefined ? {} : { problem }),
      network: record.networkId,
      epoch: record.epoch,
      recordDigest: Buffer.from(recordDigest(record)).toString('hex'),
      endorsements: certificate.endorsements.length,
      committee: certificate.committee.length,
      quorum: quorum(certificate.committee.length),
      chainChecked: previous !== undefined && previous.record.epoch === record.epoch - 1,
      feeds: record.feeds.map((f) => ({ feed: f.feed, values: [...f.values], temperature: f.temperature, entropyBits: f.entropyBits })),
    }
  })
  if (args.json) printJson(outcome)
  else {
    const head = outcome.valid ? 'VALID' : `INVALID (${outcome.problem})`
    process.stdout.write(
      `${head}: ${outcome.network} epoch ${outcome.epoch}, ${outcome.endorsements}/${outcome.committee} endorsements (quorum ${outcome.quorum})` +
        `${outcome.chainChecked ? ', chain link checked' : ''}\nrecord ${outcome.recordDigest}\n` +
        outcome.feeds.map((f) => `  ${f.feed} = ${f.values.join(', ')}  T=${f.temperature.toPrecision(4)} H=${f.entropyBits.toFixed(3)}`).join('\n') +
        '\n',
    )
  }
  if (!outcome.valid) process.exitCode = 1
}
