import type {
  ClientReport,
  EngineConfig,
  EngineCrypto,
  EnginePort,
  EngineStatus,
  FinalityCertificate,
  LocalIdentity,
  PeerRef,
  ReportSubmission,
  Verdict,
} from '@thermotruth/protocol'

/** The engine surface ThermoNode drives; the protocol's `createEngine` result satisfies it. */
export interface DrivenEngine {
  readonly topics: Readonly<Record<string, string>>
  tick(now: number): void
  nextWakeup(): number | undefined
  receive(from: PeerRef, topic: string, bytes: Uint8Array): Verdict
  handleRequest(from: PeerRef, bytes: Uint8Array): Uint8Array
  onResponse(requestId: number, from: PeerRef, bytes: Uint8Array): void
  onRequestFailed(requestId: number): void
  observe(feed: string, values: Float64Array): void
  submitReport(report: ClientReport): ReportSubmission
  status(): EngineStatus
  restore(certificates: FinalityCertificate[]): void
}

export interface EngineFactoryDeps {
  config: EngineConfig
  identity: LocalIdentity
  crypto: EngineCrypto
  port: EnginePort
}

export type EngineFactory = (deps: EngineFactoryDeps) => DrivenEngine

/**
 * Checks a certificate offline (signatures, > 2/3 of its committee, chain link to `previous` when given).
 * Returns undefined when valid, else the reason.
 */
export type CertificateVerifier = (certificate: FinalityCertificate, previous: FinalityCertificate | undefined) => string | undefined
