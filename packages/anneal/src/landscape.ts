/** Squared scaled residuals are capped here per coordinate, so energies stay finite whatever the scale floor. */
const MAX_SQUARED_RESIDUAL = 1e200

/**
 * The energy landscape of the kept contributions. For a centre c, contribution i has energy
 * E_i(c) = |r_i|²/2 with r_ij = (x_ij − c_j)/scale_j, and at temperature T its Boltzmann weight is
 * p_i ∝ w_i·exp(−E_i/T) (w = normalised prior weights). The free energy of a centre is
 * F(c; T) = −T·ln Σ_i w_i·exp(−E_i(c)/T): the mean-shift step c ← Σ p_i x_i / Σ p_i never increases it, and its
 * local minima are the candidate consensus values. All sums run in author order, so results are bit-identical
 * for equal inputs. Scratch arrays are allocated once; the methods do not allocate.
 */
export class Landscape {
  readonly n: number
  readonly d: number
  /** Kept contributions, row-major n·d, author order. */
  readonly values: Float64Array
  /** Prior weights of the kept contributions, normalised to sum 1. */
  readonly weights: Float64Array
  readonly inverseScales: Float64Array
  /** Energies at the last centre passed to `computeEnergies`. */
  readonly energies: Float64Array
  private readonly boltzmann: Float64Array
  private readonly scratch: Float64Array
  /** Mean-shift iterations performed so far (reported as `iterations`). */
  iterations = 0

  constructor(values: Float64Array, weights: Float64Array, scales: Float64Array) {
    this.d = scales.length
    this.n = weights.length
    this.values = values
    this.weights = weights
    this.inverseScales = scales.map((s) => 1 / s)
    this.energies = new Float64Array(this.n)
    this.boltzmann = new Float64Array(this.n)
    this.scratch = new Float64Array(this.d)
  }

  /** Fills `energies` for centre c and returns the smallest energy. */
  computeEnergies(c: Float64Array): number {
    const { n, d, values, inverseScales, energies } = this
    let smallest = Number.POSITIVE_INFINITY
    for (let i = 0; i < n; i++) {
      let sum = 0
      const row = i * d
      for (let j = 0; j < d; j++) {
        const r = (values[row + j]! - c[j]!) * inverseScales[j]!
        const r2 = r * r
        sum += Math.min(r2, MAX_SQUARED_RESIDUAL)
      }
      const e = 0.5 * sum
      energies[i] = e
      if (e < smallest) smallest = e
    }
    return smallest
  }

  /**
   * Boltzmann weights at temperature T from the current `energies` (shifted by the smallest energy, so the
   * largest term is exactly w_i·1 and nothing underflows to an all-zero vector). Returns Σ w_i·exp(−(E_i−Emin)/T).
   */
  private computeBoltzmann(smallest: number, temperature: number): number {
    const { n, weights, energies, boltzmann } = this
    const beta = 1 / temperature
    let total = 0
    for (let i = 0; i < n; i++) {
      const b = weights[i]! * Math.exp(-(energies[i]! - smallest) * beta)
      boltzmann[i] = b
      total += b
    }
    return total
  }

  /** F(c; T) = Emin − T·ln Σ w_i·exp(−(E_i − Emin)/T). */
  freeEnergy(c: Float64Array, temperature: number): number {
    const smallest = this.computeEnergies(c)
    return smallest - temperature * Math.log(this.computeBoltzmann(smallest, temperature))
  }

  /** Normalised Boltzmann weights at c into `out` (length n). Returns ln Σ w_i·exp(−E_i/T). */
  weightsAt(c: Float64Array, temperature: number, out: Float64Array): number {
    const smallest = this.computeEnergies(c)
    const total = this.computeBoltzmann(smallest, temperature)
    for (let i = 0; i < this.n; i++) out[i] = this.boltzmann[i]! / total
    return Math.log(total) - smallest / temperature
  }

  /** One mean-shift step in place: c ← Σ p_i x_i / Σ p_i. Returns the largest move in scaled units. */
  step(c: Float64Array, temperature: number): number {
    const { n, d, values, boltzmann, scratch, inverseScales } = this
    const total = this.computeBoltzmann(this.computeEnergies(c), temperature)
    // Accumulate displacements from c rather than raw values: no cancellation, and identical inputs stay exact.
    scratch.fill(0)
    for (let i = 0; i < n; i++) {
      const b = boltzmann[i]!
      if (b === 0) continue
      const row = i * d
      for (let j = 0; j < d; j++) scratch[j] = scratch[j]! + b * (values[row + j]! - c[j]!)
    }
    let move = 0
    for (let j = 0; j < d; j++) {
      const next = c[j]! + scratch[j]! / total
      const m = Math.abs(next - c[j]!) * inverseScales[j]!
      if (m > move) move = m
      c[j] = next
    }
    this.iterations++
    return move
  }

  /** The p-weighted mean of the kept values, written as c + Σ p_i (x_i − c) for accuracy. `p` must sum to 1. */
  weightedMean(c: Float64Array, p: Float64Array): Float64Array {
    const { n, d, values } = this
    const out = new Float64Array(d)
    for (let i = 0; i < n; i++) {
      const pi = p[i]!
      if (pi === 0) continue
      for (let j = 0; j < d; j++) out[j] = out[j]! + pi * (values[i * d + j]! - c[j]!)
    }
    for (let j = 0; j < d; j++) out[j] = out[j]! + c[j]!
    return out
  }

  /** Mean-shift to a local minimum of F(·; T): until a step moves less than `tolerance` scaled units, or `maxSteps`. */
  descend(c: Float64Array, temperature: number, tolerance: number, maxSteps: number): void {
    for (let k = 0; k < maxSteps; k++) if (this.step(c, temperature) < tolerance) return
  }
}
