import { LINES_ROLLUP_VIEW } from '../load/sales-table';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { marginRows, queryBudgetVariance, shapeVariance, varianceRow, withTotals, type BudgetParams } from './budget-variance';

let db: NodeDuckDB;

/*
 * Hand-made fixture (every expected number below is worked by hand):
 *   North: Jan 1000/600 (amount/cost), Jan 500/300, Feb-05 800/500, Feb-10 return −100/−60
 *   South: Jan 2000/1500, Feb-14 1200/700
 *   budget (revenue / cost_of_sales / selling_expense):
 *     North Jan 1200/700/100, Feb 1000/500/90;  South Jan 1800/1200/150, Feb 1500/900/120
 */
beforeAll(async () => {
  db = await openNodeDuckDB();
  await db.query(`CREATE TABLE sales AS SELECT * FROM (VALUES
    (DATE '2025-01-10', 1000.0, 600.0, '北方', 'East'),
    (DATE '2025-01-20', 500.0, 300.0, '北方', 'East'),
    (DATE '2025-02-05', 800.0, 500.0, '北方', 'West'),
    (DATE '2025-02-10', -100.0, -60.0, '北方', 'West'),
    (DATE '2025-01-15', 2000.0, 1500.0, '南方', 'East'),
    (DATE '2025-02-14', 1200.0, 700.0, '南方', 'East'),
    (DATE '2025-03-02', 999.0, 1.0, '南方', 'East')
  ) t(date, amount, cost, team, region)`);
  await db.query(`ALTER TABLE sales ADD COLUMN rep VARCHAR; ALTER TABLE sales ADD COLUMN category VARCHAR; ALTER TABLE sales ADD COLUMN channel VARCHAR;
    ALTER TABLE sales ADD COLUMN customer VARCHAR; ALTER TABLE sales ADD COLUMN product VARCHAR`);
  await db.query(LINES_ROLLUP_VIEW);
  await db.query(`CREATE TABLE budget AS SELECT period::DATE AS period, 'team' AS unit_type, unit, line, amount::DOUBLE AS amount FROM (VALUES
    ('2025-01-01', '北方', 'revenue', 1200), ('2025-01-01', '北方', 'cost_of_sales', 700), ('2025-01-01', '北方', 'selling_expense', 100),
    ('2025-02-01', '北方', 'revenue', 1000), ('2025-02-01', '北方', 'cost_of_sales', 500), ('2025-02-01', '北方', 'selling_expense', 90),
    ('2025-01-01', '南方', 'revenue', 1800), ('2025-01-01', '南方', 'cost_of_sales', 1200), ('2025-01-01', '南方', 'selling_expense', 150),
    ('2025-02-01', '南方', 'revenue', 1500), ('2025-02-01', '南方', 'cost_of_sales', 900), ('2025-02-01', '南方', 'selling_expense', 120)
  ) t(period, unit, line, amount)`);
});
afterAll(() => db.close());

const params = (over: Partial<BudgetParams> = {}): BudgetParams => ({
  range: { start: '2025-01-01', end: '2025-02-28' },
  unitType: 'team',
  filters: {},
  basis: 'net',
  hasCost: true,
  ...over,
});
const find = <T extends { unit: string; line: string }>(rows: T[], unit: string, line: string) => rows.find((r) => r.unit === unit && r.line === line)!;

