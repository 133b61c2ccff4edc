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

test('a Parquet summary with integer Year and Month columns loads as whole months (the date is made from the two)', async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-parquet-ym-'));
  const file = path.join(dir, 'monthly.parquet');
  // 2024-01 … 2025-06 for two regions, written in reverse order.
  const months = Array.from({ length: 18 }, (_, k) => ({ y: 2024 + Math.floor(k / 12), m: (k % 12) + 1 }));
  const summary = months.flatMap(({ y, m }, k) => ['East', 'West'].map((region, j) => ({ y, m, region, sales: 1000 + 37.5 * k + 250 * j }))).reverse();
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const values = summary.map((r) => `(${r.y}::INTEGER, ${r.m}::INTEGER, '${r.region}', ${r.sales})`).join(',');
  await conn.run(`COPY (SELECT * FROM (VALUES ${values}) t("Year", "Month", "Region", "Sales")) TO '${file}' (FORMAT parquet)`);
  conn.closeSync();

  await openApp(page);
  expect(await loadFile(page, file)).toBe('ready');
  await expect(page.getByTestId('grain')).toHaveAttribute('data-grain', 'month');
  await expect(page.getByTestId('load-warnings').locator('li[data-code="date-from-year-month"]')).toHaveCount(1);
  expect(await kpi(page, 'revenue')).toBeCloseTo(summary.reduce((a, r) => a + r.sales, 0), 6);
  await page.evaluate(() => (location.hash = '#/overview?period=ytd'));
  await expect(page.getByTestId('as-of')).toHaveValue('2025-06-30');
  expect(await kpi(page, 'revenue')).toBeCloseTo(summary.filter((r) => r.y === 2025).reduce((a, r) => a + r.sales, 0), 6);
});
