import { describe, expect, it } from 'vitest';
import { fitMethod, type FittedModel, type Method } from './methods';
import { fitSeasonalNaive, fitSes } from './baselines';
import { fitHoltWinters, holtWintersForecast, holtWintersInitialState, holtWintersRun, type HoltWintersParams, type Seasonality } from './holt-winters';
import { classicalSeasonalIndices, fitTheta } from './theta';
import { combinationMembers } from './combination';
import { fitRegression } from './regression';
import { nelderMead } from './nelder-mead';
import { AIR_PASSENGERS } from './air-passengers';


/**
 * A second, plain implementation of the textbook Holt-Winters equations
 * (Hyndman & Athanasopoulos FPP2 §7.3 / §7.4, damped trend), written with
 * explicit arrays indexed by time, to check the production recursions.
 */
function textbookHoltWinters(y: number[], m: number, kind: Seasonality, p: HoltWintersParams, horizon: number) {
  const n = y.length;
  const l: number[] = [];
  const b: number[] = [];
  const s: number[] = [];
  // Initial values at time m − 1, written out from the definition.
  let first = 0;
  let second = 0;
  for (let j = 0; j < m; j++) {
    first += y[j];
    second += y[m + j];
  }
  first /= m;
  second /= m;
  const b0 = (second - first) / m;
  for (let j = 0; j < m; j++) {
    const trendLine = first + b0 * (j - (m - 1) / 2);
    s[j] = kind === 'additive' ? y[j] - trendLine : y[j] / trendLine;
  }
  l[m - 1] = first + b0 * ((m - 1) / 2);
  b[m - 1] = b0;
  const fitted: number[] = [];
  for (let t = m; t < n; t++) {
    if (kind === 'additive') {
      fitted[t] = l[t - 1] + p.phi * b[t - 1] + s[t - m];
      l[t] = p.alpha * (y[t] - s[t - m]) + (1 - p.alpha) * (l[t - 1] + p.phi * b[t - 1]);
      b[t] = p.beta * (l[t] - l[t - 1]) + (1 - p.beta) * p.phi * b[t - 1];
      s[t] = p.gamma * (y[t] - l[t - 1] - p.phi * b[t - 1]) + (1 - p.gamma) * s[t - m];
    } else {
      fitted[t] = (l[t - 1] + p.phi * b[t - 1]) * s[t - m];
      l[t] = (p.alpha * y[t]) / s[t - m] + (1 - p.alpha) * (l[t - 1] + p.phi * b[t - 1]);
      b[t] = p.beta * (l[t] - l[t - 1]) + (1 - p.beta) * p.phi * b[t - 1];
      s[t] = (p.gamma * y[t]) / (l[t - 1] + p.phi * b[t - 1]) + (1 - p.gamma) * s[t - m];
    }
  }
  const forecasts: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    let phiH = 0;
    for (let i = 1; i <= h; i++) phiH += p.phi ** i;
    // FPP: s(t + h − m(k+1)), k = ⌊(h−1)/m⌋.
    const k = Math.floor((h - 1) / m);
    const season = s[n - 1 + h - m * (k + 1)];
    const base = l[n - 1] + phiH * b[n - 1];
    forecasts.push(kind === 'additive' ? base + season : base * season);
  }
  return { fitted, forecasts };
}

describe('Holt-Winters recursions against the textbook equations', () => {
  const cases: [Seasonality, HoltWintersParams][] = [
    ['additive', { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 1 }],
    ['additive', { alpha: 0.6, beta: 0.05, gamma: 0.4, phi: 0.9 }],
    ['multiplicative', { alpha: 0.2756, beta: 0.0327, gamma: 0.8707, phi: 1 }],
    ['multiplicative', { alpha: 0.5, beta: 0.2, gamma: 0.1, phi: 0.85 }],
  ];
  for (const [kind, p] of cases) {
    it(`${kind} α=${p.alpha} β=${p.beta} γ=${p.gamma} φ=${p.phi}: fitted values and 24 forecasts to 1e-9`, () => {
      const y = AIR_PASSENGERS.slice(0, 132);
      const ref = textbookHoltWinters(y, 12, kind, p, 24);
      const run = holtWintersRun(y, 12, kind, p);
      for (let t = 12; t < y.length; t++) expect(run.fitted[t]).toBeCloseTo(ref.fitted[t], 9);
      const f = holtWintersForecast(run.state, y.length, 12, kind, p.phi, 24);
      f.forEach((v, i) => expect(v).toBeCloseTo(ref.forecasts[i], 9));
    });
  }

  it('reproduces a noise-free trend + additive season exactly, for any smoothing weights', () => {
    const season = [5, -3, 8, 0, -10, 4, 6, -2, -7, 3, 1, -5]; // sums to 0
    const y = Array.from({ length: 48 }, (_, t) => 100 + 2 * t + season[t % 12]);
    const init = holtWintersInitialState(y, 12, 'additive');
    expect(init.trend).toBeCloseTo(2, 12);
    expect(init.level).toBeCloseTo(100 + 2 * 11, 12);
    const run = holtWintersRun(y, 12, 'additive', { alpha: 0.41, beta: 0.17, gamma: 0.33, phi: 1 });
    expect(run.sse).toBeLessThan(1e-18);
    const f = holtWintersForecast(run.state, 48, 12, 'additive', 1, 15);
    f.forEach((v, i) => expect(v).toBeCloseTo(100 + 2 * (48 + i) + season[(48 + i) % 12], 9));
  });
});

