import type { FinalityCertificate } from '@thermotruth/protocol'
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
 */
export async function syncHistory(deps: SyncDeps): Promise<SyncResult> {
  const batch = deps.batch ?? 32
  const failed = new Set<string>()
  const fetched: FinalityCertificate[] = []
  let next = deps.fromEpoch
  let previous = deps.previous
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
