/**
 * Cost of the wire and validation path per proposal (what every node pays per received proposal), bounded by time.
 *   pnpm build && node packages/protocol/dist/bench/validate.js [--ms 1000] [--reports 0]
 * Measures decode, encode, signing bytes, and validateProposalBytes with a real verifier and with a shared verify
 * cache, and with both a shared verify cache and a shared decode cache (the simulator's setting: another simulated
 * node already parsed the bytes and checked the signatures). Prints one JSON object.
 */
import { performance } from 'node:perf_hooks'
import { mineStamp } from '@thermotruth/pow'
import * as wire from '../src/index.js'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const budgetMs = arg('--ms', 1000)
const reportCount = arg('--reports', 0)

const author = wire.createEd25519(new Uint8Array(32).fill(1))
const client = wire.createEd25519(new Uint8Array(32).fill(2))
const genesis = new Uint8Array(32).fill(7)
const reports = Array.from({ length: reportCount }, (_, i) =>
  wire.signReport({ feed: 'btc', values: Float64Array.of(i), clientKey: client.publicKey, sequence: i }, client.sign),
)
const draft = {
  networkId: 'bench',
  epoch: 5,
  author: author.publicKey,
  ticket: { version: 1 as const, networkId: 'bench', publicKey: author.publicKey, anchor: genesis, anchorEpoch: 0, bits: 0, nonce: new Uint8Array(8) },
  observations: ['btc', 'eth', 'sol', 'eur'].map((feed, i) => ({ feed, values: Float64Array.of(100 + i) })),
  reports,
}
const proposal = wire.signProposal({ ...draft, stamp: mineStamp(wire.proposalStampDigest(draft), 8) }, author.sign)
const bytes = wire.encodeProposal(proposal)

function ctx(verify: wire.Verify): wire.ValidationContext {
  return {
    networkId: 'bench',
    currentEpoch: 5,
    crypto: { verify },
    ticketPolicy: { networkId: 'bench', minBits: 0, validForEpochs: 100, anchorFor: (e) => (e === 0 ? genesis : undefined) },
    knownTicket: () => undefined,
    requiredStampBits: () => 8,
  }
}

function rate(fn: () => void): number {
  for (let i = 0; i < 100; i++) fn()
  const start = performance.now()
  let n = 0
  while (performance.now() - start < budgetMs) {
    for (let k = 0; k < 20; k++) fn()
    n += 20
  }
  return Math.round(n / ((performance.now() - start) / 1000))
}

const real = ctx(wire.createVerify('node'))
const cache = wire.createVerifyCache(wire.createVerify('node'))
const cached = ctx(cache.verify)
const shared = { ...ctx(cache.verify), decodeCache: wire.createDecodeCache<wire.Proposal>() }
const check = (c: wire.ValidationContext) => () => {
  if (wire.validateProposalBytes(bytes, c).verdict.action !== 'accept') throw new Error('rejected')
}
console.log(
  JSON.stringify({
    proposalBytes: bytes.length,
    reports: reportCount,
    budgetMs,
    perSecond: {
      decodeProposal: rate(() => wire.decodeProposal(bytes)),
      encodeProposal: rate(() => wire.encodeProposal(proposal)),
      proposalSigningBytes: rate(() => wire.proposalSigningBytes(proposal)),
      proposalStampDigest: rate(() => wire.proposalStampDigest(proposal)),
      validateWithVerify: rate(check(real)),
      validateWithSharedVerifyCache: rate(check(cached)),
      validateWithSharedVerifyAndDecodeCache: rate(check(shared)),
    },
  }),
)
