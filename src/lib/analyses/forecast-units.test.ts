import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture } from './fixture-sales';
import { buildUnitSeries, lastWholeWeekEnd, queryForecastInputs, queryUnitWeekly, seriesFrame, weeklySeries, type ForecastUnitsParams } from './forecast-units';

let db: NodeDuckDB;
const rows = fixtureRows();

beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
  await db.query(`CREATE TABLE targets AS SELECT period::DATE AS period, unit_type, unit, amount::DOUBLE AS amount FROM (VALUES
    ('2025-01-01', 'team', 'T1', 100), ('2025-12-01', 'team', 'T1', 50), ('2024-12-01', 'team', 'T1', 999),
    ('2025-03-01', 'company', '公司', 700), ('2025-04-01', 'rep', 'R0', 5)) t(period, unit_type, unit, amount)`);
});
afterAll(() => db.close());

const fy = { start: '2025-01-01', end: '2025-12-31' };
const params = (over: Partial<ForecastUnitsParams>): ForecastUnitsParams => ({
  level: 'team',
  asOf: '2025-06-13',
  fiscalYear: fy,
  filters: {},
  basis: 'net',
  companyUnit: 'Company',
  ...over,
});

describe('forecast inputs', () => {
  it('monthly series per team: complete months only; actual to date includes the partial month', async () => {
    const inputs = await queryForecastInputs(db, params({}), true);
    const { frame, series } = buildUnitSeries(inputs, '2025-06-13', fy);
    expect(frame).toMatchObject({ lastComplete: '2025-05-01', firstForecast: '2025-06-01', monthsToYearEnd: 7 });
    expect(frame.firstMonthRemaining).toBeCloseTo(1 - 13 / 30, 12);
    expect(series.map((s) => s.unit)).toEqual(['T1', 'T2']);
    const t1 = series[0];
    expect(t1.start).toBe('2024-01-01');
    expect(t1.y).toHaveLength(17); // 2024-01 … 2025-05
    const monthSum = (team: string, month: string) => rows.filter((r) => r.team === team && r.date.startsWith(month)).reduce((a, r) => a + r.amount, 0);
    expect(t1.y[0]).toBeCloseTo(monthSum('T1', '2024-01'), 9);
    expect(t1.y[16]).toBeCloseTo(monthSum('T1', '2025-05'), 9);
    const ytd = rows.filter((r) => r.team === 'T1' && r.date >= '2025-01-01' && r.date <= '2025-06-13').reduce((a, r) => a + r.amount, 0);
    expect(t1.actualToDate).toBeCloseTo(ytd, 9);
    // Only the fiscal year's targets: 100 + 50.
    expect(t1.target).toBe(150);
    expect(series[1].target).toBeNull();
  });

  it('company level takes the company rows whatever their unit name; filters narrow', async () => {
    const inputs = await queryForecastInputs(db, params({ level: 'company', filters: { region: ['East'] } }), true);
    const { series } = buildUnitSeries(inputs, '2025-06-13', fy);
    expect(series).toHaveLength(1);
    expect(series[0].unit).toBe('Company');
    expect(series[0].target).toBe(700);
    const east = rows.filter((r) => r.region === 'East' && r.date.startsWith('2024-03')).reduce((a, r) => a + r.amount, 0);
    expect(series[0].y[2]).toBeCloseTo(east, 9);
  });

  it('a month-end as-of makes that month complete', () => {
    expect(seriesFrame('2025-06-30', fy)).toMatchObject({ lastComplete: '2025-06-01', firstForecast: '2025-07-01', firstMonthRemaining: 1, monthsToYearEnd: 6 });
  });
});

describe('weekly series', () => {
  it('the last whole week ends on the Sunday on or before as-of', () => {
    expect(lastWholeWeekEnd('2025-06-13')).toBe('2025-06-08'); // a Friday → the Sunday before
    expect(lastWholeWeekEnd('2025-06-15')).toBe('2025-06-15'); // a Sunday
    expect(lastWholeWeekEnd('2025-06-16')).toBe('2025-06-15'); // a Monday
  });

  it('fills weeks without sales with 0', () => {
    expect(weeklySeries([{ week: '2025-01-06', amount: 5 }, { week: '2025-01-20', amount: 7 }])).toEqual({ start: '2025-01-06', y: [5, 0, 7] });
    expect(weeklySeries([])).toBeNull();
  });

  it('one team’s weekly revenue, Monday weeks, whole weeks only, against plain TS', async () => {
    const p = params({ level: 'team' });
    const team = rows.find((r) => r.team)!.team;
    const series = (await queryUnitWeekly(db, p, team))!;
    const monday = (iso: string) => {
      const d = new Date(`${iso}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return d.toISOString().slice(0, 10);
    };
    const expected = new Map<string, number>();
    for (const r of rows) if (r.team === team && r.date <= '2025-06-08') expected.set(monday(r.date), (expected.get(monday(r.date)) ?? 0) + r.amount);
    const weeks = [...expected.keys()].sort();
    expect(series.start).toBe(weeks[0]);
    expect(series.y.reduce((a, b) => a + b, 0)).toBeCloseTo([...expected.values()].reduce((a, b) => a + b, 0), 6);
    for (const w of weeks) {
      const i = Math.round((Date.parse(w) - Date.parse(series.start)) / (7 * 86400000));
      expect(series.y[i], w).toBeCloseTo(expected.get(w)!, 6);
    }
    expect(Date.parse(series.start) + 7 * 86400000 * (series.y.length - 1)).toBe(Date.parse(weeks[weeks.length - 1]));
  });
});
