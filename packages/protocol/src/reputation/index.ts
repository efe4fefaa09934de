export { DEFAULT_REPUTATION, type Eviction, GOSSIP_SCORE, Reputation, type ReputationConfig } from './reputation.js'
