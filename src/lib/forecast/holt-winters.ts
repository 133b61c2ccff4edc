/**
 * Holt-Winters (additive or multiplicative seasonality, optionally damped):
 * the initial state, the recursions, the forecasts and the fit.
 */
import { nelderMead } from './nelder-mead';
import { residualSd, mean, type FittedModel, type Method } from './fitted-model';

export type Seasonality = 'additive' | 'multiplicative';

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  /** Damping; 1 = undamped trend. */
  phi: number;
}

export interface HoltWintersState {
  level: number;
  trend: number;
  /** Seasonal indices, `season[t mod m]` for time t. */
  season: number[];
}

/**
 * Initial states from the first two seasons (the classic decomposition start):
 * trend = difference of the two seasons' means / m; the state sits at time
 * m − 1 with level = first season's mean moved half a season along the trend;
 * seasonal indices = the first season's values against that trend line.
 */
export function holtWintersInitialState(y: number[], m: number, seasonality: Seasonality): HoltWintersState {
  const mean1 = mean(y.slice(0, m));
  const mean2 = mean(y.slice(m, 2 * m));
  const trend = (mean2 - mean1) / m;
  const season = y.slice(0, m).map((v, j) => {
    const line = mean1 + trend * (j - (m - 1) / 2);
    return seasonality === 'additive' ? v - line : v / line;
  });
  return { level: mean1 + (trend * (m - 1)) / 2, trend, season };
}

/**
 * The Holt-Winters recursions (FPP §8.3, component form) from time m on:
 *   base  = ℓ(t−1) + φ b(t−1)
 *   ŷ(t)  = base + s(t−m)                 | base × s(t−m)
 *   ℓ(t)  = α (y − s(t−m)) + (1−α) base   | α y / s(t−m) + (1−α) base
 *   b(t)  = β (ℓ(t) − ℓ(t−1)) + (1−β) φ b(t−1)
 *   s(t)  = γ (y − base) + (1−γ) s(t−m)   | γ y / base + (1−γ) s(t−m)
 */
export function holtWintersRun(y: number[], m: number, seasonality: Seasonality, p: HoltWintersParams, init = holtWintersInitialState(y, m, seasonality)) {
  let { level, trend } = init;
  const season = [...init.season];
  const fitted: (number | null)[] = y.map(() => null);
  let sse = 0;
  const additive = seasonality === 'additive';
  for (let t = m; t < y.length; t++) {
    const s = season[t % m];
    const base = level + p.phi * trend;
    const yhat = additive ? base + s : base * s;
    fitted[t] = yhat;
    const e = y[t] - yhat;
    sse += additive ? e * e : (e / yhat) * (e / yhat);
    const newLevel = additive ? p.alpha * (y[t] - s) + (1 - p.alpha) * base : (p.alpha * y[t]) / s + (1 - p.alpha) * base;
    trend = p.beta * (newLevel - level) + (1 - p.beta) * p.phi * trend;
    season[t % m] = additive ? p.gamma * (y[t] - base) + (1 - p.gamma) * s : (p.gamma * y[t]) / base + (1 - p.gamma) * s;
    level = newLevel;
  }
  return { fitted, sse, state: { level, trend, season } as HoltWintersState };
}

/** The same recursions as holtWintersRun, returning only the SSE (the optimiser's objective; no allocation but `season`). */
function holtWintersSse(y: number[], m: number, additive: boolean, alpha: number, beta: number, gamma: number, phi: number, init: HoltWintersState, season: number[]): number {
  let level = init.level;
  let trend = init.trend;
  for (let j = 0; j < m; j++) season[j] = init.season[j];
  let sse = 0;
  for (let t = m; t < y.length; t++) {
    const j = t % m;
    const s = season[j];
    const base = level + phi * trend;
    const yt = y[t];
    let newLevel: number;
    if (additive) {
      const e = yt - base - s;
      sse += e * e;
      newLevel = alpha * (yt - s) + (1 - alpha) * base;
      season[j] = gamma * (yt - base) + (1 - gamma) * s;
    } else {
      const yhat = base * s;
      const e = (yt - yhat) / yhat;
      sse += e * e;
      newLevel = (alpha * yt) / s + (1 - alpha) * base;
      season[j] = (gamma * yt) / base + (1 - gamma) * s;
    }
    trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
  }
  return sse;
}

