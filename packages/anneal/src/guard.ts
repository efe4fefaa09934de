/**
 * The last step of `anneal`: per coordinate, how far the value may follow the annealed centre away from the
 * median. Besides the reference median `r` (robust.ts: the coordinate-wise median of the entries within WILD_CUT
 * scales, i.e. the plain median unless far outliers sit on one side) there are two estimates of the honest centre:
 *
 *   wide    the annealed, tempered centre at T_cold (≈ 84 % efficient at the normal in one dimension),
 *   narrow  a plain anneal from the median at T_cold·NARROW_RATIO (a kernel ≈ 0.35 robust scales wide).
 *
 * Why: under a cluster inside the filter the wide kernel beats the median when the cluster sits close (ALIE, a 1σ
 * shift: it averages the cluster in with about its share) and loses to it when the cluster sits 2–3σ out (the
 * cluster inflates the MAD, the kernel widens, and the centre is dragged past the median). The narrow kernel
 * fails the other way round: a close cluster captures it, a far one cannot. Neither is right on both sides, and
 * with a one-sided third the median's bias, Φ⁻¹(3/4) ≈ 0.67σ, is the floor for every estimator. So:
 *
 * 1. Agreement gate. If |wide − narrow| ≤ GATE_LOW standard errors, the data look like one clean bump (honest
 *    draws, symmetric noise, filtered outliers), and the value is the wide centre; between GATE_LOW and GATE_HIGH
 *    it blends linearly into step 2. The gate's standard error is the wide kernel's own weighted spread / √kept,
 *    not the MAD's: a cluster 2σ out inflates the MAD to ≈ 1.9σ at f = 1/3, hiding the gap it opens between the
 *    two anneals (measured at n = 100, d = 1 in MAD units: median gap ≈ 1.2 for honest draws, ≈ 0.6 under ±10σ
 *    noise, ≈ 2.6 under a 2σ shift by a third, ≈ 4.6 under ALIE). The wide centre must
 *    also stay within twice that many se of the median: a cluster of 40 % captures both kernels together (ALIE at
 *    f = 0.4), and agreement alone would then hand the value to the cluster.
 * 2. Agreement on a side. Otherwise the value is the median, unless wide and narrow both lie more than one se on
 *    the same side of it; then it moves towards them by (distance of the nearer) − 1 se. An estimate within one
 *    se of the median is no evidence, so a cluster that drags both a little past the median stays without effect.
 *
 * Deterministic: a handful of floating-point operations per coordinate, in a fixed order.
 */
export const NARROW_RATIO = 1 / 8
/** The narrow centre is only compared with the others (in se ≈ 0.1 scale units at n = 100): 1e-4 scales is plenty. */
export const NARROW_TOLERANCE = 1e-4
/** The narrow anneal starts from the median at the wide cold temperature (1/NARROW_RATIO times its own), not 64× hotter: half the cost at d = 64. */
export const NARROW_HOT_FACTOR = 8
/** Agreement gate on |wide − narrow| in standard errors: at or below LOW the wide centre, at or above HIGH step 2. */
export const GATE_LOW = 1.25
export const GATE_HIGH = 2

/** One coordinate of the value. `se` = robust scale / √(kept rows) and `gateSe` (see above), both > 0. */
export function guardedCoordinate(wide: number, narrow: number, reference: number, se: number, gateSe: number): number {
  const nearer = Math.abs(wide - reference) <= Math.abs(narrow - reference) ? wide : narrow
  const sameSide = (wide - reference) * (narrow - reference) > 0
  const distance = Math.abs(nearer - reference)
  const fallback = sameSide && distance > se ? reference + Math.sign(nearer - reference) * (distance - se) : reference
  const gap = Math.max(Math.abs(wide - narrow), Math.abs(wide - reference) / 2) / gateSe
  if (gap <= GATE_LOW) return wide
  if (gap >= GATE_HIGH) return fallback
  const share = (GATE_HIGH - gap) / (GATE_HIGH - GATE_LOW)
  return fallback + share * (wide - fallback)
}
