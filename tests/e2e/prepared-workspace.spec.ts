/**
 * A workspace made by `npm run prepare-workspace`, published in a folder of the built site and opened by a
 * link (`?workspace=…`), its database read by range requests: KPIs from the lines and the product table
 * and trend from the daily rollup, against plain TS over the generated export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, kpi, writeSql } from './fixtures';
import { ensureSalesCsv, FILTER_VALUES } from '../../scripts/lib/bench/generate';
import { prepareWorkspace } from '../../scripts/lib/prepare/prepare';

const FOLDER = 'prepared-e2e';
const out = path.join(process.env.TEST_DIST ?? 'dist-test', FOLDER);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prepared-e2e-'));
let lines: { order: string; date: string; customer: string; product: string; region: string; amount: number }[] = [];
/** Canonical fields constant within every order of the export (orders then count by their flags). */
let constant: string[] = [];

test.beforeAll(async () => {
  const csv = await ensureSalesCsv(path.join(tmp, 'sales.csv'), 20_000);
  const [header, ...body] = fs.readFileSync(csv.path, 'utf8').trim().split('\n').map((l) => l.split(','));
  const at = (name: string) => header.indexOf(name);
  lines = body.map((r) => ({ order: r[at('Order ID')], date: r[at('Order Date')], customer: r[at('Customer')], product: r[at('Product')], region: r[at('Region')], amount: Number(r[at('Sales')]) }));
  const columns: Record<string, string> = { date: 'Order Date', customer: 'Customer', product: 'Product', category: 'Category', channel: 'Channel', region: 'Region', rep: 'Sales Rep', team: 'Team' };
  constant = Object.keys(columns).filter((field) => {
    const first = new Map<string, string>();
    return body.every((r) => (first.has(r[at('Order ID')]) || first.set(r[at('Order ID')], r[at(columns[field])]), first.get(r[at('Order ID')]) === r[at(columns[field])]));
  });
  await prepareWorkspace({ sales: [csv.path], out, name: 'Prepared e2e', currency: 'CNY', readOnDemand: true });
});
test.afterAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

async function open(page: Page, hash: string) {
  await page.goto(`./?workspace=${FOLDER}${hash}`);
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
}

