import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { jsonToCsvFile } from './json';
import { loadSalesFile } from './load-file';
import { salesViewSql } from './sales-table';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

async function total(file: File) {
  const source = await loadSalesFile(db, await jsonToCsvFile(file));
  await db.query(salesViewSql(source.table));
  const [r] = await db.query<{ n: number; s: number }>('SELECT count(*) AS n, sum(amount) AS s FROM sales');
  return r;
}

describe('JSON exports', () => {
  it('an array of records, with a missing key and a nested value', async () => {
    const data = [
      { date: '2025-01-02', amount: 10.5, customer: 'A', meta: { src: 'web' } },
      { date: '2025-01-03', amount: 4.5, customer: 'B, Inc.' },
      { date: '2025-01-04', amount: 5 },
    ];
    expect(await total(new File([JSON.stringify(data)], 'orders.json'))).toEqual({ n: 3, s: 20 });
  });

  it('NDJSON, and a broken line named by its number', async () => {
    const nd = '{"date":"2025-01-02","amount":1}\n\n{"date":"2025-01-03","amount":2}\n';
    expect(await total(new File([nd], 'orders.ndjson'))).toEqual({ n: 2, s: 3 });
    await expect(jsonToCsvFile(new File(['{"a":1}\n{oops\n'], 'bad.ndjson'))).rejects.toMatchObject({ code: 'read-failed', facts: { row: 2 } });
    await expect(jsonToCsvFile(new File(['{"not":"an array"'], 'bad.json'))).rejects.toMatchObject({ code: 'read-failed' });
  });
});