describe('fitted models', () => {
  it('Holt-Winters on AirPassengers 1949–1959 forecasts 1960 better than seasonal naive (multiplicative under 5 % MAPE)', () => {
    const train = AIR_PASSENGERS.slice(0, 132);
    const test = AIR_PASSENGERS.slice(132);
    const mape = (f: number[]) => test.reduce((a, v, i) => a + Math.abs(v - f[i]) / v, 0) / test.length;
    const snaive = mape(fitSeasonalNaive(train, 12).forecast(12));
    // Seasonal naive = 1959 repeated, computed by hand from the table: about 8.9 %.
    expect(snaive).toBeCloseTo(test.reduce((a, v, i) => a + Math.abs(v - train[120 + i]) / v, 0) / 12, 12);
    const mult = fitHoltWinters(train, 12, 'multiplicative', false);
    const multDamped = fitHoltWinters(train, 12, 'multiplicative', true);
    const add = fitHoltWinters(train, 12, 'additive', false);
    expect(mape(mult.forecast(12))).toBeLessThan(0.05);
    expect(mape(mult.forecast(12))).toBeLessThan(snaive);
    expect(mape(multDamped.forecast(12))).toBeLessThan(snaive);
    expect(mape(add.forecast(12))).toBeLessThan(snaive);
    for (const v of Object.values(mult.params)) expect(v).toBeGreaterThan(0);
    // The optimiser's fast objective agrees with holtWintersRun: nudging any parameter does not lower its SSE.
    const p = mult.params as unknown as HoltWintersParams;
    const sseAt = (q: HoltWintersParams) => holtWintersRun(train, 12, 'multiplicative', q).sse;
    for (const key of ['alpha', 'beta', 'gamma'] as const) {
      for (const step of [-0.01, 0.01]) {
        const q = { ...p, [key]: Math.min(0.9999, Math.max(0.0001, p[key] + step)) };
        expect(sseAt(q)).toBeGreaterThanOrEqual(sseAt(p) - 1e-12);
      }
    }
    expect(mult.params.alpha).toBeLessThan(1);
  });

  it('regression on trend + month dummies recovers a noise-free series exactly', () => {
    const season = [0, 7, -4, 3, 12, -8, 5, 1, -2, 9, -6, 4];
    const y = Array.from({ length: 30 }, (_, t) => 50 + 1.5 * t + season[t % 12]);
    const model = fitRegression(y, 12);
    expect(model.params.intercept).toBeCloseTo(50, 8);
    expect(model.params.slope).toBeCloseTo(1.5, 8);
    model.forecast(14).forEach((v, i) => expect(v).toBeCloseTo(50 + 1.5 * (30 + i) + season[(30 + i) % 12], 8));
    model.sd(3).forEach((sd) => expect(sd).toBeLessThan(1e-6));
  });

  it('regression matches the least-squares line on a hand-worked non-seasonal case (m = 1)', () => {
    // y = 1, 3, 2, 5: slope = Σ(t−1.5)(y−2.75)/Σ(t−1.5)² = 5.5/5 = 1.1; intercept = 2.75 − 1.1·1.5 = 1.1.
    const model = fitRegression([1, 3, 2, 5], 1);
    expect(model.params.slope).toBeCloseTo(1.1, 12);
    expect(model.params.intercept).toBeCloseTo(1.1, 12);
    expect(model.forecast(1)[0]).toBeCloseTo(1.1 + 1.1 * 4, 12);
  });

  it('simple exponential smoothing finds α ≈ 1 on a random walk-like step series and forecasts flat', () => {
    const model = fitSes([10, 10, 20, 20, 30, 30, 40]);
    expect(model.forecast(3)).toEqual([model.forecast(1)[0], model.forecast(1)[0], model.forecast(1)[0]]);
    expect(model.params.alpha).toBeGreaterThan(0.5);
  });

  it('seasonal naive repeats the last season; its sd grows per full season', () => {
    const y = [1, 2, 3, 4, 2, 3, 4, 5];
    const model = fitSeasonalNaive(y, 4);
    expect(model.forecast(6)).toEqual([2, 3, 4, 5, 2, 3]);
    const sd = model.sd(5);
    // Residuals y(t) − y(t−4) are all 1: σ = 1.
    expect(sd).toEqual([1, 1, 1, 1, Math.SQRT2]);
  });
});

