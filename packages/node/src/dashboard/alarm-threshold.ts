/**
 * The T alarm threshold for n contributors (the dashboards, the `thermotruth_temperature_alarm_threshold` metric and
 * the Prometheus alert use it). Why it depends on n: T = (2/3)·Σ q_i·min(r_i², c²) is measured in a scale s at least
 * the standard deviation of the proposals the anneal's filter kept, so the kept proposals add at most their weight
 * share (Σ_kept q_i·r_i² ≤ W_kept), and each proposal the filter excluded adds at most c² (c = 3.5, the protocol's
 * TEMPERATURE_RESIDUAL_CAP, the filter's modified z-score cut). With k of n equally weighted proposals excluded:
 *
 *   T ≤ (2/3)·(1 + k·(c² − 1)/n)
 *
 * Honest T sits at or below 2/3 until the filter excludes an honest draw, which the MAD of a handful of values makes
 * common at small n: one exclusion in 4 honest proposals gives T up to 2.54, and a fixed threshold of 2 rang in 5 of
 * 14 epochs of an honest 4-node swarm. So the alarm tolerates k(n) = 1 + ⌊n/7⌋ excluded proposals (one, plus one
 * per seven contributors, because the honest exclusion count grows with n) and sits 5 % above the bound for k(n)
 * (prior weights follow reputation, so one share can exceed 1/n a little), never below the configured threshold:
 *
 *   θ(n) = max(θ_config, 1.05 · (2/3) · (1 + (1 + ⌊n/7⌋)·(c² − 1)/n))
 *
 * θ(3) = 3.33, θ(4) = 2.67, θ(5) = 2.28, θ(6) = 2.01, θ(7) = 2.95, θ(10) = 2.28, θ(14) = 2.39, → θ_config for large n.
 * What that buys: T alone cannot tell k far attackers from k unlucky honest draws, so a Byzantine third far out
 * alarms exactly when it outnumbers the tolerated exclusions (⌊n/3⌋ > k(n): n = 6 and every n ≥ 9); in a network
 * of 3–5 or 7–8 nodes T does not separate them (the price of a tiny network; reputation still evicts persistent
 * outliers). False-alarm rates measured on honest networks with the real engine in the simulator: docs/OPERATING.md
 * ("Alerting"), reproduced by `node packages/node/dist/bench/temperature-alarm.js`.
 */

/** The protocol's residual cap (packages/protocol/src/engine/aggregate.ts TEMPERATURE_RESIDUAL_CAP). */
export const RESIDUAL_CAP = 3.5
/** Headroom over the bound: prior weights follow reputation, so one proposal's share can exceed 1/n a little. */
export const WEIGHT_HEADROOM = 1.05

/** Honest proposals the alarm tolerates the filter excluding among n. */
export function toleratedExclusions(contributors: number): number {
  return 1 + Math.floor(contributors / 7)
}

/** The most T can reach when `excluded` of n equally weighted proposals are excluded (the bound above). */
export function temperatureBound(contributors: number, excluded: number): number {
  return (2 / 3) * (1 + (excluded * (RESIDUAL_CAP * RESIDUAL_CAP - 1)) / contributors)
}

/** The threshold an alarm compares T with: the configured one, raised for small n (see above). */
export function alarmThreshold(configured: number, contributors: number | undefined): number {
  if (contributors === undefined || !Number.isInteger(contributors) || contributors < 1) return configured
  const raised = Math.round(WEIGHT_HEADROOM * temperatureBound(contributors, toleratedExclusions(contributors)) * 100) / 100
  return Math.max(configured, raised)
}
