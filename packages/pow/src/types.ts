/** Shared shapes of the pow package, imported by `protocol` (contract fixed by the lead; implementation in this package). */

/** Binds an Ed25519 public key to a recent anchor with proof of work: sha256(domain ‖ networkId ‖ publicKey ‖ anchor ‖ nonce). */
export interface IdentityTicket {
  version: 1
  networkId: string
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array
  /** 32-byte genesis hash or digest of a recent finalized epoch record. */
  anchor: Uint8Array
  anchorEpoch: number
  bits: number
  /** 8-byte nonce. */
  nonce: Uint8Array
}

/** A small per-proposal proof of work over the proposal digest. */
export interface ProposalStamp {
  bits: number
  /** 8-byte nonce. */
  nonce: Uint8Array
}
