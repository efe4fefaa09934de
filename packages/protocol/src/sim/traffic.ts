/**
 * Traffic accounting. A gossip publish costs one transmission per mesh edge direction that carries it (every node
 * forwards to its mesh peers but the one it got it from), duplicates included; a direct request or response costs
 * one. Bytes add a fixed per-transmission framing overhead (gossipsub RPC + yamux + noise framing, ~48 bytes).
 * Only traffic during the simulated epochs counts, so per-epoch figures are steady-state rates.
 */
export const FRAMING_OVERHEAD_BYTES = 48

export class Traffic {
  messages = 0
  bytes = 0
  publishes = 0

  constructor(readonly nodes: number) {}

  gossip(_from: number, size: number, transmissions: number, counted: boolean): void {
    if (!counted) return
    this.publishes++
    this.messages += transmissions
    this.bytes += transmissions * (size + FRAMING_OVERHEAD_BYTES)
  }

  direct(_from: number, size: number, counted: boolean): void {
    if (!counted) return
    this.messages += 1
    this.bytes += size + FRAMING_OVERHEAD_BYTES
  }
}
