import type { CliCommandOptions } from '../../types.js'

export interface SimArgs {
  nodes: number
  epochs: number
  rtt: number
  jitter: number
  loss: number
  'gossip-degree': number
  byzantine: number
  attack?: string
  'attack-from': number
  'attack-until'?: number
  seed: number
  period: number
  hosts: number
  'epoch-mode': string
  'host-assignment': string
  'cpu-scale': number
  'idle-cpu'?: number
  endorse: string
  'pow-gate': boolean
}

export const simOptions: CliCommandOptions<SimArgs> = {
  nodes: { type: 'number', default: 100, description: 'Simulated nodes (every one runs the real engine)' },
  epochs: { type: 'number', default: 20, description: 'Epochs to simulate' },
  rtt: { type: 'number', default: 50, description: 'Round-trip time of one mesh link (ms)' },
  jitter: { type: 'number', default: 10, description: 'Uniform extra delay per delivery (ms)' },
  loss: { type: 'number', default: 0, description: 'Probability that one link transmission is lost' },
  'gossip-degree': { type: 'number', default: 6, description: 'Mesh peers per node (gossipsub D)' },
  byzantine: { type: 'number', default: 0, description: 'Fraction of nodes running --attack' },
  attack: { type: 'string', description: 'Byzantine strategy: bias, noise, alie, equivocate, late, withhold, spam, flash, censor, sybil' },
  'attack-from': { type: 'number', default: 0, description: 'First epoch of misbehaviour' },
  'attack-until': { type: 'number', description: 'Epoch at which attackers turn honest again (default: never)' },
  seed: { type: 'number', default: 1, description: 'Seed of every random choice: same seed, same JSON' },
  period: { type: 'number', default: 2000, description: 'Epoch period (ms of simulated time)' },
  'epoch-mode': { type: 'string', default: 'linear', choices: ['linear', 'gossip'], description: 'Linear epochs (leader batch, direct messages) or the all-to-all gossip epoch' },
  hosts: { type: 'number', default: 0, description: 'CPUs the nodes share, one FIFO queue each (0 = one per node, a real deployment; 2 = the swarm on this box)' },
  'host-assignment': { type: 'string', default: 'blocks', choices: ['blocks', 'round-robin'], description: 'Node i on host floor(i*hosts/nodes) (the swarm launcher) or i mod hosts' },
  'cpu-scale': { type: 'number', default: 1, description: 'Multiply every calibrated CPU cost (0 = CPU-free nodes)' },
  'idle-cpu': { type: 'number', description: "Idle stack CPU per node (ms per second); default the lean stack's 1.5 (pass the swarm's idleCpuMsPerNodePerSecond)" },
  'pow-gate': { type: 'boolean', default: true, description: 'Identity PoW gate; --no-pow-gate lets identities cost only a key pair (Sybil ablation)' },
  endorse: { type: 'string', default: 'separate', choices: ['separate', 'piggyback'], description: 'Endorsements on their own topic, or carried by the next proposal' },
}
