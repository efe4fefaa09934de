import type { Engine, EngineDeps, FinalityCertificate } from '@thermotruth/protocol'

/** Builds the engine ThermoNode drives: the protocol's `createEngine`, or a wrapper (tuning, Byzantine strategy). */
export type EngineFactory = (deps: EngineDeps) => Engine

/**
 * Checks a certificate offline (signatures, > 2/3 of its committee, chain link to `previous` when given).
 * Returns undefined when valid, else the reason.
 */
export type CertificateVerifier = (certificate: FinalityCertificate, previous: FinalityCertificate | undefined) => string | undefined
