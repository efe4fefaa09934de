/**
 * One final outcome per (node, epoch). A ThermoNode can announce an epoch twice: approximate at its fallback time,
 * then certified once it adopts the network's certificate (catch-up after falling behind). Counting both would
 * make the epoch look like it had more finalizers than nodes, and counting outcomes instead of (node, epoch)
 * pairs would end the wait for the last epoch while a node has not resolved it yet.
 */
import type { EpochOutcome } from './types.js'

/** Which of two outcomes for one (node, epoch) stands: a certificate is final; otherwise the newer one wins. */
export function mergeOutcome(held: EpochOutcome | undefined, incoming: EpochOutcome): EpochOutcome {
  if (held === undefined) return incoming
  if (held.status === 'certified') return held
  return incoming
}

export class OutcomeBook {
  private readonly byPair = new Map<string, EpochOutcome>()
  /** Pairs first finalized approximate and certified later (the node caught up): reported, never hidden. */
  private readonly upgraded = new Set<string>()

  constructor(
    private readonly firstEpoch: number,
    private readonly lastEpoch: number,
    private readonly nodes: number,
  ) {}

  /** Records an outcome; returns true when it resolved a (node, epoch) pair of the window for the first time. */
  add(outcome: EpochOutcome): boolean {
    if (outcome.epoch < this.firstEpoch || outcome.epoch > this.lastEpoch) return false
    const key = `${outcome.node}/${outcome.epoch}`
    const held = this.byPair.get(key)
    const merged = mergeOutcome(held, outcome)
    if (held?.status === 'approximate' && merged.status === 'certified') this.upgraded.add(key)
    this.byPair.set(key, merged)
    return held === undefined
  }

  /** Nodes that have an outcome for this epoch. */
  resolvedIn(epoch: number): number {
    let count = 0
    for (let node = 0; node < this.nodes; node++) if (this.byPair.has(`${node}/${epoch}`)) count++
    return count
  }

  get complete(): boolean {
    return this.byPair.size === this.nodes * (this.lastEpoch - this.firstEpoch + 1)
  }

  /** (node, epoch) pairs of the window without any outcome. */
  missing(): Array<{ node: number; epoch: number }> {
    const out: Array<{ node: number; epoch: number }> = []
    for (let epoch = this.firstEpoch; epoch <= this.lastEpoch; epoch++) {
      for (let node = 0; node < this.nodes; node++) if (!this.byPair.has(`${node}/${epoch}`)) out.push({ node, epoch })
    }
    return out
  }

  outcomes(): EpochOutcome[] {
    return [...this.byPair.values()]
  }

  epochOutcomes(epoch: number): EpochOutcome[] {
    return this.outcomes().filter((o) => o.epoch === epoch)
  }

  get upgradedCount(): number {
    return this.upgraded.size
  }
}
