/**
 * A workbook written with write-excel-file (typed cells: real dates and
 * numbers), read back sheet by sheet and loaded as a two-file workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { workbookToCsvFiles } from './xlsx';
import { loadWorkspaceFiles } from './workspace-files';
import { salesViewSql } from './sales-table';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('Excel workbooks', () => {
  it('reads each sheet with its dates and numbers, and loads them as a workspace', async () => {
    const orders = [
      ['Order ID', 'Order Date', 'Customer ID', 'Sales'],
      ['O1', day(2025, 1, 5), 'C1', 1234.5],
      ['O2', day(2025, 2, 28), 'C2', 99.9],
      ['O3', day(2025, 3, 1), 'C1', -20],
    ];
    const customers = [
      ['Customer ID', 'Customer Name', 'Region'],
      ['C1', '上海星海贸易', '华东'],
      ['C2', 'Bolt GmbH', 'West'],
    ];
    const empty = [['Notes'], [null]];
    const buffer = await writeExcelFile([
      { data: orders, sheet: 'Orders', dateFormat: 'yyyy/m/d' },
      { data: customers, sheet: 'Customers' },
      { data: empty, sheet: 'Notes' },
    ]).toBuffer();
    const files = await workbookToCsvFiles(new File([new Uint8Array(buffer)], 'export.xlsx'));
    expect(files.map((f) => f.name)).toEqual(['export · Orders.csv', 'export · Customers.csv']);
    expect(await files[0].text()).toContain('O1,2025-01-05,C1,1234.5');

    const ws = await loadWorkspaceFiles(db, files);
    expect(ws.source.mapping).toMatchObject({ date: 'Order Date', amount: 'Sales', customer: 'Customer Name', region: 'Region' });
    await db.query(salesViewSql(ws.source.table));
    const rows = await db.query<{ region: string; revenue: number }>('SELECT region, sum(amount) AS revenue FROM sales GROUP BY 1 ORDER BY 1');
    expect(rows).toEqual([
      { region: 'West', revenue: 99.9 },
      { region: '华东', revenue: 1214.5 },
    ]);
    const [range] = await db.query<{ first: string; last: string }>("SELECT strftime(min(date), '%Y-%m-%d') AS first, strftime(max(date), '%Y-%m-%d') AS last FROM sales");
    expect(range).toEqual({ first: '2025-01-05', last: '2025-03-01' });
  });

  it('a damaged workbook is a clear read error', async () => {
    await expect(workbookToCsvFiles(new File(['PK not really a zip'], 'broken.xlsx'))).rejects.toMatchObject({ code: 'read-failed', facts: { file: 'broken.xlsx' } });
  });
});
