import { expectedHashes } from './bits.js'
import { PowParamError } from './errors.js'

/**
 * Default Joules per SHA-256: a desktop core draws ~10–15 W and hashes ~1–1.7 M/s, so ~1e-5 J per hash.
 * It only scales the dashboard's Joules axis; configure it for the hardware at hand.
 */
export const DEFAULT_JOULES_PER_HASH = 1e-5

export interface EnergyTotals {
  /** Proofs recorded. */
  count: number
  /** Sum of 2^bits over the recorded proofs: what the difficulty asked for on average. */
  expectedHashes: number
  /** Hashes actually computed (luck makes this differ from the expectation). */
  actualHashes: number
  expectedJoules: number
  actualJoules: number
}

export interface EnergyAccount extends EnergyTotals {
  joulesPerHash: number
  /** Totals per kind of proof, e.g. 'ticket' and 'stamp'. */
  byKind: Record<string, EnergyTotals>
}

export interface EnergyMeter {
  /** Records one proof of `bits` difficulty that took `hashes` hashes. */
  record(kind: string, bits: number, hashes: number): void
  /** A snapshot (a copy: later records do not change it). */
  account(): EnergyAccount
}

function emptyTotals(): EnergyTotals {
  return { count: 0, expectedHashes: 0, actualHashes: 0, expectedJoules: 0, actualJoules: 0 }
}

function addTo(totals: EnergyTotals, expected: number, actual: number, joulesPerHash: number): void {
  totals.count += 1
  totals.expectedHashes += expected
  totals.actualHashes += actual
  totals.expectedJoules = totals.expectedHashes * joulesPerHash
  totals.actualJoules = totals.actualHashes * joulesPerHash
}

/** Tracks expected vs actual hashes and converts both to Joules, so the dashboard can overlay energy spent. */
export function createEnergyMeter(joulesPerHash: number = DEFAULT_JOULES_PER_HASH): EnergyMeter {
  if (!Number.isFinite(joulesPerHash) || joulesPerHash < 0) throw new PowParamError(`joulesPerHash must be a finite number >= 0, got ${joulesPerHash}`)
  const total = emptyTotals()
  const byKind = new Map<string, EnergyTotals>()
  return {
    record(kind, bits, hashes) {
      if (!Number.isFinite(bits) || bits < 0) throw new PowParamError(`bits must be a finite number >= 0, got ${bits}`)
      if (!Number.isFinite(hashes) || hashes < 0) throw new PowParamError(`hashes must be a finite number >= 0, got ${hashes}`)
      const expected = expectedHashes(bits)
      addTo(total, expected, hashes, joulesPerHash)
      let kindTotals = byKind.get(kind)
      if (kindTotals === undefined) {
        kindTotals = emptyTotals()
        byKind.set(kind, kindTotals)
      }
      addTo(kindTotals, expected, hashes, joulesPerHash)
    },
    account() {
      const kinds: Record<string, EnergyTotals> = {}
      for (const [kind, totals] of [...byKind].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) kinds[kind] = { ...totals }
      return { ...total, joulesPerHash, byKind: kinds }
    },
  }
}