/** Point forecasts from the final state at time n − 1. */
export function holtWintersForecast(state: HoltWintersState, n: number, m: number, seasonality: Seasonality, phi: number, horizon: number): number[] {
  const out: number[] = [];
  let phiSum = 0;
  for (let h = 1; h <= horizon; h++) {
    phiSum += phi ** h;
    const base = state.level + phiSum * state.trend;
    const s = state.season[(n - 1 + h) % m];
    out.push(seasonality === 'additive' ? base + s : base * s);
  }
  return out;
}

/**
 * Holt-Winters with α, β, γ (and φ ∈ [0.8, 0.98] when damped) minimising the
 * one-step squared error (relative error for multiplicative seasonality) by
 * Nelder–Mead from two starting points. Needs at least two full seasons.
 */
export function fitHoltWinters(y: number[], m: number, seasonality: Seasonality, damped: boolean, quick = false): FittedModel {
  const n = y.length;
  if (n < 2 * m) throw new Error('Holt-Winters needs at least two full seasons');
  const init = holtWintersInitialState(y, m, seasonality);
  const toParams = (x: number[]): HoltWintersParams => ({ alpha: x[0], beta: x[1], gamma: x[2], phi: damped ? x[3] : 1 });
  const buffer = new Array<number>(m);
  const additiveSse = seasonality === 'additive';
  const objective = (x: number[]) => holtWintersSse(y, m, additiveSse, x[0], x[1], x[2], damped ? x[3] : 1, init, buffer);
  const bounds = damped
    ? { lower: [0.0001, 0.0001, 0.0001, 0.8], upper: [0.9999, 0.9999, 0.9999, 0.98] }
    : { lower: [0.0001, 0.0001, 0.0001], upper: [0.9999, 0.9999, 0.9999] };
  const starts = damped ? [[0.3, 0.1, 0.1, 0.9], [0.7, 0.02, 0.3, 0.95]] : [[0.3, 0.1, 0.1], [0.7, 0.02, 0.3]];
  // `quick` (backtest refits): one start and a looser tolerance.
  const tolerance = quick ? 1e-6 : 1e-10;
  let best = nelderMead(objective, starts[0], bounds, 400, tolerance);
  for (const s of quick ? [] : starts.slice(1)) {
    const r = nelderMead(objective, s, bounds, 400, tolerance);
    if (r.value < best.value) best = r;
  }
  const p = toParams(best.x);
  const run = holtWintersRun(y, m, seasonality, p, init);
  const additive = seasonality === 'additive';
  const residuals: number[] = [];
  for (let t = m; t < n; t++) {
    const f = run.fitted[t] as number;
    residuals.push(additive ? y[t] - f : (y[t] - f) / f);
  }
  const sigma = residualSd(residuals, damped ? 4 : 3);
  const method: Method = `hw-${seasonality}${damped ? '-damped' : ''}` as Method;
  const forecast = (h: number) => holtWintersForecast(run.state, n, m, seasonality, p.phi, h);
  return {
    method,
    fitted: run.fitted,
    forecast,
    sd: (h) => {
      const points = forecast(h);
      const out: number[] = [];
      let variance = 1;
      let phiSum = 0;
      for (let k = 1; k <= h; k++) {
        if (k > 1) {
          const j = k - 1;
          phiSum += p.phi ** j;
          const c = p.alpha * (1 + p.beta * phiSum) + (j % m === 0 ? p.gamma : 0);
          variance += c * c;
        }
        const sd = sigma * Math.sqrt(variance);
        out.push(additive ? sd : Math.abs(points[k - 1]) * sd);
      }
      return out;
    },
    params: { ...p },
  };
}
