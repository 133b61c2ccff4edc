import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture } from './fixture-sales';
import { queryAnnualCompanyTargets, queryMarketShareYears } from './market-share-target';

const rows = fixtureRows();
let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
  // Market estimates for 2024-01 … 2025-03 in two regions (a lag: no estimate after March 2025).
  const values: string[] = [];
  for (let i = 0; i < 15; i++) {
    const month = `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    values.push(`(DATE '${month}', 'East', 5000.0)`, `(DATE '${month}', 'West', 3000.0)`);
  }
  await db.query(`CREATE TABLE market_size AS SELECT * FROM (VALUES ${values.join(', ')}) t(period, region, amount)`);
});
afterAll(() => db.close());

describe('market share years', () => {
  it('calendar years: market and our sales over the months with an estimate', async () => {
    const years = await queryMarketShareYears(db, 1);
    const sales = (from: string, to: string) => rows.filter((r) => r.date >= from && r.date <= to).reduce((s, r) => s + r.amount, 0);
    expect(years).toHaveLength(2);
    expect(years[0]).toEqual({ fiscalYear: 2024, market: 96000, sales: expect.closeTo(sales('2024-01-01', '2024-12-31'), 6), months: 12 });
    // 2025 counts January–March only on both sides
    expect(years[1].months).toBe(3);
    expect(years[1].sales).toBeCloseTo(sales('2025-01-01', '2025-03-31'), 6);
  });
  it('a fiscal year from July: FY2024 = Jan–Jun 2024, FY2025 = Jul 2024 – Mar 2025', async () => {
    const years = await queryMarketShareYears(db, 7);
    expect(years.map((y) => [y.fiscalYear, y.months])).toEqual([[2024, 6], [2025, 9]]);
  });
  it('annual company targets: complete fiscal years only', async () => {
    await db.query(`CREATE TABLE targets AS SELECT DATE '2024-01-01' + INTERVAL (i) MONTH AS period, 'company' AS unit_type, 'ACME' AS unit, 100.0 + i AS amount FROM range(18) t(i)`);
    expect([...(await queryAnnualCompanyTargets(db, 1))]).toEqual([[2024, 1266]]);
    // FY from July: FY2025 = Jul 2024 … Jun 2025 = 106 … 117
    expect([...(await queryAnnualCompanyTargets(db, 7))]).toEqual([[2025, 1338]]);
  });
});
