import { describe, expect, it } from 'vitest';
import { targetsPeriod, expectedToDate, implausibleAttainment, plausibleShare, suggestOtherRule, pacing, periodWindow, statusOf, DEFAULT_THRESHOLDS } from './pacing';

const targets = (entries: [string, number][]) => new Map(entries);

describe('period windows', () => {
  it('calendar year, as of 2024-02-10 (leap February)', () => {
    expect(periodWindow('mtd', '2024-02-10', 1)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodWindow('qtd', '2024-02-10', 1)).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(periodWindow('ytd', '2024-02-10', 1)).toEqual({ start: '2024-01-01', end: '2024-12-31' });
  });
  it('fiscal year starting in July, as of 2018-11-15', () => {
    expect(periodWindow('qtd', '2018-11-15', 7)).toEqual({ start: '2018-10-01', end: '2018-12-31' });
    expect(periodWindow('ytd', '2018-11-15', 7)).toEqual({ start: '2018-07-01', end: '2019-06-30' });
    expect(periodWindow('ytd', '2019-03-01', 7)).toEqual({ start: '2018-07-01', end: '2019-06-30' });
  });
});

describe('pacing, hand-worked', () => {
  it('month boundary: as of the last day of January, January is fully elapsed, February not started', () => {
    const t = targets([['2024-01-01', 3100], ['2024-02-01', 2900], ['2024-03-01', 3100]]);
    const w = periodWindow('qtd', '2024-01-31', 1);
    expect(expectedToDate(w, '2024-01-31', t)).toBe(3100);
    // a day later one day of the 29-day leap February counts: 3100 + 2900/29 = 3200
    expect(expectedToDate(w, '2024-02-01', t)).toBeCloseTo(3200, 9);
  });

  it('leap year, YTD as of 2024-02-10 with a forecast projection', () => {
    // Jan 3100 (done) + Feb 2900 × 10/29 = 3100 + 1000 = 4100 expected; actual 4510 → attainment 1.1 → ahead.
    const monthly = targets(Array.from({ length: 12 }, (_, i) => [`2024-${String(i + 1).padStart(2, '0')}-01`, i === 1 ? 2900 : 3100] as [string, number]));
    const p = pacing({
      window: periodWindow('ytd', '2024-02-10', 1),
      asOf: '2024-02-10',
      monthlyTargets: monthly,
      actual: 4510,
      forecastRemaining: 30000,
      lastYearToDate: 4100,
    });
    expect(p.target).toBe(3100 * 11 + 2900); // 37000
    expect(p.expected).toBeCloseTo(4100, 9);
    expect(p.attainment).toBeCloseTo(1.1, 9);
    expect(p.status).toBe('ahead');
    expect(p.ofFullTarget).toBeCloseTo(4510 / 37000, 12);
    expect(p.projectedAttainment).toBeCloseTo((4510 + 30000) / 37000, 12); // actual + the forecast of the rest
    expect(p.elapsedDays).toBe(41); // 31 + 10
    expect(p.totalDays).toBe(366);
    expect(p.remainingDays).toBe(325);
    expect(p.runRateProjection).toBeCloseTo((4510 / 41) * 366, 9); // 40260
    expect(p.forecastProjection).toBe(34510);
    expect(p.projection).toBe(34510);
    expect(p.gap).toBe(37000 - 34510); // 2490 short
    expect(p.requiredDaily).toBeCloseTo((37000 - 4510) / 325, 9); // 99.969…
    expect(p.growth).toBeCloseTo(0.1, 12);
  });

  it('fiscal year starting in July, QTD as of 2018-11-15, no forecast → run rate projection', () => {
    const monthly = targets([['2018-10-01', 31000], ['2018-11-01', 30000], ['2018-12-01', 31000]]);
    const p = pacing({
      window: periodWindow('qtd', '2018-11-15', 7),
      asOf: '2018-11-15',
      monthlyTargets: monthly,
      actual: 40000,
      forecastRemaining: null,
      lastYearToDate: null,
    });
    // expected = 31000 + 30000 × 15/30 = 46000; attainment 0.8696 → at risk (< 0.85? no: behind)
    expect(p.expected).toBe(46000);
    expect(p.attainment).toBeCloseTo(40000 / 46000, 12);
    expect(p.status).toBe('behind');
    expect(p.elapsedDays).toBe(46);
    expect(p.totalDays).toBe(92);
    expect(p.runRateProjection).toBeCloseTo(80000, 9);
    expect(p.forecastProjection).toBeNull();
    expect(p.projection).toBeCloseTo(80000, 9);
    expect(p.gap).toBeCloseTo(92000 - 80000, 9);
    expect(p.requiredDaily).toBeCloseTo(52000 / 46, 9);
    expect(p.growth).toBeNull();
  });

  it('a unit with a zero target: no ratios, no status, but a gap and a (negative) required rate', () => {
    const p = pacing({
      window: periodWindow('mtd', '2024-03-15', 1),
      asOf: '2024-03-15',
      monthlyTargets: targets([['2024-03-01', 0]]),
      actual: 500,
      forecastRemaining: 0,
      lastYearToDate: 0,
    });
    expect(p.target).toBe(0);
    expect(p.expected).toBe(0);
    expect(p.attainment).toBeNull();
    expect(p.ofFullTarget).toBeNull();
    expect(p.projectedAttainment).toBeNull();
    expect(p.status).toBeNull();
    expect(p.gap).toBe(-500);
    expect(p.requiredDaily).toBeCloseTo(-500 / 16, 12);
    expect(p.growth).toBeNull();
  });

  it('a unit without any target: target null, listed with its actual', () => {
    const p = pacing({ window: periodWindow('mtd', '2024-03-31', 1), asOf: '2024-03-31', monthlyTargets: null, actual: 10, forecastRemaining: 0, lastYearToDate: 5 });
    expect(p.target).toBeNull();
    expect(p.gap).toBeNull();
    expect(p.remainingDays).toBe(0);
    expect(p.requiredDaily).toBeNull();
    expect(p.growth).toBe(1);
  });
});

