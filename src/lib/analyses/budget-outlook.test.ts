import { describe, expect, it } from 'vitest';
import { revenueOutlook } from './budget-outlook';
import type { SeriesForecast } from '../forecast/forecast';

const forecast = (means: number[], sd: number): SeriesForecast =>
  ({ points: means.map((mean, i) => ({ h: i + 1, mean, sd, lo80: 0, hi80: 0, lo95: 0, hi95: 0 })) }) as unknown as SeriesForecast;

describe('full-year revenue outlook vs budget', () => {
  it('actual to date + the remaining forecast against the revenue budget; units without sales keep 0', () => {
    const frame = { lastComplete: '2025-10-01', firstForecast: '2025-11-01', firstMonthRemaining: 0.5, monthsToYearEnd: 2 };
    const rows = revenueOutlook(
      [
        { unit: 'A', line: 'revenue', budget: 1000, actual: null },
        { unit: 'A', line: 'cost_of_sales', budget: 600, actual: null },
        { unit: 'B', line: 'revenue', budget: 50, actual: null },
      ],
      [{ unit: 'A', start: '2024-01-01', y: [1], actualToDate: 800, target: null }],
      [forecast([100, 150, 999], 10)],
      frame,
    );
    expect(rows).toHaveLength(2);
    // A: 800 + 0.5·100 + 150 = 1000 → variance 0, probability 1/2.
    expect(rows[0]).toMatchObject({ unit: 'A', budget: 1000, actualToDate: 800, remaining: 200, outlook: 1000, variance: 0 });
    expect(rows[0].probability).toBeCloseTo(0.5, 7);
    expect(rows[1]).toMatchObject({ unit: 'B', outlook: 0, variance: -50, variancePct: -1, probability: null });
  });
});
