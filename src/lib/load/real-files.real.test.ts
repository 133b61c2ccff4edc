/**
 * The real exports in ../shared/datasets through the app's own load pipeline
 * (loadSalesFile on DuckDB-WASM in Node). Part of `npm run test:real`, not of
 * `npm test`, since a fresh clone may not have the datasets beside it.
 * Expected values: tests/real/EXPECTED.md (computed with Python's csv module).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, openAsBlob } from 'node:fs';
import path from 'node:path';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { loadSalesFile } from './load-file';
import { describeDateFormat } from '../ingest/date';
import { sqlIdent } from '../model/sql';

const DATASETS = path.resolve(process.env.TARGETSCOPE_DATASETS ?? '../shared/datasets');
let db: NodeDuckDB;

beforeAll(async () => {
  if (!existsSync(DATASETS)) throw new Error(`datasets not found at ${DATASETS} (set TARGETSCOPE_DATASETS)`);
  db = await openNodeDuckDB();
});
afterAll(() => db?.close());

async function load(relative: string) {
  const file = path.join(DATASETS, relative);
  const blob = await openAsBlob(file);
  const source = await loadSalesFile(db, new File([blob], path.basename(file)));
  const [row] = await db.query<{ n: number; total: number; first: string; last: string }>(
    `SELECT count(*) AS n, sum(amount) AS total, strftime(min(date), '%Y-%m-%d') AS first, strftime(max(date), '%Y-%m-%d') AS last FROM ${sqlIdent(source.table)}`,
  );
  return { source, ...row, dateFormat: source.dateFormat ? describeDateFormat(source.dateFormat) : null };
}

describe('real exports through the load pipeline', () => {
  it('Superstore classic (UTF-8, all quoted, M/D/YYYY)', async () => {
    const r = await load('superstore_classic/Sample-Superstore.csv');
    expect(r).toMatchObject({ dateFormat: 'M/D/YYYY', n: 9994, first: '2014-01-03', last: '2017-12-30' });
    expect(r.source.check).toMatchObject({ badDates: 0, badAmounts: 0 });
    expect(r.total).toBeCloseTo(2297200.8603, 4);
  });

  it('Superstore 2020 (UTF-8 BOM, D/M/YY)', async () => {
    const r = await load('superstore_2020_us_ca/Sample - Superstore.csv');
    expect(r).toMatchObject({ dateFormat: 'D/M/YY', n: 10194, first: '2019-01-03', last: '2022-12-30' });
    expect(r.source.encoding).toBe('utf-8 (BOM)');
    expect(r.total).toBeCloseTo(2326534.3543, 4);
  });

  it('Superstore Windows-1252 (transcoded, ISO dates, same amounts as classic)', async () => {
    const r = await load('superstore_cp1252/Sample - Superstore.csv');
    expect(r.source.encoding).toBe('windows-1252');
    expect(r).toMatchObject({ dateFormat: 'YYYY-MM-DD', n: 9994, first: '2018-01-03', last: '2021-12-30' });
    expect(r.total).toBeCloseTo(2297200.8603, 4);
  });

  it('AdventureWorks Sales (pipe, YYYY/MM/DD)', async () => {
    const r = await load('adventureworks_sales_targets/Sales.csv');
    expect(r).toMatchObject({ n: 57851, first: '2017-07-01', last: '2020-05-31' });
    expect(r.source.delimiter).toBe('|');
  });
});