describe('status and plausibility', () => {
  it('thresholds are inclusive lower bounds', () => {
    expect(statusOf(1.05, DEFAULT_THRESHOLDS)).toBe('ahead');
    expect(statusOf(0.97, DEFAULT_THRESHOLDS)).toBe('on-pace');
    expect(statusOf(0.85, DEFAULT_THRESHOLDS)).toBe('behind');
    expect(statusOf(0.8499, DEFAULT_THRESHOLDS)).toBe('at-risk');
    expect(statusOf(0.9, { ahead: 1.2, onPace: 0.9, atRisk: 0.5 })).toBe('on-pace');
  });
  it('most units below 10 % or above 500 % is implausible', () => {
    expect(implausibleAttainment([0.02, 0.05, 0.9])).toBe(true);
    expect(implausibleAttainment([6, 8, 0.9, 1])).toBe(false);
    expect(implausibleAttainment([null, null])).toBe(false);
  });
  it('suggests the other rule when it fits clearly better or the current one is implausible', () => {
    expect(plausibleShare([0.5, 2, 2.01, 0.49, null])).toBe(0.5);
    // AW-like: own rule spreads 2 %…190 %, territory 90 %…130 %
    expect(suggestOtherRule([0.02, 0.06, 0.4, 1.9, 1.1], [0.9, 1.2, 1.3, 1.1, 1.0])).toBe(true);
    expect(suggestOtherRule([0.9, 1.2, 1.3, 1.1, 1.0], [0.02, 0.06, 0.4, 1.9, 1.1])).toBe(false);
    expect(suggestOtherRule([0.02, 0.03, 1], null)).toBe(true);
    expect(suggestOtherRule([0.9, 1], null)).toBe(false);
  });
});

describe('targetsPeriod: #/targets measures the filter bar’s period', () => {
  it('MTD/QTD/YTD are themselves', () => {
    expect(targetsPeriod('qtd', '2026-11-24', { start: '2026-10-01', end: '2026-11-24' }, 1)).toEqual({ kind: 'qtd', asOf: '2026-11-24', aligned: true });
  });
  it('a custom fiscal year (July start) chosen after it ended is that whole year', () => {
    // Adventure Works: FY2019 = 2018-07-01 … 2019-06-30, data through 2020-05-31.
    expect(targetsPeriod('custom', '2020-05-31', { start: '2018-07-01', end: '2019-06-30' }, 7)).toEqual({ kind: 'ytd', asOf: '2019-06-30', aligned: true });
  });
  it('a custom quarter or month is that quarter or month; the as-of date inside it stays', () => {
    expect(targetsPeriod('custom', '2026-11-24', { start: '2026-10-01', end: '2026-12-31' }, 1)).toEqual({ kind: 'qtd', asOf: '2026-11-24', aligned: true });
    expect(targetsPeriod('custom', '2026-11-24', { start: '2026-03-01', end: '2026-03-31' }, 1)).toEqual({ kind: 'mtd', asOf: '2026-03-31', aligned: true });
  });
  it('any other period: the fiscal year to date as of its end, said to be not aligned', () => {
    expect(targetsPeriod('custom', '2026-11-24', { start: '2026-02-10', end: '2026-05-20' }, 1)).toEqual({ kind: 'ytd', asOf: '2026-05-20', aligned: false });
    expect(targetsPeriod('all', '2026-11-24', { start: '2021-01-01', end: '2026-11-24' }, 1)).toEqual({ kind: 'ytd', asOf: '2026-11-24', aligned: false });
  });
});