/** Plain SES one-step SSE from the initial level l0 (before the first point), written out. */
function sesSse(x: number[], alpha: number, l0: number): { sse: number; level: number } {
  let level = l0;
  let sse = 0;
  for (const v of x) {
    sse += (v - level) ** 2;
    level = level + alpha * (v - level);
  }
  return { sse, level };
}

describe('Theta', () => {
  it('on a straight line: SES keeps the last value (α → 1), half the slope as drift: ŷ(h) = y(n) + h·b/2', () => {
    // y = 10 + 2t, t = 0…9 (n = 10 < 2m: no seasonal adjustment). Hand: SES with α = 1 and ℓ₀ = y₀ has
    // one-step errors 0, 2, 2, …, 2 (any α < 1 lags more), so the level is 28; b = 2, drift b/2 = 1;
    // ŷ(h) = 28 + 1·(h − 1 + 1/α − (1−α)^n/α) = 28 + h. σ² = 9·2² / (10 − 2) = 4.5, sd(h) = σ√(1 + (h−1)α²) = σ√h.
    const y = Array.from({ length: 10 }, (_, t) => 10 + 2 * t);
    const model = fitTheta(y, 12);
    expect(model.params.seasonal).toBe(0);
    expect(model.params.alpha).toBeGreaterThan(0.999);
    expect(model.params.drift).toBeCloseTo(1, 12);
    model.forecast(5).forEach((v, i) => expect(v).toBeCloseTo(28 + (i + 1), 2));
    model.sd(4).forEach((v, i) => expect(v).toBeCloseTo(Math.sqrt(4.5) * Math.sqrt(i + 1), 2));
  });

  it('on a noisy non-seasonal series: α and ℓ₀ minimise the SES SSE, and the forecast is the thetaf formula', () => {
    const y = [12, 15, 11, 17, 16, 20, 18, 23, 21, 25, 22, 27];
    const n = y.length;
    const model = fitTheta(y, 12);
    const { alpha, l0, drift } = model.params;
    // Least-squares slope by hand: Σ(t − t̄)(y − ȳ) / Σ(t − t̄)².
    const tBar = (n - 1) / 2;
    const yBar = y.reduce((a, b) => a + b, 0) / n;
    const slope = y.reduce((a, v, t) => a + (t - tBar) * (v - yBar), 0) / y.reduce((a, _, t) => a + (t - tBar) ** 2, 0);
    expect(drift).toBeCloseTo(slope / 2, 12);
    // Optimality: no nearby (α, ℓ₀) and no α on a grid (with ℓ₀ searched) has a lower SSE.
    const best = sesSse(y, alpha, l0).sse;
    for (const [da, dl] of [[0.01, 0], [-0.01, 0], [0, 0.1], [0, -0.1]]) {
      const a = Math.min(0.9999, Math.max(0.0001, alpha + da));
      expect(sesSse(y, a, l0 + dl).sse).toBeGreaterThanOrEqual(best - 1e-9);
    }
    for (let a = 0.02; a < 1; a += 0.02) {
      for (let l = 5; l <= 20; l += 0.05) expect(sesSse(y, a, l).sse).toBeGreaterThanOrEqual(best - 1e-9);
    }
    const { level } = sesSse(y, alpha, l0);
    const expected = Array.from({ length: 6 }, (_, i) => level + (slope / 2) * (i + 1 - 1 + 1 / alpha - (1 - alpha) ** n / alpha));
    model.forecast(6).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
  });

  it('classical decomposition by hand (m = 4) and Theta on a purely periodic series repeats the period', () => {
    // y = 10, 20, 30, 40 twice: the 2×4 moving average at t = 2…5 is (y/2 + y + y + y + y/2)/4 = 25, the ratios
    // y/25 are 1.2, 1.6 (t = 2, 3), 0.4, 0.8 (t = 4, 5), mean 1: indices by t mod 4 = 0.4, 0.8, 1.2, 1.6.
    const y = [10, 20, 30, 40, 10, 20, 30, 40];
    classicalSeasonalIndices(y, 4, 'multiplicative').forEach((v, j) => expect(v).toBeCloseTo([0.4, 0.8, 1.2, 1.6][j], 12));
    // Additive: y − 25 = 5, 15 (t = 2, 3), −15, −5 (t = 4, 5).
    classicalSeasonalIndices(y, 4, 'additive').forEach((v, j) => expect(v).toBeCloseTo([-15, -5, 5, 15][j], 12));
    // Seasonally adjusted, the series is 25 throughout: no drift, level 25, forecast 25 × index.
    const model = fitTheta(y, 4);
    expect(model.params.seasonal).toBe(1);
    model.forecast(6).forEach((v, i) => expect(v).toBeCloseTo([10, 20, 30, 40, 10, 20][i], 9));
    model.sd(3).forEach((v) => expect(v).toBeLessThan(1e-9));
  });

  it('is seasonally adjusted from two seasons on, additively when a month is not positive', () => {
    const season = [5, -3, 8, 0, -10, 4, 6, -2, -7, 3, 1, -5];
    const y = Array.from({ length: 30 }, (_, t) => 100 + t + season[t % 12]);
    expect(fitTheta(y.slice(0, 23), 12).params.seasonal).toBe(0);
    expect(fitTheta(y.slice(0, 24), 12).params.seasonal).toBe(1);
    const withZero = y.map((v, t) => (t === 5 ? 0 : v));
    expect(fitTheta(withZero, 12).params.seasonal).toBe(2);
  });

  it('beats seasonal naive on AirPassengers 1960', () => {
    const train = AIR_PASSENGERS.slice(0, 132);
    const test = AIR_PASSENGERS.slice(132);
    const mape = (f: number[]) => test.reduce((a, v, i) => a + Math.abs(v - f[i]) / v, 0) / test.length;
    expect(mape(fitTheta(train, 12).forecast(12))).toBeLessThan(mape(fitSeasonalNaive(train, 12).forecast(12)));
  });
});

