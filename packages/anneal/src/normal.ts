/**
 * Inverse of the standard normal CDF, Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16), accurate to about 1e-16
 * relative. Φ⁻¹(0) = -Infinity and Φ⁻¹(1) = +Infinity; p outside [0, 1] or NaN throws a RangeError.
 */
// AS 241 coefficients, lowest order first (shortest decimal forms of the published doubles).
const CENTRAL_NUM = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227]
const CENTRAL_DEN = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852546]
const TAIL_NUM = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414]
const TAIL_DEN = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9]
const FAR_NUM = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7]
const FAR_DEN = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15]


/** Horner evaluation of Σ coefficients[k]·x^k. */
function polynomial(coefficients: readonly number[], x: number): number {
  let sum = 0
  for (let k = coefficients.length - 1; k >= 0; k--) sum = sum * x + coefficients[k]!
  return sum
}

export function normalInverseCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalInverseCdf: p must be in [0, 1], got ${p}`)
  if (p === 0) return Number.NEGATIVE_INFINITY
  if (p === 1) return Number.POSITIVE_INFINITY
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (q * polynomial(CENTRAL_NUM, r)) / polynomial(CENTRAL_DEN, r)
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p))
  const value = r <= 5 ? polynomial(TAIL_NUM, r - 1.6) / polynomial(TAIL_DEN, r - 1.6) : polynomial(FAR_NUM, r - 5) / polynomial(FAR_DEN, r - 5)
  return q < 0 ? -value : value
}

/**
 * The "A Little Is Enough" shift (Baruch et al., NeurIPS 2019, Algorithm 3): with n workers of which m collude,
 * the attackers need s = ⌊n/2 + 1⌋ − m honest workers on their side, so they send μ − z_max·σ with
 * z_max = Φ⁻¹((n − s)/n), the published formula. For n = 100, m = 33: s = 18, z_max = Φ⁻¹(0.82) ≈ 0.915. (An
 * earlier version here used Φ⁻¹((n − m − s)/(n − m)) ≈ 0.616, a weaker attack than the paper's.)
 * Throws a RangeError unless n and m are integers with 0 ≤ m < n and the probability lies in [0, 1].
 */
export function alieZ(n: number, m: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(m) || m < 0 || m >= n) throw new RangeError(`alieZ: need integers 0 <= m < n, got n=${n}, m=${m}`)
  const s = Math.floor(n / 2 + 1) - m
  const p = (n - s) / n
  if (!(p >= 0 && p <= 1)) throw new RangeError(`alieZ: (n-s)/n = ${p} is outside [0, 1] for n=${n}, m=${m}`)
  return normalInverseCdf(p)
}
