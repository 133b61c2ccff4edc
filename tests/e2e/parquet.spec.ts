import { test, expect, openApp, loadFile, kpi } from './fixtures';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Rows written to Parquet by native DuckDB; the expected totals are computed here in TS. */
const rows = Array.from({ length: 500 }, (_, i) => ({
  day: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  order: `P${Math.floor(i / 3)}`,
  customer: `客户${i % 37}`,
  qty: (i % 4) + 1,
  sales: Math.round(((i * 37) % 1000) * 100 + 99) / 100,
  region: ['华东', '华南', '华北'][i % 3],
}));

test('a Parquet file loads through the file input (hyparquet → Arrow → DuckDB)', async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-parquet-'));
  const file = path.join(dir, 'orders.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const values = rows.map((r) => `(DATE '${r.day}', '${r.order}', '${r.customer}', ${r.qty}::BIGINT, ${r.sales}, '${r.region}')`).join(',');
  await conn.run(`COPY (SELECT * FROM (VALUES ${values}) t("Order Date", "Order ID", "Customer", "Quantity", "Sales", "Region")) TO '${file}' (FORMAT parquet)`);
  conn.closeSync();

  await openApp(page);
  expect(await loadFile(page, file)).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(rows.reduce((a, r) => a + r.sales, 0), 6);
  expect(await kpi(page, 'orders')).toBe(new Set(rows.map((r) => r.order)).size);
  expect(await kpi(page, 'customers')).toBe(new Set(rows.map((r) => r.customer)).size);
  expect(await kpi(page, 'quantity')).toBe(rows.reduce((a, r) => a + r.qty, 0));
  await expect(page.getByTestId('period-range')).toHaveAttribute('data-start', '2025-01-01');
});
