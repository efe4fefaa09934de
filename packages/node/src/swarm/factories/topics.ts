/** Gossip topics of the baseline node kinds (shared by the kind registry and the implementations). */
export const FLOOR_TOPIC = 'thermotruth-bench/floor/1'
/** Direct-stream protocol of the PBFT-style baseline. */
export const PBFT_PROTOCOL = '/thermotruth-bench/pbft/1.0.0'
