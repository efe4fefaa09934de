/** What the node keeps per finalized epoch, and the client report index. */

export interface FeedSummary {
  feed: string
  values: number[]
  temperature: number
  entropyBits: number
  freeEnergy: number
  nEff: number
  approximateSpread?: number
}

/** The API's JSON view of a finalized epoch, stored beside the encoded bytes so reads never decode. */
export interface EpochSummary {
  epoch: number
  approximate: boolean
  feeds: FeedSummary[]
  includedAuthors: number
  reportCount: number
  nextDifficulty: number
  /** Hex digest of the record (the chain link the next record points to). */
  recordDigest: string
  endorsements: number
  committeeSize: number
  latencyMs: number
  finalizedAt: number
}

export interface StoredEpoch {
  summary: EpochSummary
  /** Encoded FinalityCertificate (certified epochs) or encoded EpochRecord (approximate epochs). */
  bytes: Uint8Array
}

export type ReportState =
  | { status: 'pending'; feed: string; submittedAt: number }
  | { status: 'finalized'; feed: string; submittedAt: number; epoch: number }
  | { status: 'rejected'; feed: string; submittedAt: number; reason: string }
