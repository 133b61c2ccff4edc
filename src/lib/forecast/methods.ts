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
 * regression σ√(1 + xᵀ(XᵀX)⁻¹x), Theta the SES formula on the seasonally
 * adjusted series times the seasonal index. For multiplicative seasonality σ
 * is relative (residual / fitted) and scales with the point forecast — an
 * approximation of the exact multiplicative-error variance. The combination
 * (equal-weight mean of Theta and the damped Holt-Winters) takes the mean of
 * its members' sds: the sd of a mean of fully correlated errors, the cautious
 * case (the members' errors on one series are strongly correlated).
 */
import { nelderMead } from './nelder-mead';

export const METHODS = [
  'seasonal-naive',
  'hw-additive',
  'hw-additive-damped',
  'hw-multiplicative',
  'hw-multiplicative-damped',
  'regression',
  'naive',
  'drift',
  'ses',
  'theta',
  'combination',
] as const;
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

// ------------------------------------------------------------------- Theta

/**
 * Classical decomposition (R `decompose`): the trend is the centred moving
 * average over one season (2×m MA for even m), the seasonal figure for
 * position j = t mod m is the mean of y / trend (y − trend when additive)
 * over the points that have a trend, normalised to mean 1 (mean 0). Returns
 * the m indices by position. Needs n ≥ 2m so every position has a trend.
 */
export function classicalSeasonalIndices(y: number[], m: number, seasonality: Seasonality): number[] {
  const n = y.length;
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  const totals = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (even) {
      trend = (y[t - half] + y[t + half]) / 2;
      for (let k = t - half + 1; k < t + half; k++) trend += y[k];
    } else {
      for (let k = t - half; k <= t + half; k++) trend += y[k];
    }
    trend /= m;
    totals[t % m] += seasonality === 'additive' ? y[t] - trend : y[t] / trend;
    counts[t % m]++;
  }
  const figure = totals.map((v, j) => v / counts[j]);
  const centre = mean(figure);
  return figure.map((v) => (seasonality === 'additive' ? v - centre : v / centre));
}

/**
 * Simple exponential smoothing with α and the initial level ℓ₀ (before the
 * first point) minimising the one-step SSE, as R's ses() / ets(ANN). For a
 * given α the one-step forecast is linear in ℓ₀ — ŷ_t = (1−α)^t ℓ₀ + (the
 * forecast with ℓ₀ = 0) — so ℓ₀ is the least-squares coefficient, exactly;
 * α is searched on a grid and refined by Nelder–Mead.
 */
export function sesOptimal(x: number[]): { alpha: number; l0: number; level: number; fitted: number[]; sse: number } {
  const n = x.length;
  const profile = (alpha: number) => {
    let level0 = 0; // the level with ℓ₀ = 0
    let decay = 1; // (1 − α)^t
    let cr = 0;
    let cc = 0;
    let rr = 0;
    for (let t = 0; t < n; t++) {
      const r = x[t] - level0;
      cr += decay * r;
      cc += decay * decay;
      rr += r * r;
      level0 += alpha * r;
      decay *= 1 - alpha;
    }
    const l0 = cc > 0 ? cr / cc : 0;
    return { l0, sse: rr - l0 * cr };
  };
  let start = 0.5;
  let bestSse = Infinity;
  for (let a = 0.05; a < 1; a += 0.1) {
    const { sse } = profile(a);
    if (sse < bestSse) [start, bestSse] = [a, sse];
  }
  const alpha = nelderMead(([a]) => profile(a).sse, [start], { lower: [0.0001], upper: [0.9999] }).x[0];
  const { l0 } = profile(alpha);
  let level = l0;
  let sse = 0;
  const fitted: number[] = [];
  for (let t = 0; t < n; t++) {
    fitted.push(level);
    const e = x[t] - level;
    sse += e * e;
    level += alpha * e;
  }
  return { alpha, l0, level, fitted, sse };
}

