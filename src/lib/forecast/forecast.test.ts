import { describe, expect, it } from 'vitest';
import { backtest, forecastSeries, lastMonthCheck, maseScale, normalCdf } from './forecast';
import { AIR_PASSENGERS } from './air-passengers';
import type { Method } from './methods';
import { mulberry32 } from '../../../scripts/lib/sample/random';

// A seeded PRNG (the sample generator's), so the simulation is reproducible.
const rng = mulberry32;
/** Box–Muller standard normal draws. */
function normal(r: () => number) {
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

describe('rolling-origin backtest', () => {
  it('naive method on a hand-worked series', () => {
    const y = [10, 12, 11, 15, 14];
    // Origins 3 and 4, horizon 2: from origin 3 (train 10,12,11) forecast 11, 11 vs 15, 14 → errors 4, 3;
    // from origin 4 (train …,15) forecast 15 vs 14 → error 1. MAE = 8/3; MAPE = (4/15 + 3/14 + 1/14)/3.
    const scale = maseScale(y, 1); // (2 + 1 + 4 + 1) / 4 = 2
    expect(scale).toBe(2);
    const acc = backtest(y, 'naive', 12, [3, 4], 2, scale);
    expect(acc.points).toBe(3);
    expect(acc.mape).toBeCloseTo((4 / 15 + 3 / 14 + 1 / 14) / 3, 12);
    expect(acc.mase).toBeCloseTo(8 / 3 / 2, 12);
  });

  it('MAPE ignores zero actuals; MASE is null for a constant series', () => {
    const acc = backtest([0, 5, 5, 5, 0, 5], 'naive', 12, [4], 2, maseScale([0, 5, 5, 5, 0, 5], 1));
    // From origin 4 (last value 5… no: training ends at index 3 = 5): forecasts 5, 5 vs 0, 5.
    expect(acc.mape).toBe(0);
    expect(acc.mase).toBeCloseTo(2.5 / maseScale([0, 5, 5, 5, 0, 5], 1), 12);
    expect(backtest([3, 3, 3, 3], 'naive', 12, [2], 2, maseScale([3, 3, 3, 3], 1)).mase).toBeNull();
  });
});

describe('forecastSeries', () => {
  it('chooses a Holt-Winters method for AirPassengers and beats the seasonal-naive baseline in its backtest', () => {
    const f = forecastSeries(AIR_PASSENGERS.slice(0, 132), { horizon: 12 });
    expect(f.fallback).toBeNull();
    expect(f.method.startsWith('hw-') || f.method === 'regression').toBe(true);
    expect(f.accuracy!.mase!).toBeLessThan(f.baselineAccuracy!.mase!);
    expect(f.candidates[0].method).toBe(f.method);
    expect(f.points).toHaveLength(12);
    for (const p of f.points) {
      expect(p.lo95).toBeLessThan(p.lo80);
      expect(p.lo80).toBeLessThan(p.mean);
      expect(p.hi80).toBeLessThan(p.hi95);
    }
    // Intervals widen with the horizon over a season.
    expect(f.points[11].hi95 - f.points[11].lo95).toBeGreaterThan(f.points[0].hi95 - f.points[0].lo95);
  });

  it('falls back to non-seasonal methods with a reason on series shorter than two seasons + 3', () => {
    const short = forecastSeries([5, 6, 7, 8, 9, 10, 11, 12, 13, 14], { horizon: 4 });
    expect(short.fallback).toBe('short-series');
    expect(['naive', 'drift', 'ses']).toContain(short.method);
    expect(short.method).toBe('drift'); // a perfect line: drift has zero backtest error
    expect(short.points.map((p) => p.mean)).toEqual([15, 16, 17, 18]);
    const tiny = forecastSeries([5, 7, 6], { horizon: 2 });
    expect(tiny.fallback).toBe('very-short');
    expect(tiny.method).toBe('naive');
    expect(tiny.points.map((p) => p.mean)).toEqual([6, 6]);
  });

  it('checks last month against the forecast made a month earlier with the same method', () => {
    // Drift on 5…13 (slope 1) forecasts 14; the actual was 15 → error (15 − 14) / 15.
    const check = lastMonthCheck([5, 6, 7, 8, 9, 10, 11, 12, 13, 15], 'drift', 12)!;
    expect(check.actual).toBe(15);
    expect(check.forecast).toBeCloseTo(14, 12);
    expect(check.error).toBeCloseTo(1 / 15, 12);
    // A perfect line has σ = 0: the 80 % interval is the point, 15 is outside.
    expect(check.within80).toBe(false);
    expect(lastMonthCheck([5, 6, 7, 8, 9, 10, 11, 12, 13, 14], 'drift', 12)!.within80).toBe(true);
    // Holt-Winters needs two seasons before the last month.
    expect(lastMonthCheck(Array.from({ length: 24 }, (_, i) => 10 + i), 'hw-additive', 12)).toBeNull();
    // forecastSeries fills it with the chosen method.
    const f = forecastSeries([5, 6, 7, 8, 9, 10, 11, 12, 13, 14], { horizon: 1 });
    expect(f.lastMonth).toEqual(lastMonthCheck([5, 6, 7, 8, 9, 10, 11, 12, 13, 14], f.method, 12));
  });

  it('skips multiplicative seasonality when the series has zero or negative months', () => {
    const y = Array.from({ length: 40 }, (_, t) => (t === 20 ? 0 : 100 + 10 * Math.sin((t * Math.PI) / 6)));
    const f = forecastSeries(y, { horizon: 3 });
    expect(f.candidates.some((c) => c.method.startsWith('hw-multiplicative'))).toBe(false);
  });

  it('offers Theta and the combination on seasonal series, Theta on short ones from two seasons on', () => {
    const y = Array.from({ length: 36 }, (_, t) => 100 + t + 20 * Math.sin((t * Math.PI) / 6) + ((t * 7) % 5));
    const methods = (n: number) => forecastSeries(y.slice(0, n), { horizon: 1 }).candidates.map((c) => c.method).sort();
    expect(methods(36)).toEqual(['combination', 'hw-additive', 'hw-additive-damped', 'hw-multiplicative', 'hw-multiplicative-damped', 'regression', 'seasonal-naive', 'theta']);
    expect(methods(26)).toEqual(['drift', 'naive', 'ses', 'theta']);
    expect(methods(23)).toEqual(['drift', 'naive', 'ses']);
    // The last-month check needs two seasons before the last month for the combination (Holt-Winters), 3 points for Theta.
    expect(lastMonthCheck(y.slice(0, 24), 'combination', 12)).toBeNull();
    expect(lastMonthCheck(y.slice(0, 25), 'combination', 12)).not.toBeNull();
    expect(lastMonthCheck(y.slice(0, 3), 'theta', 12)).toBeNull();
    expect(lastMonthCheck(y.slice(0, 4), 'theta', 12)).not.toBeNull();
  });

  it('80 % / 95 % intervals cover about 80 % / 95 % of outcomes on 200 simulated seasonal series', () => {
    checkCoverage(['hw-additive-damped', 'regression', 'seasonal-naive']);
    // Every candidate (Theta and the combination too), chosen by the backtest.
    checkCoverage(undefined);
  });

  function checkCoverage(methods: Method[] | undefined) {
    // Additive local-level model with a fixed season: y = ℓ + s + ε, ℓ(t) = ℓ(t−1) + 0.3 ε(t).
    const draw = normal(rng(20260127));
    let covered80 = 0;
    let covered95 = 0;
    let total = 0;
    for (let series = 0; series < 200; series++) {
      const season = Array.from({ length: 12 }, (_, j) => 20 * Math.sin((2 * Math.PI * j) / 12) + 5 * draw());
      let level = 200 + 20 * draw();
      const y: number[] = [];
      for (let t = 0; t < 48; t++) {
        const e = 5 * draw();
        y.push(level + season[t % 12] + e);
        level += 0.3 * e;
      }
      const train = y.slice(0, 42);
      const test = y.slice(42);
      const f = forecastSeries(train, { horizon: 6, methods });
      f.points.forEach((p, i) => {
        total++;
        if (test[i] >= p.lo80 && test[i] <= p.hi80) covered80++;
        if (test[i] >= p.lo95 && test[i] <= p.hi95) covered95++;
      });
    }
    const c80 = covered80 / total;
    const c95 = covered95 / total;
    console.log(`interval coverage over ${total} forecasts (${methods?.join(', ') ?? 'all candidates'}): 80 % → ${(100 * c80).toFixed(1)} %, 95 % → ${(100 * c95).toFixed(1)} %`);
    expect(c80).toBeGreaterThanOrEqual(0.7);
    expect(c80).toBeLessThanOrEqual(0.9);
    expect(c95).toBeGreaterThanOrEqual(0.88);
    expect(c95).toBeLessThanOrEqual(0.99);
  }
});

describe('normalCdf', () => {
  it('matches table values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.2815515655446004)).toBeCloseTo(0.9, 6);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 6);
  });
});
