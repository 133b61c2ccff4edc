import { describe, expect, it } from 'vitest';
import {
  addMonths,
  historyWindow,
  fiscalQuarterStart,
  fiscalYearOf,
  fiscalYearStart,
  monthsInRange,
  previousRange,
  resolvePeriod,
  sameRangeLastYear,
  type PeriodSpec,
} from './period';

const spec = (p: Partial<PeriodSpec>): PeriodSpec => ({
  preset: 'ytd',
  asOf: '2026-11-24',
  fyStartMonth: 1,
  dataStart: '2023-01-01',
  dataEnd: '2026-11-24',
  ...p,
});

describe('period presets, as of a date', () => {
  it('month, quarter, year to date with a calendar fiscal year', () => {
    expect(resolvePeriod(spec({ preset: 'mtd' }))).toEqual({ start: '2026-11-01', end: '2026-11-24' });
    expect(resolvePeriod(spec({ preset: 'qtd' }))).toEqual({ start: '2026-10-01', end: '2026-11-24' });
    expect(resolvePeriod(spec({ preset: 'ytd' }))).toEqual({ start: '2026-01-01', end: '2026-11-24' });
    expect(resolvePeriod(spec({ preset: 'l12m' }))).toEqual({ start: '2025-11-25', end: '2026-11-24' });
    expect(resolvePeriod(spec({ preset: 'all' }))).toEqual({ start: '2023-01-01', end: '2026-11-24' });
  });

  it('fiscal year starting in July (Adventure Works): FY2019 = Jul 2018 – Jun 2019', () => {
    expect(resolvePeriod(spec({ preset: 'ytd', asOf: '2019-03-15', fyStartMonth: 7 }))).toEqual({ start: '2018-07-01', end: '2019-03-15' });
    expect(resolvePeriod(spec({ preset: 'qtd', asOf: '2019-03-15', fyStartMonth: 7 }))).toEqual({ start: '2019-01-01', end: '2019-03-15' });
    expect(fiscalYearOf('2018-07-01', 7)).toBe(2019);
    expect(fiscalYearOf('2019-06-30', 7)).toBe(2019);
    expect(fiscalYearOf('2019-07-01', 7)).toBe(2020);
    expect(fiscalYearStart('2019-06-30', 7)).toBe('2018-07-01');
    expect(fiscalQuarterStart('2018-09-30', 7)).toBe('2018-07-01');
    expect(fiscalQuarterStart('2018-10-01', 7)).toBe('2018-10-01');
  });

  it('fiscal quarters with a February start', () => {
    expect(fiscalQuarterStart('2026-04-30', 2)).toBe('2026-02-01');
    expect(fiscalQuarterStart('2026-05-01', 2)).toBe('2026-05-01');
    expect(fiscalQuarterStart('2026-01-15', 2)).toBe('2025-11-01');
  });

  it('custom ranges are ordered', () => {
    expect(resolvePeriod(spec({ preset: 'custom', from: '2025-03-01', to: '2025-01-01' }))).toEqual({ start: '2025-01-01', end: '2025-03-01' });
  });
});

describe('comparison ranges', () => {
  it('same range last year clamps Feb 29', () => {
    expect(sameRangeLastYear({ start: '2024-02-01', end: '2024-02-29' })).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
  });

  it('previous period of MTD is the same days of the previous month', () => {
    expect(previousRange({ start: '2026-03-01', end: '2026-03-31' }, 'mtd')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(previousRange({ start: '2026-11-01', end: '2026-11-24' }, 'mtd')).toEqual({ start: '2026-10-01', end: '2026-10-24' });
  });

  it('previous period of a custom range has the same number of days', () => {
    expect(previousRange({ start: '2026-01-11', end: '2026-01-20' }, 'custom')).toEqual({ start: '2026-01-01', end: '2026-01-10' });
  });

  it('lists the months a range touches', () => {
    expect(monthsInRange({ start: '2025-11-15', end: '2026-02-01' })).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });
});

describe('historyWindow', () => {
  it('widens a period to the 24 months to its end, from their first day, never before the data', () => {
    expect(historyWindow({ start: '2025-04-01', end: '2025-06-30' }, '2020-01-01')).toEqual({ start: '2023-07-01', end: '2025-06-30' });
    expect(historyWindow({ start: '2021-01-01', end: '2025-06-30' }, '2020-01-01')).toEqual({ start: '2021-01-01', end: '2025-06-30' });
    expect(historyWindow({ start: '2025-04-01', end: '2025-06-15' }, '2024-03-10')).toEqual({ start: '2024-03-01', end: '2025-06-15' });
  });
});
