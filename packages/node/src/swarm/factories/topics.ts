/** Gossip topics of the baseline node kinds (shared by the kind registry and the implementations). */
export const FLOOR_TOPIC = 'thermotruth-bench/floor/1'
