/**
 * What a linear epoch's certificate costs at n members: the Ed25519 certificate every follower checks today (a
 * quorum of endorsements, one verify each, through `verifyCertificate`) against a BLS aggregate of the same quorum
 * (@chainsafe/blst, Lodestar's binding of supranational/blst), per follower and for the leader, with the bytes each
 * puts on the wire. Issue 14 asks to choose between them by measured CPU and bytes at n = 100.
 *   pnpm build && node packages/protocol/dist/bench/certificate-crypto.js [--n 100] [--reps 20]
 * Bounded: every figure is the mean of --reps repetitions (default 20). Prints one JSON object.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { aggregatePublicKeys, aggregateSignatures, fastAggregateVerify, PublicKey, SecretKey, Signature, verify as blsVerify } from '@chainsafe/blst'
import type { EpochRecord, FinalityCertificate } from '../src/index.js'
import * as wire from '../src/index.js'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const n = arg('--n', 100)
const reps = arg('--reps', 20)
const NETWORK = 'thermotruth-bench'
const q = wire.quorum(n)

function meanMs(fn: () => void): number {
  fn() // warm up
  const start = performance.now()
  for (let i = 0; i < reps; i++) fn()
  return round((performance.now() - start) / reps)
}
const round = (x: number) => Math.round(x * 1000) / 1000

// ---------------------------------------------------------------- Ed25519: the certificate as built today
const members = Array.from({ length: n }, (_, i) => {
  const seed = new Uint8Array(32)
  new DataView(seed.buffer).setUint32(0, i + 1)
  return wire.createEd25519(seed)
}).sort((x, y) => wire.compareBytes(x.publicKey, y.publicKey))
const committee = members.map((m) => m.publicKey)
const record: EpochRecord = {
  networkId: NETWORK,
  epoch: 9,
  feeds: [{ feed: 'price', values: Float64Array.of(101.5), temperature: 0.66, entropyBits: 6.5, freeEnergy: -3, logPartition: 2, nEff: 90 }],
  includedAuthors: committee,
  reportsRoot: wire.reportsRoot([]),
  reportCount: 0,
  nextDifficulty: 8,
  approximate: false,
  previousRecordDigest: new Uint8Array(32),
}
const digest = wire.recordDigest(record)
const endorsers = members.slice(0, q)
const endorsements = endorsers.map((m) =>
  wire.signEndorsement({ networkId: NETWORK, epoch: 9, author: m.publicKey, proposalSetDigest: new Uint8Array(32), recordDigest: digest }, m.sign),
)
const certificate: FinalityCertificate = { record, committee, endorsements }
const follower = wire.createEd25519(new Uint8Array(32).fill(0xee))
// Keys imported ahead, as the engine does for the committee (EngineCrypto.prepareKeys).
for (const m of members) follower.verify(m.publicKey, digest, new Uint8Array(64))
const ctx = { committee, networkId: NETWORK, crypto: follower }
const checked = wire.verifyCertificate(certificate, ctx)
if (!checked.ok) throw new Error(`bench certificate does not verify: ${checked.reason} ${checked.detail}`)
const ed25519 = {
  followerVerifyMs: meanMs(() => {
    if (!wire.verifyCertificate(certificate, ctx).ok) throw new Error('verify failed')
  }),
  endorseSignMs: meanMs(() => endorsers[0].sign(digest)),
  certificateBytes: wire.encodeFinalityCertificate(certificate).length,
  /** The endorsements' share of the certificate (the part an aggregate replaces). */
  quorumBytes: wire.encodeFinalityCertificate(certificate).length - wire.encodeFinalityCertificate({ ...certificate, endorsements: [] }).length,
}

// ---------------------------------------------------------------- BLS: the same quorum as one aggregate
const blsKeys = Array.from({ length: n }, () => SecretKey.fromKeygen(randomBytes(32)))
const blsPublic = blsKeys.map((k) => k.toPublicKey())
const signerPublic = blsPublic.slice(0, q)
const signatureBytes = blsKeys.slice(0, q).map((k) => k.sign(digest).toBytes())
const aggregate = aggregateSignatures(signatureBytes.map((b) => Signature.fromBytes(b, true)))
if (!fastAggregateVerify(digest, signerPublic, aggregate)) throw new Error('bench aggregate does not verify')
const bls = {
  followerVerifyMs: meanMs(() => {
    if (!fastAggregateVerify(digest, signerPublic, Signature.fromBytes(aggregate.toBytes(), true))) throw new Error('aggregate verify failed')
  }),
  endorseSignMs: meanMs(() => blsKeys[0].sign(digest)),
  /** The leader: decode and group-check q signatures, aggregate, then one check of the aggregate. */
  leaderAggregateMs: meanMs(() => {
    const agg = aggregateSignatures(signatureBytes.map((b) => Signature.fromBytes(b, true)))
    if (!fastAggregateVerify(digest, signerPublic, agg)) throw new Error('leader aggregate failed')
  }),
  /** A leader that checks each endorsement on arrival instead (what it does with Ed25519 today). */
  leaderEachMs: round(meanMs(() => blsVerify(digest, signerPublic[0], Signature.fromBytes(signatureBytes[0], true))) * q),
  aggregatePublicKeysMs: meanMs(() => aggregatePublicKeys(signerPublic)),
  /** Importing one member's key (once per member, then cached), with its subgroup check. */
  publicKeyImportMs: meanMs(() => PublicKey.fromBytes(blsPublic[0].toBytes(), true)),
  /** Signer bitmap plus the aggregate signature, in place of q (author, digest, signature) entries. */
  quorumBytes: Math.ceil(n / 8) + aggregate.toBytes().length,
}

console.log(
  JSON.stringify({
    nodeVersion: process.version,
    n,
    quorum: q,
    reps,
    ed25519,
    bls,
    followerSpeedup: round(ed25519.followerVerifyMs / bls.followerVerifyMs),
    quorumBytesSaved: ed25519.quorumBytes - bls.quorumBytes,
  }),
)