describe('combination', () => {
  const mean = (rows: number[][]) => rows[0].map((_, i) => rows.reduce((a, r) => a + r[i], 0) / rows.length);

  it('forecasts the mean of Theta and the two damped Holt-Winters; its sd is the mean of theirs', () => {
    const y = AIR_PASSENGERS.slice(0, 132);
    const combination = fitMethod('combination', y, 12);
    expect(combinationMembers(y)).toEqual(['theta', 'hw-additive-damped', 'hw-multiplicative-damped']);
    const members = [fitTheta(y, 12), fitHoltWinters(y, 12, 'additive', true), fitHoltWinters(y, 12, 'multiplicative', true)];
    const expected = mean(members.map((model) => model.forecast(18)));
    combination.forecast(18).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
    const sd = mean(members.map((model) => model.sd(18)));
    combination.sd(18).forEach((v, i) => expect(v).toBeCloseTo(sd[i], 9));
    // Fitted values: the mean where every member has one (Holt-Winters has none in the first season).
    expect(combination.fitted.slice(0, 12).every((v) => v === null)).toBe(true);
    expect(combination.fitted[50]).toBeCloseTo((members[0].fitted[50]! + members[1].fitted[50]! + members[2].fitted[50]!) / 3, 9);
    expect(combination.params).toEqual({ theta: 1 / 3, 'hw-additive-damped': 1 / 3, 'hw-multiplicative-damped': 1 / 3 });
  });

  it('leaves multiplicative Holt-Winters out when a month is not positive, and reuses cached member fits', () => {
    const y = AIR_PASSENGERS.slice(0, 48).map((v, t) => (t === 30 ? 0 : v));
    expect(combinationMembers(y)).toEqual(['theta', 'hw-additive-damped']);
    const theta = fitTheta(y, 12);
    const damped = fitHoltWinters(y, 12, 'additive', true, true);
    const cache = new Map<Method, FittedModel>([['theta', theta]]);
    const combination = fitMethod('combination', y, 12, true, cache);
    expect(cache.get('hw-additive-damped')!.forecast(6)).toEqual(damped.forecast(6));
    expect(cache.get('combination')).toBe(combination);
    const expected = mean([theta.forecast(6), damped.forecast(6)]);
    combination.forecast(6).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
  });
});

describe('Nelder–Mead', () => {
  it('finds the Rosenbrock minimum (1, 1) inside a box', () => {
    const r = nelderMead(([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1, 2], { lower: [-2, -2], upper: [2, 3] }, 2000, 1e-16);
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
  it('stays inside the bounds when the unconstrained minimum is outside', () => {
    const r = nelderMead(([x]) => (x - 5) ** 2, [0.5], { lower: [0], upper: [1] });
    expect(r.x[0]).toBeCloseTo(1, 6);
  });
});
