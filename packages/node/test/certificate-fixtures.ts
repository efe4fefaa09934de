/** A chain of real, signed finality certificates (Ed25519 over the wire signing bytes), for sync and verify tests. */
import {
  compareBytes,
  createEd25519,
  type Ed25519,
  type EpochRecord,
  type FinalityCertificate,
  recordDigest,
  reportsRoot,
  signEndorsement,
  ZERO_DIGEST,
} from '@thermotruth/protocol'

export const NETWORK = 'local'

export function committeeSigners(n: number, offset = 0): Ed25519[] {
  return Array.from({ length: n }, (_, i) => createEd25519(new Uint8Array(32).fill(i + 1 + offset)))
}

export function recordFor(epoch: number, authors: Ed25519[], previous: EpochRecord | undefined): EpochRecord {
  return {
    networkId: NETWORK,
    epoch,
    feeds: [{ feed: 'eth-usd', values: Float64Array.of(3000 + epoch), temperature: 0.5, entropyBits: 2, freeEnergy: -1, logPartition: 1, nEff: 4 }],
    includedAuthors: authors.map((a) => a.publicKey).sort(compareBytes),
    reportsRoot: reportsRoot([]),
    reportCount: 0,
    nextDifficulty: 8,
    approximate: false,
    previousRecordDigest: previous === undefined ? ZERO_DIGEST : recordDigest(previous),
  }
}

export function certify(record: EpochRecord, committee: Ed25519[], endorsers: Ed25519[] = committee): FinalityCertificate {
  const digest = recordDigest(record)
  const endorsements = endorsers
    .map((signer) =>
      signEndorsement(
        { networkId: record.networkId, epoch: record.epoch, author: signer.publicKey, proposalSetDigest: new Uint8Array(32).fill(7), recordDigest: digest },
        signer.sign,
      ),
    )
    .sort((a, b) => compareBytes(a.author, b.author))
  return { record, endorsements, committee: committee.map((c) => c.publicKey).sort(compareBytes) }
}

/** Certificates for epochs [from, from + count), chained, all signed by the same committee. */
export function certificateChain(from: number, count: number, committee: Ed25519[]): FinalityCertificate[] {
  const out: FinalityCertificate[] = []
  let previous: EpochRecord | undefined
  for (let epoch = from; epoch < from + count; epoch++) {
    const record = recordFor(epoch, committee, previous)
    out.push(certify(record, committee))
    previous = record
  }
  return out
}
