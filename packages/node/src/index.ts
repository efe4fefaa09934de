export { runCli } from './cli/index.js'
export * from './network/index.js'
export { createNodeLibp2p, type NodeLibp2p, type NodeLibp2pOptions, type NodeServices } from './libp2p/index.js'
export { DEFAULT_GOSSIP_TUNING, type GossipTuning, NETWORK_PROFILES, type NetworkProfile, TICKET_PROTOCOL, dhtProtocol } from './libp2p/index.js'
