/**
 * Sybil economics for `--attack sybil`. The attacker owns the CPU of `round(F·nodes)` honest machines; the other
 * machines are honest and hold one identity each. How many identities that CPU buys depends on the identity gate:
 *
 * - gate on: an identity needs a ticket worth 2^bits hashes, so the attacker mints exactly as many per ticket
 *   lifetime as its machines would if they were honest: one each. Seat share ≈ its share of hash power.
 * - gate off: an identity is a key pair. A 20-bit ticket (the default) is about a million hashes and a key pair
 *   costs less than a thousandth of that, so the budget is effectively unbounded; the simulation caps the flood
 *   at `SYBIL_CAP_PER_HONEST` identities per honest node (already a large majority of every committee).
 */
export const SYBIL_CAP_PER_HONEST = 3

export interface SybilPlan {
  honest: number
  /** Identities the attacker runs. */
  sybils: number
}

export function sybilPlan(nodes: number, byzantine: number, powGate: boolean): SybilPlan {
  const machines = Math.round(byzantine * nodes)
  const honest = nodes - machines
  return { honest, sybils: powGate ? machines : Math.min(machines * 2 ** 20, SYBIL_CAP_PER_HONEST * honest) }
}

/**
 * Applies the identity gate and, for `sybil`, the identity count to resolved options: with the gate off every
 * identity is accepted at 0 bits; for `sybil` the node count becomes honest + minted and `byzantine` their share.
 */
export function applyIdentityEconomics<T extends { nodes: number; byzantine: number; attack?: string; powGate: boolean; identityBits: number }>(o: T): T {
  const gated = o.powGate ? o : { ...o, identityBits: 0 }
  if (gated.attack !== 'sybil' || gated.byzantine === 0) return gated
  const plan = sybilPlan(gated.nodes, gated.byzantine, gated.powGate)
  const nodes = plan.honest + plan.sybils
  return { ...gated, nodes, byzantine: plan.sybils / nodes }
}
