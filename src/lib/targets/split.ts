/**
 * Splitting a money amount into parts that add up to it exactly, to the cent
 * (largest-remainder rounding). Phasing and cascading are both built on it.
 */

/** Whole cents of an amount in currency units (2 decimals). */
export function toCents(amount: number): number {
  return Math.round(amount * 100) + 0; // + 0 turns -0 into 0
}

/**
 * Splits `total` in proportion to `weights` (each ≥ 0). The parts are whole
 * cents and sum exactly to `total` rounded to the cent. When every weight is
 * zero the split is even. Ties in the remainders go to the earlier part.
 */
export function splitToCents(total: number, weights: number[]): number[] {
  if (weights.length === 0) {
    if (toCents(total) !== 0) throw new Error('cannot split a non-zero total into no parts');
    return [];
  }
  for (const w of weights) if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`weights must be finite and non-negative, got ${w}`);
  const cents = toCents(total);
  const sign = cents < 0 ? -1 : 1;
  const whole = Math.abs(cents);
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const wSum = sum > 0 ? sum : weights.length;
  const raw = w.map((x) => (whole * x) / wSum);
  const parts = raw.map((x) => Math.floor(x));
  let left = whole - parts.reduce((a, b) => a + b, 0);
  // Largest fractional remainders first; a stable sort keeps earlier parts first on ties.
  const order = raw.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i] += 1;
  // Floating error can push a floor one cent too high; take it back from the smallest remainders.
  for (let k = order.length - 1; left < 0; k = (k - 1 + order.length) % order.length) {
    if (parts[order[k].i] > 0) {
      parts[order[k].i] -= 1;
      left++;
    }
  }
  return parts.map((p) => (sign * p) / 100 + 0);
}