test('a prepared workspace opens from its link, read on demand; lines and rollups give the file’s numbers', async ({ page }) => {
  // The app logs its queries when asked (engine.ts): to see which tables the views read.
  await page.addInitScript(() => ((window as unknown as { __targetscopeQueryLog: unknown[] }).__targetscopeQueryLog = []));
  const requests: { url: string; method: string; range: string | undefined }[] = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), range: r.headers()['range'] }));
  await open(page, '#/overview?period=all');
  await expect(page.getByTestId('load-status')).toContainText('Prepared e2e');
  // Read by ranges (after a HEAD for its size), never downloaded whole.
  const reads = requests.filter((r) => r.url.includes(`${FOLDER}/workspace.duckdb`) && r.method === 'GET');
  expect(reads.length, JSON.stringify(requests.filter((r) => r.url.includes('workspace.duckdb')))).toBeGreaterThan(0);
  expect(reads.filter((r) => !r.range?.startsWith('bytes='))).toEqual([]);

  expect(await kpi(page, 'revenue')).toBeCloseTo(sum(lines), 2);
  expect(await kpi(page, 'orders')).toBe(new Set(lines.map((l) => l.order)).size);
  // The prepared lines carry the order flags: the app counts orders by them, as after a file's compaction.
  const orderConstant = (await page.getByTestId('load-status').getAttribute('data-order-constant')) ?? '';
  expect(orderConstant.split(',').sort()).toEqual([...constant].sort());

  // RFM frequency by flag = distinct orders with a sale line, for the three biggest customers.
  await page.evaluate(() => (location.hash = '#/customers?period=all'));
  await expect(page.getByTestId('customers')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const byCustomer = new Map<string, number>();
  for (const l of lines) byCustomer.set(l.customer, (byCustomer.get(l.customer) ?? 0) + l.amount);
  for (const [customer] of [...byCustomer].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
    const orders = new Set(lines.filter((l) => l.customer === customer && l.amount > 0).map((l) => l.order)).size;
    await expect(page.locator(`[data-testid="customer-table"] tr[data-customer="${customer}"] td[data-col="frequency"]`)).toHaveAttribute('data-value', String(orders));
  }
  // Churn (90 days, the default) over the 12 months to the data's last day: the churned customer with the
  // most revenue in those months comes first, with its days since the last purchase.
  const asOf = lines.map((l) => l.date).sort().at(-1)!;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const baseStart = new Date(Date.UTC(Number(asOf.slice(0, 4)) - 1, Number(asOf.slice(5, 7)) - 1, Number(asOf.slice(8, 10)) + 1)).toISOString().slice(0, 10);
  const base = new Map<string, { last: string; revenue: number }>();
  for (const l of lines) {
    if (l.date < baseStart || l.date > asOf) continue;
    const b = base.get(l.customer) ?? { last: '', revenue: 0 };
    b.revenue += l.amount;
    if (l.amount > 0 && l.date > b.last) b.last = l.date;
    base.set(l.customer, b);
  }
  const churned = [...base].filter(([, b]) => b.last && day(asOf) - day(b.last) > 90).sort((a, b) => b[1].revenue - a[1].revenue || a[0].localeCompare(b[0]));
  expect(churned.length).toBeGreaterThan(0);
  const churnFirst = page.getByTestId('churn-table').locator('tbody tr').first();
  await expect(churnFirst.locator('td[data-col="customer"]')).toHaveAttribute('data-value', churned[0][0]);
  await expect(churnFirst.locator('td[data-col="daysSince"]')).toHaveAttribute('data-value', String(day(asOf) - day(churned[0][1].last)));
  // These came from the customer-day rollup, not the lines.
  const logged = await page.evaluate(() => (window as unknown as { __targetscopeQueryLog: { sql: string }[] }).__targetscopeQueryLog.map((q) => q.sql));
  expect(logged.filter((q) => /FROM customer_days\b/.test(q)).length).toBeGreaterThanOrEqual(3);
  // Opening took the rows, dates and fields from the manifest instead of scanning every line.
  expect(logged.filter((q) => q.includes('AS _rows'))).toEqual([]);

  // The product table reads the daily rollup: the top product of 2025 and its revenue, with a region filter.
  const region = FILTER_VALUES.region[0];
  await page.evaluate((h) => (location.hash = h), `#/products?period=custom&from=2025-01-01&to=2025-12-31&f.region=${encodeURIComponent(region)}`);
  await expect(page.getByTestId('products')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const byProduct = new Map<string, number>();
  for (const l of lines) if (l.region === region && l.date.startsWith('2025')) byProduct.set(l.product, (byProduct.get(l.product) ?? 0) + l.amount);
  const [topProduct, topRevenue] = [...byProduct].sort((a, b) => b[1] - a[1])[0];
  const first = page.getByTestId('product-table').locator('tbody tr').first();
  await expect(first.locator('td[data-col="member"]')).toHaveAttribute('data-value', topProduct);
  expect(Number(await first.locator('td[data-col="revenue"]').getAttribute('data-value'))).toBeCloseTo(topRevenue, 2);
});

test('work on a linked workspace is kept apart from data/’s: a saved query comes back there only', async ({ page }) => {
  await open(page, '#/sql');
  await writeSql(page, 'SELECT count(*) AS n FROM sales_rollup');
  await page.getByTestId('sql-save-name').fill('Rollup rows');
  await page.getByTestId('sql-save').click();
  const saved = page.getByTestId('sql-saved');
  await expect(saved).toHaveAttribute('data-kept-count', '1');
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(saved.locator('li[data-query="Rollup rows"]')).toHaveCount(1);
  // The site's own workspace (data/) does not list it.
  await page.goto('./#/sql');
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('sql-input')).toBeVisible();
  await expect(saved.locator('li')).toHaveCount(0);
});

test('a broken workspace link says what is wrong, in the user’s language', async ({ page }) => {
  await page.goto(`./?workspace=${encodeURIComponent('../secret')}#/overview`);
  await expect(page.getByRole('alert')).toContainText('The link names the workspace “../secret”, which is not a folder of this site');
  await page.goto('./?workspace=no-such-folder#/overview');
  await expect(page.getByRole('alert')).toContainText('There is no published workspace at /targetscope/no-such-folder/workspace.json');
  await page.getByTestId('lang-select').selectOption('zh-CN');
  await expect(page.getByRole('alert')).toContainText('/targetscope/no-such-folder/workspace.json 处没有发布的工作区');
});
