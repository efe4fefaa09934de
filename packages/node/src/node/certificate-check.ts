import { createVerify, type FinalityCertificate, recordDigest, verifyCertificate } from '@thermotruth/protocol'
import type { CertificateVerifier } from './engine-types.js'

export interface CertificateCheckInit {
  networkId: string
  /** Sorted hex author ids of epoch 0's committee; empty = open genesis. */
  genesisCommittee: string[]
}

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
 */
export function createCertificateVerifier(init: CertificateCheckInit): CertificateVerifier {
  const crypto = { verify: createVerify() }
  return (certificate: FinalityCertificate, previous: FinalityCertificate | undefined): string | undefined => {
    const epoch = certificate.record.epoch
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
}
