import { describe, expect, it } from 'vitest';
import {
  fitHoltWinters,
  fitRegression,
  fitSeasonalNaive,
  fitSes,
  holtWintersForecast,
  holtWintersInitialState,
  holtWintersRun,
  type HoltWintersParams,
  type Seasonality,
} from './methods';
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
