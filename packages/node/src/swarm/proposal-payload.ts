/**
 * The gossip floor's proposal: a fixed-size payload of `proposalBytes` bytes carrying (epoch, author index, value),
 * padded deterministically, so the floor disseminates exactly as many bytes per proposal as the protocol under test
 * does. (The PBFT baseline sends real protocol proposals instead; the observation helpers below serve both.)
 */
import { createHash } from 'node:crypto'

export const PROPOSAL_HEADER_BYTES = 16

export interface BaselineProposal {
  epoch: number
  author: number
  value: number
}

export function encodeProposal(p: BaselineProposal, proposalBytes: number): Uint8Array {
  const out = new Uint8Array(Math.max(PROPOSAL_HEADER_BYTES, proposalBytes))
  const view = new DataView(out.buffer)
  view.setUint32(0, p.epoch)
  view.setUint32(4, p.author)
  view.setFloat64(8, p.value)
  // Deterministic padding (not zeros) so no layer can compress it away.
  for (let i = PROPOSAL_HEADER_BYTES; i < out.length; i++) out[i] = (p.author * 31 + p.epoch * 17 + i) & 0xff
  return out
}

export function decodeProposal(bytes: Uint8Array): BaselineProposal | undefined {
  if (bytes.length < PROPOSAL_HEADER_BYTES) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const value = view.getFloat64(8)
  if (!Number.isFinite(value)) return undefined
  return { epoch: view.getUint32(0), author: view.getUint32(4), value }
}

/** The baseline feed's ground truth in an epoch; honest observations scatter around it with sigma 1. */
export function truthFor(epoch: number): number {
  return 100 + 5 * Math.sin(epoch / 7)
}

/** Honest observation noise sigma (errors are reported in units of it). */
export const HONEST_SIGMA = 1

/**
 * A node's observation of the (single) baseline feed in an epoch: a common truth that drifts per epoch plus
 * per-node noise, both derived from a hash so every process computes the same values without shared state.
 */
export function observationFor(author: number, epoch: number): number {
  const truth = truthFor(epoch)
  const h = createHash('sha256').update(`obs:${author}:${epoch}`).digest()
  const u = h.readUInt32BE(0) / 2 ** 32
  const v = h.readUInt32BE(4) / 2 ** 32
  // Box-Muller: honest noise with sigma 1.
  const gaussian = Math.sqrt(-2 * Math.log(u + 1e-12)) * Math.cos(2 * Math.PI * v)
  return truth + HONEST_SIGMA * gaussian
}
