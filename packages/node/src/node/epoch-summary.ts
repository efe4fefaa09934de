import { type EpochRecord, type FinalityCertificate, recordDigest } from '@thermotruth/protocol'
import type { EpochSummary } from '../store/types.js'

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** The API's JSON view of a finalized record (certificate fields when certified). */
export function summarizeRecord(
  record: EpochRecord,
  extra: { endorsements: number; committeeSize: number; latencyMs: number; finalizedAt: number },
): EpochSummary {
  return {
    epoch: record.epoch,
    approximate: record.approximate,
    feeds: record.feeds.map((f) => ({
      feed: f.feed,
      values: [...f.values],
      temperature: f.temperature,
      entropyBits: f.entropyBits,
      freeEnergy: f.freeEnergy,
      nEff: f.nEff,
      ...(f.approximateSpread === undefined ? {} : { approximateSpread: f.approximateSpread }),
    })),
    includedAuthors: record.includedAuthors.length,
    reportCount: record.reportCount,
    nextDifficulty: record.nextDifficulty,
    recordDigest: hex(recordDigest(record)),
    ...extra,
  }
}

export function summarizeCertificate(certificate: FinalityCertificate, latencyMs: number, finalizedAt: number): EpochSummary {
  return summarizeRecord(certificate.record, {
    endorsements: certificate.endorsements.length,
    committeeSize: certificate.committee.length,
    latencyMs,
    finalizedAt,
  })
}
