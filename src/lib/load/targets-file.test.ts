import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { detectTargetsLayout, monthOfColumn, suggestMultiplier, targetsSql } from './targets-file';
import { loadWorkspaceFiles, applyWorkspaceTargets } from './workspace-files';
import { salesViewSql } from './sales-table';
import { useFileTables } from './sample';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

describe('reading a targets file', () => {
  it('knows month columns in several spellings', () => {
    expect(['M01', 'M12', 'Month 3', 'Jan', 'December', '7月', '11'].map(monthOfColumn)).toEqual([1, 12, 3, 1, 12, 7, 11]);
    expect(['Year', 'EmployeeID', 'Amount', 'M13', 'Market'].map(monthOfColumn)).toEqual([null, null, null, null, null]);
  });

  it('detects wide and long layouts and the unit', () => {
    const wide = detectTargetsLayout(['Year', 'EmployeeID', 'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'], []);
    expect(wide).toMatchObject({ kind: 'wide', unitColumn: 'EmployeeID', unitType: 'rep', yearColumn: 'Year' });
    const long = detectTargetsLayout(['EmployeeID', 'TargetAmount', 'TargetMonth'], [['1', '500', '2017/12/01']]);
    expect(long).toMatchObject({ kind: 'long', unitColumn: 'EmployeeID', unitType: 'rep', periodColumn: 'TargetMonth', amountColumn: 'TargetAmount' });
    expect(detectTargetsLayout(['团队', '月份', '目标金额'], [['华东一组', '2026-01', '100']])).toMatchObject({ kind: 'long', unitType: 'team', unitColumn: '团队' });
  });

  it('scales "in thousands" by comparing with the actuals', () => {
    expect(suggestMultiplier(400, 350_000)).toBe(1000);
    expect(suggestMultiplier(500_000, 350_000)).toBe(1);
    expect(suggestMultiplier(12, 110_000)).toBe(10_000);
    expect(suggestMultiplier(null, 5)).toBe(1);
  });

  it('unpivots a wide file, skipping "-" and blanks, and names units through a lookup', async () => {
    await db.query(`CREATE OR REPLACE TABLE wide AS SELECT * FROM (VALUES
      ('2025', '7', '-', '2', '3', '', '4', '1', '1', '1', '1', '1', '1', '1'),
      ('2025', '9', '10', '10', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-')
    ) t("Year", "EmployeeID", "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11", "M12")`);
    await db.query(`CREATE OR REPLACE TABLE people AS SELECT * FROM (VALUES ('7', 'Ann'), ('8', 'Bob')) t("EmployeeID", "Name")`);
    const layout = detectTargetsLayout(['Year', 'EmployeeID', ...Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`)], [])!;
    const rows = await db.query<{ period: string; unit_type: string; unit: string; amount: number }>(
      `SELECT strftime(period, '%Y-%m-%d') AS period, unit_type, unit, amount FROM (${targetsSql('wide', layout, 1000, { lookupTable: 'people', keyColumn: 'EmployeeID', nameColumn: 'Name' })}) ORDER BY unit, period`,
    );
    // Ann (7): M02 2, M03 3, M05 4, M06..M12 1 each → 9 + 7 = 16 (thousands); employee 9 has no name: kept under its key.
    expect(rows.filter((r) => r.unit === 'Ann').map((r) => r.amount).reduce((a, b) => a + b, 0)).toBe(16_000);
    expect(rows.filter((r) => r.unit === 'Ann')).toHaveLength(10);
    expect(rows.filter((r) => r.unit === '9')).toEqual([
      { period: '2025-01-01', unit_type: 'rep', unit: '9', amount: 10_000 },
      { period: '2025-02-01', unit_type: 'rep', unit: '9', amount: 10_000 },
    ]);
  });
});

describe('a workspace with a targets file', () => {
  it('becomes the plan in force, with units named like the sales and the scale detected', async () => {
    const sales = 'Order Date,Sales,EmployeeID\n2025-01-10,300000,7\n2025-01-20,100000,8\n2025-02-10,350000,7\n2025-02-11,250000,8\n';
    const people = 'EmployeeID,Salesperson\n7,Ann\n8,Bob\n';
    const targets = 'Year,EmployeeID,M01,M02,M03,M04,M05,M06\n2025,7,400,400,-,-,-,-\n2025,8,200,300,-,-,-,-\n';
    const ws = await loadWorkspaceFiles(db, [new File([sales], 'sales.csv'), new File([people], 'people.csv'), new File([targets], 'targets (thousands).csv')]);
    expect(ws.source.mapping.rep).toBe('Salesperson');
    await useFileTables(db, salesViewSql(ws.source.table));
    const load = await applyWorkspaceTargets(db, ws);
    expect(load).toMatchObject({ multiplier: 1000, rows: 4, total: 1_300_000, unmatchedUnits: [] });
    const plan = await db.query<{ unit: string; amount: number }>("SELECT unit, sum(amount) AS amount FROM targets WHERE unit_type = 'rep' GROUP BY 1 ORDER BY 1");
    expect(plan).toEqual([
      { unit: 'Ann', amount: 800_000 },
      { unit: 'Bob', amount: 500_000 },
    ]);
  });
});
