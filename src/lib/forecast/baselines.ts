/**
 * The baselines: naive, seasonal naive, drift and simple exponential smoothing.
 */
import { nelderMead } from './nelder-mead';
import { range, residualSd, type FittedModel } from './fitted-model';

export function fitNaive(y: number[]): FittedModel {
  const last = y[y.length - 1];
  const residuals = y.slice(1).map((v, i) => v - y[i]);
  const sigma = residualSd(residuals, 0);
  return {
    method: 'naive',
    fitted: y.map((_, i) => (i === 0 ? null : y[i - 1])),
    forecast: (h) => range(h).map(() => last),
    sd: (h) => range(h).map((k) => sigma * Math.sqrt(k)),
    params: {},
  };
}

export function fitSeasonalNaive(y: number[], m: number): FittedModel {
  const n = y.length;
  if (n < m) return fitNaive(y);
  const residuals = y.slice(m).map((v, i) => v - y[i]);
  const sigma = residualSd(residuals, 0);
  return {
    method: 'seasonal-naive',
    fitted: y.map((_, i) => (i < m ? null : y[i - m])),
    forecast: (h) => range(h).map((k) => y[n - m + ((k - 1) % m)]),
    sd: (h) => range(h).map((k) => sigma * Math.sqrt(Math.floor((k - 1) / m) + 1)),
    params: {},
  };
}

export function fitDrift(y: number[]): FittedModel {
  const n = y.length;
  const slope = n > 1 ? (y[n - 1] - y[0]) / (n - 1) : 0;
  const residuals = y.slice(1).map((v, i) => v - y[i] - slope);
  const sigma = residualSd(residuals, 1);
  return {
    method: 'drift',
    fitted: y.map((_, i) => (i === 0 ? null : y[i - 1] + slope)),
    forecast: (h) => range(h).map((k) => y[n - 1] + k * slope),
    sd: (h) => range(h).map((k) => sigma * Math.sqrt(k * (1 + k / Math.max(1, n - 1)))),
    params: { slope },
  };
}

/** Simple exponential smoothing, level started at the first value, α by least one-step SSE. */
export function fitSes(y: number[]): FittedModel {
  const run = (alpha: number) => {
    let level = y[0];
    const fitted: (number | null)[] = [null];
    let sse = 0;
    for (let t = 1; t < y.length; t++) {
      fitted.push(level);
      const e = y[t] - level;
      sse += e * e;
      level += alpha * e;
    }
    return { level, fitted, sse };
  };
  const best = nelderMead(([a]) => run(a).sse, [0.5], { lower: [0.0001], upper: [0.9999] });
  const alpha = best.x[0];
  const { level, fitted } = run(alpha);
  const residuals = y.slice(1).map((v, i) => v - (fitted[i + 1] as number));
  const sigma = residualSd(residuals, 1);
  return {
    method: 'ses',
    fitted,
    forecast: (h) => range(h).map(() => level),
    sd: (h) => range(h).map((k) => sigma * Math.sqrt(1 + (k - 1) * alpha * alpha)),
    params: { alpha },
  };
}
