import { describe, expect, it } from 'vitest';
import { sharePath } from './market-share';

describe('market-share path', () => {
  it('hand-worked: 12 % → 15 % over 3 years, market growing 10 % a year', () => {
    const p = sharePath(
      [
        { fiscalYear: 2023, market: 1000, sales: 110, months: 12 },
        { fiscalYear: 2024, market: 1100, sales: 132, months: 12 },
        { fiscalYear: 2025, market: 500, sales: 70, months: 7 },
      ],
      0.15,
      3,
    )!;
    expect(p.baseYear).toBe(2024);
    expect(p.baseShare).toBeCloseTo(0.12, 12);
    expect(p.marketGrowth).toBeCloseTo(0.1, 12);
    expect(p.points.map((x) => x.fiscalYear)).toEqual([2024, 2025, 2026, 2027]);
    expect(p.points[1].share).toBeCloseTo(0.13, 12);
    expect(p.points[1].market).toBeCloseTo(1210, 9);
    expect(p.points[1].revenue).toBeCloseTo(157.3, 9);
    expect(p.points[3].share).toBeCloseTo(0.15, 12);
    expect(p.points[3].revenue).toBeCloseTo(0.15 * 1100 * 1.1 ** 3, 9);
  });
  it('one full year: flat market; no full year: null', () => {
    expect(sharePath([{ fiscalYear: 2024, market: 100, sales: 10, months: 12 }], 0.2, 2)!.points[2].revenue).toBeCloseTo(20, 9);
    expect(sharePath([{ fiscalYear: 2024, market: 100, sales: 10, months: 11 }], 0.2, 2)).toBeNull();
  });
});
