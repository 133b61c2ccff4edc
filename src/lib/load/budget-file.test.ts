/** Budget files (long and wide) normalised in DuckDB-WASM, against hand-worked rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { budgetSql, detectBudgetLayout, loadBudgetTable } from './budget-file';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

async function textTable(name: string, header: string[], rows: string[][]) {
  const values = rows.map((r) => `(${r.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`).join(', ');
  await db.query(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${values}) t(${header.map((h) => `"${h}"`).join(', ')})`);
}

describe('budget files', () => {
  it('long form, Chinese headers and lines: 月份, 团队, 预算科目, 预算金额', async () => {
    const header = ['月份', '团队', '预算科目', '预算金额'];
    const rows = [
      ['2026-01', '华东一组', '销售额', '1,000,000'],
      ['2026-01', '华东一组', '销售成本', '650,000'],
      ['2026-01', '华东一组', '销售费用', '80,000'],
      ['2026-02', '华东一组', '销售额', '900,000'],
      ['2026-02', '华东一组', '差旅费', '12,000'],
    ];
    const layout = detectBudgetLayout(header, rows);
    expect(layout).toMatchObject({ lineColumn: '预算科目', values: { kind: 'long', unitType: 'team', unitColumn: '团队', periodColumn: '月份', amountColumn: '预算金额' } });
    await textTable('b_long', header, rows);
    const out = await db.query<{ period: string; unit_type: string; unit: string; line: string; amount: number }>(
      `SELECT strftime(period, '%Y-%m-%d') AS period, unit_type, unit, line, amount FROM (${budgetSql('b_long', layout!)}) ORDER BY period, line`,
    );
    expect(out).toEqual([
      { period: '2026-01-01', unit_type: 'team', unit: '华东一组', line: 'cost_of_sales', amount: 650000 },
      { period: '2026-01-01', unit_type: 'team', unit: '华东一组', line: 'revenue', amount: 1000000 },
      { period: '2026-01-01', unit_type: 'team', unit: '华东一组', line: 'selling_expense', amount: 80000 },
      { period: '2026-02-01', unit_type: 'team', unit: '华东一组', line: 'revenue', amount: 900000 },
      { period: '2026-02-01', unit_type: 'team', unit: '华东一组', line: '差旅费', amount: 12000 }, // unknown lines keep their name
    ]);
  });

  it('wide form (Year, Region, Line, Jan..Dec; blank = none) becomes the budget view', async () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const header = ['Year', 'Region', 'Line', ...months];
    const rows = [
      ['2025', 'East', 'Revenue', ...months.map((_, i) => String((i + 1) * 100))],
      ['2025', 'East', 'COGS', ...months.map((_, i) => (i < 6 ? String((i + 1) * 60) : ''))],
    ];
    await textTable('b_wide', header, rows);
    const load = await loadBudgetTable(db, 'b_wide', header, rows, 'budget_file_1');
    expect(load).toMatchObject({ rows: 12 + 6, lines: ['cost_of_sales', 'revenue'], layout: { values: { kind: 'wide', unitType: 'region' } } });
    const [totals] = await db.query<{ revenue: number; cogs: number; first: string }>(
      "SELECT sum(amount) FILTER (WHERE line = 'revenue') AS revenue, sum(amount) FILTER (WHERE line = 'cost_of_sales') AS cogs, strftime(min(period), '%Y-%m-%d') AS first FROM budget",
    );
    expect(totals).toEqual({ revenue: 100 * 78, cogs: 60 * 21, first: '2025-01-01' }); // Σ1..12 = 78, Σ1..6 = 21
  });

  it('a file without a line column is not a budget', () => {
    expect(detectBudgetLayout(['Month', 'Team', 'Budget'], [['2026-01', 'A', '1']])).toBeNull();
  });
});