describe('budget vs actual on a hand-worked fixture', () => {
  it('full months: budget, actual (returns netted), variance signs and favourable flags', async () => {
    const rows = await queryBudgetVariance(db, params());
    expect(rows).toHaveLength(6);
    const v = rows.map((r) => varianceRow(r, 0.05));
    // North revenue: 1000 + 500 + 800 − 100 = 2200 vs 1200 + 1000 = 2200 → 0, favourable.
    expect(find(v, '北方', 'revenue')).toMatchObject({ budget: 2200, actual: 2200, variance: 0, favourable: true, alert: false });
    // North cost: 600 + 300 + 500 − 60 = 1340 vs 1200 → +140 (11.7 %), more cost = unfavourable, beyond 5 %.
    const nc = find(v, '北方', 'cost_of_sales');
    expect(nc).toMatchObject({ budget: 1200, actual: 1340, variance: 140, favourable: false, alert: true });
    expect(nc.variancePct).toBeCloseTo(140 / 1200, 12);
    // South revenue: 3200 vs 3300 → −100 (−3.0 %), less revenue = unfavourable, within 5 %.
    expect(find(v, '南方', 'revenue')).toMatchObject({ budget: 3300, actual: 3200, variance: -100, favourable: false, alert: false });
    // South cost: 2200 vs 2100 → +100, unfavourable.
    expect(find(v, '南方', 'cost_of_sales')).toMatchObject({ budget: 2100, actual: 2200, variance: 100, favourable: false });
    // Selling expense has no actual in sales data.
    expect(find(v, '北方', 'selling_expense')).toMatchObject({ budget: 190, actual: null, variance: null, favourable: null, alert: false });
  });

  it('a partial month gets its budget prorated by days; gross basis drops the return', async () => {
    const partial = await queryBudgetVariance(db, params({ range: { start: '2025-01-01', end: '2025-02-14' } }));
    // Feb budget × 14/28: North revenue 1200 + 500 = 1700; actual to Feb-14 = 2200.
    expect(find(partial, '北方', 'revenue').budget).toBeCloseTo(1700, 9);
    expect(find(partial, '北方', 'revenue').actual).toBeCloseTo(2200, 9);
    expect(find(partial, '南方', 'selling_expense').budget).toBeCloseTo(150 + 60, 9);
    const gross = await queryBudgetVariance(db, params({ basis: 'gross' }));
    expect(find(gross, '北方', 'revenue').actual).toBe(2300);
    expect(find(gross, '北方', 'cost_of_sales').actual).toBe(1400);
  });

  it('a dimension filter narrows the actuals, not the budget', async () => {
    const rows = await queryBudgetVariance(db, params({ filters: { region: ['West'] } }));
    expect(find(rows, '北方', 'revenue')).toMatchObject({ budget: 2200, actual: 700 });
    expect(find(rows, '南方', 'revenue')).toMatchObject({ budget: 3300, actual: 0 });
  });

  it('without a cost column, cost of sales has no actual', async () => {
    const rows = await queryBudgetVariance(db, params({ hasCost: false }));
    expect(find(rows, '北方', 'cost_of_sales').actual).toBeNull();
  });

  it('totals, alert ordering and margin vs budget', async () => {
    const rows = withTotals(await queryBudgetVariance(db, params()), 'ALL');
    expect(find(rows, 'ALL', 'revenue')).toMatchObject({ budget: 5500, actual: 5400 });
    expect(find(rows, 'ALL', 'cost_of_sales')).toMatchObject({ budget: 3300, actual: 3540 });
    expect(find(rows, 'ALL', 'selling_expense')).toMatchObject({ budget: 460, actual: null });
    const shaped = shapeVariance(rows, 0.04, ['revenue', 'cost_of_sales', 'selling_expense']);
    // Alerts (unfavourable, |pct| ≥ 4 %): North cost 11.7 %, ALL cost 240/3300 = 7.3 %, South cost 4.8 %; largest first.
    expect(shaped.filter((r) => r.alert).map((r) => `${r.unit}/${r.line}`)).toEqual(['北方/cost_of_sales', 'ALL/cost_of_sales', '南方/cost_of_sales']);
    expect(shaped.slice(0, 3).every((r) => r.alert)).toBe(true);
    // Non-alerts by unit and line order, the total last.
    expect(shapeVariance(rows, 0.5, ['revenue', 'cost_of_sales', 'selling_expense'], 'ALL').map((r) => `${r.unit}/${r.line}`)).toEqual([
      '北方/revenue', '北方/cost_of_sales', '北方/selling_expense', '南方/revenue', '南方/cost_of_sales', '南方/selling_expense',
      'ALL/revenue', 'ALL/cost_of_sales', 'ALL/selling_expense',
    ]);
    const m = marginRows(rows);
    const north = m.find((r) => r.unit === '北方')!;
    expect(north.actualMargin).toBeCloseTo((2200 - 1340) / 2200, 12);
    expect(north.budgetMargin).toBeCloseTo((2200 - 1200) / 2200, 12);
    expect(north.budgetExpenseRatio).toBeCloseTo(190 / 2200, 12);
  });
});
