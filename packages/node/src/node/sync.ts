import type { FinalityCertificate } from '@thermotruth/protocol'
import type { CheckpointedVerifier } from './certificate-check.js'
import type { CertificateVerifier } from './engine-types.js'
import { certificatesFromResponse, certificatesRequest } from './sync-protocol.js'

export interface SyncDeps {
  /** First epoch we lack. */
  fromEpoch: number
  /** Stop once this epoch is reached (the current epoch at start). */
  untilEpoch: number
  /** The last certificate we hold, for the chain check of the first fetched one. */
  previous: FinalityCertificate | undefined
  peers(): string[]
  request(peerId: string, bytes: Uint8Array): Promise<Uint8Array>
  verify: CertificateVerifier
  save(certificate: FinalityCertificate): Promise<void>
  onProgress?(fetched: number, nextEpoch: number): void
  log?(line: string): void
  batch?: number
}

export interface SyncResult {
  fetched: FinalityCertificate[]
  /** Peers dropped for serving an invalid certificate or failing. */
  failedPeers: string[]
}

/**
 * Fetches the certificates we missed, oldest first, from ticketed peers, and verifies each one (signatures,
 * quorum, chain link) before storing it. A peer that serves an invalid certificate or fails is not asked again.
 * With a trusted checkpoint (the verifier carries it) a node that holds nothing at or after it starts there; without
 * one, the first certificate of an empty store is trusted on first use, and the log says so.
 */
export async function syncHistory(deps: SyncDeps): Promise<SyncResult> {
  const batch = deps.batch ?? 32
  const failed = new Set<string>()
  const fetched: FinalityCertificate[] = []
  let next = deps.fromEpoch
  let previous = deps.previous
  const checkpoint = (deps.verify as CheckpointedVerifier).checkpoint
  if (checkpoint !== undefined && (previous === undefined || previous.record.epoch < checkpoint.epoch) && next <= checkpoint.epoch) {
    if (next < checkpoint.epoch) deps.log?.(`sync: starting at the trusted checkpoint, epoch ${checkpoint.epoch} (record ${checkpoint.recordDigest.slice(0, 16)}…)`)
    next = checkpoint.epoch
    previous = undefined
  }
  let trustOnFirstUse = checkpoint === undefined && previous === undefined
  while (next < deps.untilEpoch) {
    const peer = deps.peers().find((p) => !failed.has(p))
    if (peer === undefined) break
    let response: Uint8Array
    try {
      response = await deps.request(peer, certificatesRequest(next, batch))
    } catch (error) {
      deps.log?.(`sync: ${peer} failed (${(error as Error).message}); trying another peer`)
      failed.add(peer)
      continue
    }
    const certificates = certificatesFromResponse(response)
    if (typeof certificates === 'string') {
      deps.log?.(`sync: ${peer}: ${certificates}`)
      failed.add(peer)
      continue
    }
    if (certificates.length === 0) break
    let bad: string | undefined
    for (const certificate of certificates) {
      const epoch = certificate.record.epoch
      if (epoch < next) {
        bad = `served epoch ${epoch} before the requested ${next}`
        break
      }
      bad = deps.verify(certificate, previous)
      if (bad !== undefined) {
        bad = `epoch ${epoch}: ${bad}`
        break
      }
      if (trustOnFirstUse) {
        trustOnFirstUse = false
        deps.log?.(
          `sync: no trusted checkpoint; trusting the first certificate fetched (epoch ${epoch}) and its committee as the root of this chain. Pin one with --checkpoint EPOCH:RECORD_DIGEST from a node you trust`,
        )
      }
      await deps.save(certificate)
      fetched.push(certificate)
      previous = certificate
      next = epoch + 1
      deps.onProgress?.(fetched.length, next)
    }
    if (bad !== undefined) {
      deps.log?.(`sync: dropping ${peer}: invalid certificate (${bad})`)
      failed.add(peer)
    }
  }
  return { fetched, failedPeers: [...failed] }
}
