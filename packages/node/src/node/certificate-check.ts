import { createVerify, type FinalityCertificate, recordDigest, verifyCertificate } from '@thermotruth/protocol'
import type { Checkpoint } from '../config/settings.js'
import type { CertificateVerifier } from './engine-types.js'

export interface CertificateCheckInit {
  networkId: string
  /** Sorted hex author ids of epoch 0's committee; empty = open genesis. */
  genesisCommittee: string[]
  /** A trusted certified record (--checkpoint): sync starts there and refuses what does not chain to it. */
  checkpoint?: Checkpoint
}

/** The verifier, carrying its checkpoint so sync (sync.ts) can start at it instead of at epoch 0. */
export type CheckpointedVerifier = CertificateVerifier & { readonly checkpoint?: Checkpoint }

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

/**
 * Offline certificate check for sync and `verify`. The committee rule needs eviction and ticket state a syncing
 * node does not have, so the expected committee is bounded instead of recomputed: it must be a subset of the
 * authors included in the previous record (the rule only removes from that set) and the record must chain onto it,
 * when `previous` is the epoch right before; at epoch 0 it must be the configured genesis committee. Otherwise
 * (open genesis, or an approximate epoch in between whose record sync does not carry) the certificate's own
 * committee is trusted on first use; signatures and the > 2/3 quorum are always checked.
 *
 * With a checkpoint (epoch C, record digest D), trust starts at C instead: the certificate at C must carry exactly
 * the record D, nothing older is accepted, and every later certificate must link (previousRecordDigest) to the one
 * verified before it, gaps of approximate epochs included (records link to the latest *certified* record). So a
 * peer serving another chain is refused however well signed its certificates are.
 */
export function createCertificateVerifier(init: CertificateCheckInit): CheckpointedVerifier {
  const crypto = { verify: createVerify() }
  const verifier = (certificate: FinalityCertificate, previous: FinalityCertificate | undefined): string | undefined => {
    const epoch = certificate.record.epoch
    if (init.checkpoint !== undefined) {
      const refused = checkpointProblem(certificate, previous, init.checkpoint)
      if (refused !== undefined) return refused
    }
    const adjacent = previous !== undefined && previous.record.epoch === epoch - 1
    if (adjacent) {
      const allowed = new Set(previous!.record.includedAuthors.map(hex))
      const outsider = certificate.committee.find((member) => !allowed.has(hex(member)))
      if (outsider !== undefined) return `wrong-committee: ${hex(outsider).slice(0, 16)}… was not included in epoch ${epoch - 1}`
    } else if (epoch === 0 && init.genesisCommittee.length > 0) {
      const members = certificate.committee.map(hex)
      if (members.length !== init.genesisCommittee.length || members.some((m, i) => m !== init.genesisCommittee[i])) {
        return 'wrong-committee: epoch 0 committee differs from the genesis committee'
      }
    }
    const verdict = verifyCertificate(certificate, {
      committee: certificate.committee,
      networkId: init.networkId,
      previousRecordDigest: adjacent ? recordDigest(previous.record) : undefined,
      crypto,
    })
    return verdict.ok ? undefined : `${verdict.reason}: ${verdict.detail}`
  }
  return Object.assign(verifier, { checkpoint: init.checkpoint })
}

function checkpointProblem(certificate: FinalityCertificate, previous: FinalityCertificate | undefined, checkpoint: Checkpoint): string | undefined {
  const epoch = certificate.record.epoch
  if (epoch < checkpoint.epoch) return `before-checkpoint: epoch ${epoch} is older than the trusted checkpoint at epoch ${checkpoint.epoch}`
  if (epoch === checkpoint.epoch) {
    const digest = hex(recordDigest(certificate.record))
    return digest === checkpoint.recordDigest ? undefined : `wrong-checkpoint: record ${digest.slice(0, 16)}… at epoch ${epoch}, the trusted checkpoint is ${checkpoint.recordDigest.slice(0, 16)}…`
  }
  if (previous === undefined || previous.record.epoch < checkpoint.epoch) {
    return `not-chained: epoch ${epoch} comes without the trusted checkpoint at epoch ${checkpoint.epoch} before it`
  }
  if (hex(certificate.record.previousRecordDigest) !== hex(recordDigest(previous.record))) {
    return `not-chained: epoch ${epoch} does not link to the certified record of epoch ${previous.record.epoch}`
  }
  return undefined
}
