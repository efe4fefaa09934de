/**
 * Traffic accounting. A gossip message costs one transmission per mesh link that carries it (the publisher sends to
 * its mesh peers, every relay that accepts it forwards to its mesh peers but the one it came from), duplicates
 * included; a direct message, request or response costs one. Bytes add a fixed per-transmission framing overhead
 * (gossipsub RPC + yamux + noise framing, ~48 bytes). Only traffic during the simulated epochs counts, so
 * per-epoch figures are steady-state rates.
 */
export const FRAMING_OVERHEAD_BYTES = 48

export class Traffic {
  messages = 0
  bytes = 0
  /** Of which direct (point-to-point) messages and their bytes. */
  directMessages = 0
  directBytes = 0

  gossip(size: number, transmissions: number, counted: boolean): void {
    if (!counted) return
    this.messages += transmissions
    this.bytes += transmissions * (size + FRAMING_OVERHEAD_BYTES)
  }

  direct(size: number, counted: boolean): void {
    if (!counted) return
    this.messages += 1
    this.bytes += size + FRAMING_OVERHEAD_BYTES
    this.directMessages += 1
    this.directBytes += size + FRAMING_OVERHEAD_BYTES
  }
}
