/** Budgets entered in the app, on DuckDB-WASM: phased to the cent and applied over the loaded budget. */
import { LINES_ROLLUP_VIEW } from '../load/sales-table';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { budgetViewStatements } from '../warehouse/budget';
import { budgetEntryRows, queryBudgetEntries, queryLastYearMonths, replaceBudgetEntries, saveBudgetEntries } from './budget-entry';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
  await db.query(`CREATE TABLE loaded AS SELECT * FROM (VALUES
    (DATE '2026-01-01', 'team', 'North', 'revenue', 1000.0),
    (DATE '2026-02-01', 'team', 'North', 'revenue', 1000.0),
    (DATE '2026-01-01', 'team', 'North', 'cost_of_sales', 600.0),
    (DATE '2026-01-01', 'team', 'South', 'revenue', 500.0)) t(period, unit_type, unit, line, amount)`);
  for (const sql of budgetViewStatements('SELECT * FROM loaded')) await db.query(sql);
  await db.query(`CREATE TABLE sales AS SELECT * FROM (VALUES
    (DATE '2025-01-10', 100.0, 'North'), (DATE '2025-01-20', 100.0, 'North'), (DATE '2025-03-05', 200.0, 'North'), (DATE '2025-03-06', 999.0, 'South')) t(date, amount, team)`);
  await db.query(LINES_ROLLUP_VIEW);
});
afterAll(() => db.close());

describe('budgets entered in the app', () => {
  it('phase an annual amount evenly, or by last year’s months, to the cent', async () => {
    const even = budgetEntryRows({ fiscalYearStart: '2026-01-01', unitType: 'team', unit: 'North', line: 'revenue', annual: 1000 });
    expect(even).toHaveLength(12);
    expect(even.reduce((s, r) => s + Math.round(r.amount * 100), 0)).toBe(100000);
    expect(even[0]).toEqual({ period: '2026-01-01', unit_type: 'team', unit: 'North', line: 'revenue', amount: 83.34 }); // 100000 ¢ / 12: the first four get the extra cent
    const weights = await queryLastYearMonths(db, '2026-01-01', 'team', 'North');
    expect(weights).toEqual([200, 0, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const byLastYear = budgetEntryRows({ fiscalYearStart: '2026-01-01', unitType: 'team', unit: 'North', line: 'revenue', annual: 1000, weights });
    expect(byLastYear.map((r) => r.amount)).toEqual([500, 0, 500, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('replace the loaded budget’s rows for the same month, unit and line only; later entries replace earlier ones', async () => {
    await saveBudgetEntries(db, budgetEntryRows({ fiscalYearStart: '2026-01-01', unitType: 'team', unit: 'North', line: 'revenue', annual: 1200 }));
    const total = async (unit: string, line: string) =>
      Number((await db.query<{ s: number }>(`SELECT coalesce(sum(amount), 0) AS s FROM budget WHERE unit = '${unit}' AND line = '${line}'`))[0].s);
    expect(await total('North', 'revenue')).toBeCloseTo(1200, 6); // 2 × 1000 loaded → 12 × 100 entered
    expect(await total('North', 'cost_of_sales')).toBeCloseTo(600, 6); // untouched
    expect(await total('South', 'revenue')).toBeCloseTo(500, 6);
    await saveBudgetEntries(db, budgetEntryRows({ fiscalYearStart: '2026-01-01', unitType: 'team', unit: 'North', line: 'revenue', annual: 2400 }));
    expect(await total('North', 'revenue')).toBeCloseTo(2400, 6);
    expect(await queryBudgetEntries(db)).toHaveLength(12);
    await replaceBudgetEntries(db, []);
    expect(await total('North', 'revenue')).toBeCloseTo(2000, 6); // the loaded budget again
  });
});
