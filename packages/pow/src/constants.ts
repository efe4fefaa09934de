/** Identity ticket difficulty for local networks: 2^20 ≈ 1 M hashes ≈ 1 s on this 2-core machine (README). */
export const DEFAULT_IDENTITY_BITS = 20
/** Default ticket lifetime in epochs, used by the CLI when no network config says otherwise. */
export const DEFAULT_TICKET_VALID_EPOCHS = 1000
/** Network id the CLI uses when none is given; real networks name theirs in their config. */
export const DEFAULT_NETWORK_ID = 'thermotruth-local'
