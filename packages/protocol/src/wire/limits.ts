/**
 * Hard size limits of the wire format. Decoders check the message size before parsing, pass the repeated-field
 * counts to protons (`limits`) so a hostile length prefix can never make them allocate more, and check every field.
 * Encoders enforce the same limits, so a node never publishes what its peers would reject.
 */
export const LIMITS = {
  /** Raw Ed25519 public keys, sha256 digests, Ed25519 signatures, PoW nonces. */
  keyBytes: 32,
  digestBytes: 32,
  signatureBytes: 64,
  nonceBytes: 8,
  /** Feed ids and network ids: short ASCII names. */
  feedIdBytes: 64,
  networkIdBytes: 64,
  /** Vector dimension of one feed value. */
  dims: 64,
  /** Feeds per proposal / record / estimate. */
  feeds: 32,
  /** Client reports in one proposal (the 64 KiB proposal budget usually binds first: a report is ~130 B). */
  reportsPerProposal: 1024,
  /** Committee members (bitmaps, included authors, certificate committees). */
  committee: 16384,
  /** PoW difficulty bits (tickets and stamps). */
  powBits: 256,
  /** Proposals fetched by one request / returned in one response. */
  proposalsPerResponse: 16384,
  /** Certificates per sync response (a certificate can be large: the response byte budget binds first). */
  certificatesPerResponse: 256,
  /** Approximate-agreement rounds (log2 of any sane spread/epsilon is far below). */
  agreementRounds: 64,
  /** Longest error string in a response. */
  errorBytes: 256,
  /** Whole-message byte budgets. */
  bytes: {
    ticket: 256,
    report: 1024,
    proposal: 64 * 1024,
    endorsement: 512,
    estimate: 24 * 1024,
    record: 1024 * 1024,
    certificate: 4 * 1024 * 1024,
    request: 1024 * 1024,
    response: 8 * 1024 * 1024,
  },
} as const

/** Names allowed for feeds and networks: lowercase ASCII, digits and `._:-`, 1..64 bytes. */
export const NAME_PATTERN = /^[a-z0-9._:-]{1,64}$/
