/**
 * Several files at once, on hand-made files: classification, key proposal
 * (by name and by values), unmatched keys kept and listed, and the joined
 * totals against hand-worked numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { classifyFile, joinChoices, loadWorkspaceFiles } from './workspace-files';
import { salesViewSql } from './sales-table';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

const file = (name: string, text: string) => new File([text], name);

const ORDERS = `OrderNo|OrderDate|CustKey|ShipBy|Amount
A1|2025-01-05|C1|2|100.00
A2|2025-01-06|C2|1|250.50
A3|2025-02-01|C1|2|80.00
A4|2025-02-02|C9|1|20.00
`;
const CUSTOMERS = `CustKey,Customer Name,Region
C1,Acme Ltd,East
C2,Bolt GmbH,West
`;
const SHIPPERS = `ShipperCode,Shipper Name
1,Speedy
2,United
3,Federal
`;
const TARGETS = `Year,Rep,M01,M02,M03,M04,M05,M06,M07,M08,M09,M10,M11,M12
2025,Ann,1,2,3,4,5,6,7,8,9,10,11,12
`;

describe('classifying files', () => {
  it('tells facts, lookups and targets apart', () => {
    expect(classifyFile(['OrderNo', 'OrderDate', 'CustKey', 'Amount'], [['A1', '2025-01-05', 'C1', '100']])).toBe('sales');
    expect(classifyFile(['CustKey', 'Customer Name', 'Region'], [['C1', 'Acme', 'East']])).toBe('lookup');
    expect(classifyFile(TARGETS.split('\n')[0].split(','), [TARGETS.split('\n')[1].split(',')])).toBe('targets');
    expect(classifyFile(['EmployeeID', 'TargetAmount', 'TargetMonth'], [['1', '500', '2017/12/01']])).toBe('targets');
    expect(classifyFile(['月份', '团队', '预算科目', '预算金额'], [['2026-01', '华东一组', '销售额', '5,000']])).toBe('budget');
    const wide = [['Year', 'Region', 'Line', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'], [['2025', 'East', 'Revenue', '1', '2', '3', '4', '5', '6']]] as const;
    expect(classifyFile([...wide[0]], wide[1].map((r) => [...r]))).toBe('targets');
    expect(classifyFile([...wide[0]], wide[1].map((r) => [...r]), '2025 Budget.csv')).toBe('budget'); // the name says it
    expect(classifyFile(['Year', 'Region', 'Line', 'Budget Jan', 'Feb'], [['2025', 'East', 'Revenue', '1', '2']])).not.toBe('budget');
  });
});

describe('a workspace of related files', () => {
  it('joins lookups by key name and by values, keeps unmatched rows, and maps the joined names', async () => {
    const ws = await loadWorkspaceFiles(db, [file('orders.psv', ORDERS), file('customers.csv', CUSTOMERS), file('shippers.csv', SHIPPERS), file('targets.csv', TARGETS)]);
    expect(ws.facts.fileName).toBe('orders.psv');
    expect(Object.fromEntries(ws.files.map((f) => [f.fileName, f.role]))).toEqual({
      'orders.psv': 'sales',
      'customers.csv': 'lookup',
      'shippers.csv': 'lookup',
      'targets.csv': 'targets',
    });
    const byTo = Object.fromEntries(ws.joins.map((j) => [ws.files.find((f) => f.id === j.toFile)!.fileName, j]));
    // By name: CustKey → customers.CustKey; C9 has no customer: 3 of 4 rows match, C9 listed.
    expect(byTo['customers.csv']).toMatchObject({ fromColumn: 'CustKey', toColumn: 'CustKey', keyedRows: 4, matchedRows: 3, unmatched: ['C9'] });
    // By values: every ShipBy value (1, 2) is a ShipperCode.
    expect(byTo['shippers.csv']).toMatchObject({ fromColumn: 'ShipBy', toColumn: 'ShipperCode', keyedRows: 4, matchedRows: 4, unmatched: [] });
    expect(ws.source.mapping).toMatchObject({ date: 'OrderDate', amount: 'Amount', customer: 'Customer Name', region: 'Region', order_id: 'OrderNo' });

    await db.query(salesViewSql(ws.source.table));
    const rows = await db.query<{ region: string | null; revenue: number; n: number }>(
      'SELECT region, sum(amount) AS revenue, count(*) AS n FROM sales GROUP BY 1 ORDER BY 1 NULLS LAST',
    );
    expect(rows).toEqual([
      { region: 'East', revenue: 180, n: 2 },
      { region: 'West', revenue: 250.5, n: 1 },
      { region: null, revenue: 20, n: 1 }, // the unmatched C9 row is kept
    ]);
  });

  it('a monthly summary with year and month columns (German headers) takes its date from them, joined like any facts', async () => {
    // Jahr;Monat;Filiale;Umsatz: no date column; the branches' regions come from a lookup.
    const SUMMARY = `Jahr;Monat;Filiale;Umsatz
2024;11;F1;1.000,50
2024;12;F2;2.000,00
2025;1;F1;500,25
2025;2;F2;750,00
2025;2;F1;100,00
`;
    const BRANCHES = `Filiale;Region
F1;Nord
F2;Süd
`;
    const ws = await loadWorkspaceFiles(db, [file('umsatz.csv', SUMMARY), file('filialen.csv', BRANCHES)]);
    expect(ws.facts.fileName).toBe('umsatz.csv');
    expect(ws.source.mappingReasons?.date).toBe('year-month');
    expect(ws.source.check.grain).toBe('month');
    expect([ws.source.check.minDate, ws.source.check.maxDate]).toEqual(['2024-11-01', '2025-02-01']);
    await db.query(salesViewSql(ws.source.table));
    const rows = await db.query<{ region: string; month: string; revenue: number }>(
      "SELECT region, strftime(date, '%Y-%m') AS month, sum(amount) AS revenue FROM sales GROUP BY ALL ORDER BY 1, 2",
    );
    // Hand-worked: F1 = Nord, F2 = Süd; decimal commas read as amounts.
    expect(rows).toEqual([
      { region: 'Nord', month: '2024-11', revenue: 1000.5 },
      { region: 'Nord', month: '2025-01', revenue: 500.25 },
      { region: 'Nord', month: '2025-02', revenue: 100 },
      { region: 'Süd', month: '2024-12', revenue: 2000 },
      { region: 'Süd', month: '2025-02', revenue: 750 },
    ]);
  });

  it('a value join goes to the lookup whose keys the column uses best; a shared non-key name is no join', async () => {
    // ShipBy (1, 2) is covered by both the depots' codes (1–4) and the shippers' (1–3); the shippers' keys
    // are used more fully (2 of 3 against 2 of 4), whatever order the files come in. Phone is unique in
    // both customers and shippers, but one customer’s phone matching a shipper’s (1 of 3 keyed orders) is no key.
    const DEPOTS = `DepotCode,Depot
1,North
2,South
3,East
4,West
`;
    const CUSTOMERS_PHONE = `CustKey,Customer Name,Phone
C1,Acme Ltd,555-7
C2,Bolt GmbH,555-1
`;
    const SHIPPERS_PHONE = `ShipperCode,Shipper Name,Phone
1,Speedy,555-1
2,United,555-2
3,Federal,555-3
`;
    for (const order of [['depots.csv', 'shippers.csv'], ['shippers.csv', 'depots.csv']]) {
      const lookups = { 'depots.csv': DEPOTS, 'shippers.csv': SHIPPERS_PHONE } as Record<string, string>;
      const ws = await loadWorkspaceFiles(db, [file('orders.psv', ORDERS), file('customers.csv', CUSTOMERS_PHONE), ...order.map((n) => file(n, lookups[n]))]);
      const byTo = Object.fromEntries(ws.joins.map((j) => [ws.files.find((f) => f.id === j.toFile)!.fileName, j]));
      expect(byTo['shippers.csv']).toMatchObject({ fromColumn: 'ShipBy', toColumn: 'ShipperCode', matchedRows: 4 });
      expect(byTo['depots.csv']).toBeUndefined();
      expect(ws.joins).toHaveLength(2);
    }
  });

  it('the user’s roles and joins replace the proposed ones, measured the same way; stale choices are left out', async () => {
    const files = () => [file('orders.psv', ORDERS), file('customers.csv', CUSTOMERS), file('shippers.csv', SHIPPERS), file('targets.csv', TARGETS)];
    const proposed = await loadWorkspaceFiles(db, files());
    const choices = joinChoices(proposed.files, proposed.joins);
    expect(choices).toContainEqual({ fromFile: 'orders.psv', fromColumn: 'CustKey', toFile: 'customers.csv', toColumn: 'CustKey' });

    // Drop the shippers join, keep customers; mark the targets file as not used; a join to a vanished file is ignored.
    const edited = await loadWorkspaceFiles(db, files(), () => {}, {
      ...proposed.source,
      workspace: {
        roles: { 'targets.csv': 'ignored' },
        joins: [choices.find((c) => c.toFile === 'customers.csv')!, { fromFile: 'orders.psv', fromColumn: 'ShipBy', toFile: 'gone.csv', toColumn: 'Code' }],
      },
    });
    expect(edited.files.find((f) => f.fileName === 'targets.csv')?.role).toBe('ignored');
    expect(joinChoices(edited.files, edited.joins)).toEqual([{ fromFile: 'orders.psv', fromColumn: 'CustKey', toFile: 'customers.csv', toColumn: 'CustKey' }]);
    expect(edited.joins[0]).toMatchObject({ keyedRows: 4, matchedRows: 3, unmatched: ['C9'] });
    expect(edited.source.header).not.toContain('Shipper Name');

    // A user's join by another key: ShipBy → ShipperCode, added by hand (the shippers lookup stays a lookup).
    const byHand = await loadWorkspaceFiles(db, files(), () => {}, {
      ...proposed.source,
      workspace: { joins: [{ fromFile: 'orders.psv', fromColumn: 'ShipBy', toFile: 'shippers.csv', toColumn: 'ShipperCode' }] },
    });
    expect(byHand.joins).toHaveLength(1);
    expect(byHand.joins[0]).toMatchObject({ keyedRows: 4, matchedRows: 4 });
    expect(byHand.source.header).toContain('Shipper Name');
    expect(byHand.source.header).not.toContain('Customer Name');

    // Customers joined again by hand, from a mapping saved without them: fillMapping maps the region again.
    const { region: _dropped, customer: _alsoDropped, ...withoutCustomers } = proposed.source.mapping;
    const saved = { ...proposed.source, mapping: withoutCustomers };
    const kept = await loadWorkspaceFiles(db, files(), () => {}, { ...saved, workspace: { joins: choices } });
    expect(kept.source.mapping.region).toBeUndefined();
    const filled = await loadWorkspaceFiles(db, files(), () => {}, { ...saved, workspace: { joins: choices, fillMapping: true } });
    expect(filled.source.mapping).toMatchObject({ region: 'Region', customer: 'Customer Name', amount: 'Amount' });
  });
});

