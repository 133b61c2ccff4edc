/**
 * Regression on a linear trend and month-of-season dummies.
 */
import { range, residualSd, sum, type FittedModel } from './fitted-model';

/** Solves A x = b (A symmetric positive definite, small) and returns x and A⁻¹, by Gauss–Jordan. */
function solveWithInverse(a: number[][], b: number[]): { x: number[]; inverse: number[][] } {
  const n = a.length;
  const aug = a.map((row, i) => [...row, b[i], ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(aug[r][col]) > Math.abs(aug[pivot][col])) pivot = r;
    [aug[col], aug[pivot]] = [aug[pivot], aug[col]];
    const d = aug[col][col];
    if (Math.abs(d) < 1e-12) throw new Error('singular design matrix');
    for (let j = 0; j < aug[col].length; j++) aug[col][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = aug[r][col];
      if (f !== 0) for (let j = 0; j < aug[r].length; j++) aug[r][j] -= f * aug[col][j];
    }
  }
  return { x: aug.map((row) => row[n]), inverse: aug.map((row) => row.slice(n + 1)) };
}

/**
 * Least squares on an intercept, a linear trend and month-of-season dummies
 * (season position t mod m; position 0 is the reference). Needs at least
 * m + 2 points.
 */
export function fitRegression(y: number[], m: number): FittedModel {
  const n = y.length;
  const row = (t: number) => {
    const x = [1, t];
    for (let k = 1; k < m; k++) x.push(t % m === k ? 1 : 0);
    return x;
  };
  const p = m + 1;
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  for (let t = 0; t < n; t++) {
    const x = row(t);
    for (let i = 0; i < p; i++) {
      xty[i] += x[i] * y[t];
      for (let j = 0; j < p; j++) xtx[i][j] += x[i] * x[j];
    }
  }
  const { x: coef, inverse } = solveWithInverse(xtx, xty);
  const predict = (t: number) => sum(row(t).map((v, i) => v * coef[i]));
  const fitted = y.map((_, t) => predict(t));
  const sigma = residualSd(y.map((v, t) => v - fitted[t]), p);
  const leverage = (t: number) => {
    const x = row(t);
    let q = 0;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) q += x[i] * inverse[i][j] * x[j];
    return q;
  };
  return {
    method: 'regression',
    fitted,
    forecast: (h) => range(h).map((k) => predict(n - 1 + k)),
    sd: (h) => range(h).map((k) => sigma * Math.sqrt(1 + leverage(n - 1 + k))),
    params: { intercept: coef[0], slope: coef[1] },
  };
}