/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000) in the form of
 * Hyndman & Billah (2003) and R forecast::thetaf, the M3/M4 benchmark:
 *  1. seasonal adjustment by classical multiplicative decomposition whenever
 *     n ≥ 2m (two seasons, the Holt-Winters minimum, so the backtest's first
 *     origin already sees a seasonal Theta). thetaf adjusts only when n > 2m
 *     and the lag-m autocorrelation is significant at 90 %; that test has
 *     little power on the 24–36 months a sales history has here: applied to
 *     the 24 months of Superstore 2014–2015 (outside the real test's held-out
 *     2017) it found 2 of 22 series seasonal although they share the
 *     September / November / December peaks, and forecasting 2016 with the
 *     test gave a mean Theta MAPE of 126 % against 101 % adjusting always
 *     (seasonal naive: 80 %). Sales months are seasonal
 *     by default; on a series without seasonality the backtest can prefer
 *     another candidate. A series with a zero or negative month is adjusted
 *     additively (y − s) instead: a ratio is meaningless there;
 *  2. SES on the adjusted series x (α and ℓ₀ optimised, see sesOptimal);
 *  3. b = the slope of the least-squares line through x, and
 *     x̂(n+h) = ℓ_n + b/2 · (h − 1 + 1/α − (1−α)^n/α)
 *     (the θ = 0 line's trend, half-weighted, as SES with drift);
 *  4. reseasonalised: × s(n+h) (+ s(n+h) when additive).
 * sd(h) = σ √(1 + (h−1)α²) × s(n+h) (thetaf's SES formula; thetaf leaves out
 * the seasonal factor), σ from the SES residuals on x with 2 parameters.
 * The fitted values are the SES ones, reseasonalised (as thetaf).
 */
export function fitTheta(y: number[], m: number): FittedModel {
  const n = y.length;
  const positive = y.every((v) => v > 0);
  let kind: Seasonality | null = m > 1 && n >= 2 * m ? (positive ? 'multiplicative' : 'additive') : null;
  let index = kind ? classicalSeasonalIndices(y, m, kind) : [];
  // thetaf: indices close to zero would blow up the adjustment: non-seasonal then.
  if (kind === 'multiplicative' && index.some((s) => Math.abs(s) < 1e-4)) {
    kind = null;
    index = [];
  }
  const seasonAt = (t: number) => index[t % m];
  const adjust = (v: number, t: number) => (kind === 'multiplicative' ? v / seasonAt(t) : kind === 'additive' ? v - seasonAt(t) : v);
  const restore = (v: number, t: number) => (kind === 'multiplicative' ? v * seasonAt(t) : kind === 'additive' ? v + seasonAt(t) : v);
  const x = y.map(adjust);
  const ses = sesOptimal(x);
  const { alpha } = ses;
  // Least-squares slope of x on t = 0…n−1.
  const tMean = (n - 1) / 2;
  const xMean = mean(x);
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (x[t] - xMean);
    sxx += (t - tMean) * (t - tMean);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const drift = slope / 2;
  const offset = 1 / alpha - (1 - alpha) ** n / alpha;
  const sigma = residualSd(x.map((v, t) => v - ses.fitted[t]), 2);
  const scale = (t: number) => (kind === 'multiplicative' ? seasonAt(t) : 1);
  return {
    method: 'theta',
    fitted: ses.fitted.map(restore),
    forecast: (h) => range(h).map((k) => restore(ses.level + drift * (k - 1 + offset), n - 1 + k)),
    sd: (h) => range(h).map((k) => sigma * Math.sqrt(1 + (k - 1) * alpha * alpha) * scale(n - 1 + k)),
    params: { alpha, l0: ses.l0, drift, seasonal: kind === 'multiplicative' ? 1 : kind === 'additive' ? 2 : 0 },
  };
}

// ------------------------------------------------------------- combination

/**
 * The members of the combination: Theta, damped additive Holt-Winters and,
 * when every month is positive, damped multiplicative Holt-Winters — the
 * M4-style equal-weight combination of Theta and damped-trend exponential
 * smoothing. Needs two full seasons (Holt-Winters).
 */
export function combinationMembers(y: number[]): Method[] {
  return y.every((v) => v > 0) ? ['theta', 'hw-additive-damped', 'hw-multiplicative-damped'] : ['theta', 'hw-additive-damped'];
}

/**
 * Equal-weight mean of fitted models: point forecasts and fitted values
 * (null where any member has none) are the members' means; the sd is the
 * mean of the members' sds — the sd of the mean when the members' errors are
 * fully correlated (an upper bound; it ignores the diversification).
 */
export function combineModels(members: FittedModel[]): FittedModel {
  const k = members.length;
  const meanOf = (rows: number[][]) => rows[0].map((_, i) => rows.reduce((a, r) => a + r[i], 0) / k);
  const params: Record<string, number> = {};
  for (const member of members) params[member.method] = 1 / k;
  return {
    method: 'combination',
    fitted: members[0].fitted.map((_, t) => {
      let total = 0;
      for (const member of members) {
        const v = member.fitted[t];
        if (v === null) return null;
        total += v;
      }
      return total / k;
    }),
    forecast: (h) => meanOf(members.map((member) => member.forecast(h))),
    sd: (h) => meanOf(members.map((member) => member.sd(h))),
    params,
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

/**
 * Fits one named method; `quick` trades a little optimisation accuracy for
 * speed (backtest refits). `cache` (models already fitted on this same `y`,
 * `m` and `quick`) is read and filled, so the combination reuses its members'
 * fits when they are candidates too.
 */
export function fitMethod(method: Method, y: number[], m: number, quick = false, cache?: Map<Method, FittedModel>): FittedModel {
  const hit = cache?.get(method);
  if (hit) return hit;
  const model = fitUncached(method, y, m, quick, cache);
  cache?.set(method, model);
  return model;
}

function fitUncached(method: Method, y: number[], m: number, quick: boolean, cache?: Map<Method, FittedModel>): FittedModel {
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
    case 'theta':
      return fitTheta(y, m);
    case 'combination':
      return combineModels(combinationMembers(y).map((member) => fitMethod(member, y, m, quick, cache)));
  }
}
