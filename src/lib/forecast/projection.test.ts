import { describe, expect, it } from 'vitest';
import { projectYearEnd } from './projection';
import type { ForecastPoint } from './forecast';

const point = (h: number, mean: number, sd: number): ForecastPoint => ({ h, mean, sd, lo80: 0, hi80: 0, lo95: 0, hi95: 0 });

describe('year-end projection', () => {
  it('adds the remaining share of the partial month and the later months; probability from the normal approximation', () => {
    // As of Nov 24 (6 of 30 days left = 0.2): remaining = 0.2·100 + 120 = 140; sd = 0.2·10 + 20 = 22.
    const p = projectYearEnd({ actualToDate: 1000, points: [point(1, 100, 10), point(2, 120, 20), point(3, 999, 99)], firstMonthRemaining: 0.2, monthsToYearEnd: 2, target: 1140 });
    expect(p.remaining).toBeCloseTo(140, 12);
    expect(p.projection).toBeCloseTo(1140, 12);
    expect(p.sd).toBeCloseTo(22, 12);
    expect(p.probability).toBeCloseTo(0.5, 7);
    expect(p.gap).toBeCloseTo(0, 12);
    expect(p.requiredGrowth).toBeCloseTo(0, 12);
    // Target one sd above the projection: P = 1 − Φ(1) ≈ 0.158655.
    const hard = projectYearEnd({ actualToDate: 1000, points: [point(1, 100, 10), point(2, 120, 20)], firstMonthRemaining: 0.2, monthsToYearEnd: 2, target: 1162 });
    expect(hard.probability).toBeCloseTo(0.158655, 5);
    // Needs (1162 − 1000) / 140 − 1 = 15.7 % more than the forecast.
    expect(hard.requiredGrowth).toBeCloseTo(162 / 140 - 1, 12);
  });

  it('without a target there is no probability or gap', () => {
    const p = projectYearEnd({ actualToDate: 5, points: [point(1, 1, 1)], firstMonthRemaining: 1, monthsToYearEnd: 1, target: null });
    expect(p.projection).toBe(6);
    expect(p.probability).toBeNull();
    expect(p.gap).toBeNull();
  });
});
