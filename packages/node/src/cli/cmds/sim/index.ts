import type { CliCommand } from '../../types.js'
import { simHandler } from './handler.js'
import { type SimArgs, simOptions } from './options.js'

/** `thermotruth sim`: the deterministic discrete-event simulator running the real engine on every node. */
export const sim: CliCommand<SimArgs> = {
  command: 'sim',
  describe: 'Simulate N nodes running the real epoch engine over a modelled gossip mesh (deterministic per seed)',
  examples: [
    ['thermotruth sim --nodes 100 --epochs 20 --json', 'Honest run: prints one JSON summary (certifiedEpochs, honestSpreadMax, errorSigma, ...)'],
    ['thermotruth sim --nodes 100 --epochs 20 --byzantine 0.33 --attack alie --json', 'A third of the nodes run "A Little Is Enough"'],
    ['thermotruth sim --nodes 100 --epochs 20 --byzantine 0.09 --attack sybil --no-pow-gate --json', 'Sybil flood without the identity PoW gate (compare byzantineSeatShare with the gate on)'],
    ['thermotruth sim --nodes 100 --epochs 10 --endorse piggyback --json', 'Carry endorsements in the next proposal; compare messages and finality'],
    ['thermotruth sim --nodes 30 --epochs 10 --hosts 2 --json', 'Predict the local swarm: 30 nodes sharing 2 event loops (cpuMsPerNodePerEpoch, cpuQueue)'],
  ],
  options: simOptions,
  handler: simHandler,
}
