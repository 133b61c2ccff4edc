/**
 * Forecasting methods for short monthly series (tens of points, from SQL).
 * Each `fit…` takes the history `y` (oldest first) and the season length `m`
 * and returns a `FittedModel`: point forecasts and the standard deviation of
 * the forecast error for horizons 1…h.
 *
 * Error standard deviation per horizon (the prediction intervals):
 * σ₁ = the root mean square of the in-sample one-step residuals (degrees of
 * freedom corrected by the number of fitted parameters), grown with the
 * horizon by the method's own error-propagation formula (Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice", tables 5.2 and
 * 8.8): naive σ√h, seasonal naive σ√(⌊(h−1)/m⌋+1), drift σ√(h(1+h/(n−1))),
 * simple exponential smoothing σ√(1+(h−1)α²), Holt-Winters (the additive
 * error model's) σ√(1+Σ_{j<h} c_j²) with c_j = α(1+β*φ_j) + γ·[j mod m = 0],
 * regression σ√(1 + xᵀ(XᵀX)⁻¹x). For multiplicative seasonality σ is
 * relative (residual / fitted) and scales with the point forecast — an
 * approximation of the exact multiplicative-error variance.
 */
import { nelderMead } from './nelder-mead';

export const METHODS = ['seasonal-naive', 'hw-additive', 'hw-additive-damped', 'hw-multiplicative', 'hw-multiplicative-damped', 'regression', 'naive', 'drift', 'ses'] as const;
export type Method = (typeof METHODS)[number];

export interface FittedModel {
  method: Method;
  /** One-step in-sample fitted values (null where the method has none, e.g. the first season). */
  fitted: (number | null)[];
  /** Point forecasts for h = 1…horizon. */
  forecast(horizon: number): number[];
  /** Standard deviation of the forecast error for h = 1…horizon. */
  sd(horizon: number): number[];
  /** Smoothing parameters or coefficients, for display and tests. */
  params: Record<string, number>;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;

/** √(Σ e² / (count − k)), over the non-null residuals. */
function residualSd(residuals: number[], k: number): number {
  const n = residuals.length;
  if (n === 0) return 0;
  return Math.sqrt(sum(residuals.map((e) => e * e)) / Math.max(1, n - k));
}

const range = (h: number) => Array.from({ length: h }, (_, i) => i + 1);

// ---------------------------------------------------------------- baselines

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

// ------------------------------------------------------------ Holt-Winters

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

// -------------------------------------------------------------- regression

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

/** Fits one named method; `quick` trades a little optimisation accuracy for speed (backtest refits). */
export function fitMethod(method: Method, y: number[], m: number, quick = false): FittedModel {
  switch (method) {
    case 'seasonal-naive':
      return fitSeasonalNaive(y, m);
    case 'hw-additive':
      return fitHoltWinters(y, m, 'additive', false, quick);
    case 'hw-additive-damped':
      return fitHoltWinters(y, m, 'additive', true, quick);
    case 'hw-multiplicative':
      return fitHoltWinters(y, m, 'multiplicative', false, quick);
    case 'hw-multiplicative-damped':
      return fitHoltWinters(y, m, 'multiplicative', true, quick);
    case 'regression':
      return fitRegression(y, m);
    case 'naive':
      return fitNaive(y);
    case 'drift':
      return fitDrift(y);
    case 'ses':
      return fitSes(y);
  }
}
