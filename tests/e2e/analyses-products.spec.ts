/**
 * #/products, #/channels and #/regions on the sample workspace: rendered
 * values (data-value) against native DuckDB over data/workspace.duckdb.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, loadFile } from './fixtures';
import { sampleQuery } from './sample-reference';

const Y2025 = "date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'";
const Y2024 = "date BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'";

async function ready(page: Page, testid: string) {
  await expect(page.getByTestId(testid)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
}

async function cell(page: Page, table: string, rowText: string, col: string): Promise<number> {
  const row = page.getByTestId(table).locator('tbody tr').filter({ has: page.locator(`td[data-col="${table === 'pvm-table' ? 'key' : 'member'}"][data-value="${rowText}"]`) });
  return Number(await row.locator(`td[data-col="${col}"]`).getAttribute('data-value'));
}

test('#/products: performance, Pareto share, slow movers and price–volume–mix match native DuckDB', async ({ page }) => {
  await openApp(page, '#/products?period=custom&from=2025-01-01&to=2025-12-31');
  await ready(page, 'products');

  const [top] = await sampleQuery<{ product: string; revenue: number; ly: number; profit: number }>(`
    SELECT product, sum(amount) FILTER (WHERE ${Y2025}) AS revenue, sum(amount) FILTER (WHERE ${Y2024}) AS ly,
           sum(amount - cost) FILTER (WHERE ${Y2025}) AS profit
    FROM ws.sales GROUP BY 1 ORDER BY revenue DESC NULLS LAST LIMIT 1`);
  const first = page.getByTestId('product-table').locator('tbody tr').first();
  await expect(first.locator('td[data-col="member"]')).toHaveAttribute('data-value', top.product);
  expect(Number(await first.locator('td[data-col="revenue"]').getAttribute('data-value'))).toBeCloseTo(Number(top.revenue), 2);
  expect(Number(await first.locator('td[data-col="margin"]').getAttribute('data-value'))).toBeCloseTo(top.profit / top.revenue, 9);
  // Growth vs last year: blank for a product without last-year sales, the ratio otherwise.
  if (top.ly === null) await expect(first.locator('td[data-col="vsYoy"]')).toHaveAttribute('data-value', '');
  const [old] = await sampleQuery<{ product: string; revenue: number; ly: number }>(`
    SELECT product, sum(amount) FILTER (WHERE ${Y2025}) AS revenue, sum(amount) FILTER (WHERE ${Y2024}) AS ly
    FROM ws.sales GROUP BY 1 HAVING ly > 0 ORDER BY revenue DESC NULLS LAST LIMIT 1`);
  expect(await cell(page, 'product-table', old.product, 'vsYoy')).toBeCloseTo(old.revenue / old.ly - 1, 9);

  // Pareto: the fewest top products reaching 80 % of 2025 revenue, over all products sold in 2025.
  const [pareto] = await sampleQuery<{ k: number; n: number }>(`
    WITH p AS (SELECT product, sum(amount) AS r FROM ws.sales WHERE ${Y2025} GROUP BY 1),
    c AS (SELECT r, sum(r) OVER (ORDER BY r DESC ROWS UNBOUNDED PRECEDING) / sum(r) OVER () AS cum FROM p)
    SELECT (SELECT count(*) FROM c WHERE cum < 0.8) + 1 AS k, (SELECT count(*) FROM p) AS n`);
  const share = page.getByTestId('pareto-share');
  await expect(share).toHaveAttribute('data-count', String(pareto.k));
  await expect(share).toHaveAttribute('data-total', String(pareto.n));
  await expect(page.getByTestId('chart-pareto').locator('svg').first()).toBeVisible();

  // Slow movers as of the last data date: the lowest 90-day velocity among products sold in the last 365 days.
  const [slow] = await sampleQuery<{ v: number }>(`
    WITH a AS (SELECT max(date) AS d FROM ws.sales)
    SELECT min(q) / 90 AS v FROM (
      SELECT product, coalesce(sum(quantity) FILTER (WHERE date > a.d - 90), 0) AS q,
             count(*) FILTER (WHERE date > a.d - 365 AND amount > 0) AS n
      FROM ws.sales, a WHERE date <= a.d GROUP BY product) WHERE n > 0`);
  const firstSlow = page.getByTestId('slow-movers').locator('tbody tr').first();
  expect(Number(await firstSlow.locator('td[data-col="velocity"]').getAttribute('data-value'))).toBeCloseTo(Number(slow.v), 9);

  // PVM, 2025 vs 2024: the change, and the volume effect from the textbook formula over continuing products.
  const [pvm] = await sampleQuery<{ change: number; volume: number }>(`
    WITH p AS (SELECT product,
        coalesce(sum(quantity) FILTER (WHERE ${Y2024}), 0) AS q0, coalesce(sum(amount) FILTER (WHERE ${Y2024}), 0) AS r0,
        coalesce(sum(quantity) FILTER (WHERE ${Y2025}), 0) AS q1, coalesce(sum(amount) FILTER (WHERE ${Y2025}), 0) AS r1
      FROM ws.sales GROUP BY 1)
    SELECT sum(r1) - sum(r0) AS change,
      (sum(q1) FILTER (WHERE q0 > 0 AND q1 > 0) - sum(q0) FILTER (WHERE q0 > 0 AND q1 > 0))
        * sum(r0) FILTER (WHERE q0 > 0 AND q1 > 0) / sum(q0) FILTER (WHERE q0 > 0 AND q1 > 0) AS volume
    FROM p`);
  const effects = await Promise.all(['volume', 'mix', 'price', 'new', 'discontinued'].map((k) => cell(page, 'pvm-table', k, 'value')));
  expect(await cell(page, 'pvm-table', 'change', 'value')).toBeCloseTo(Number(pvm.change), 2);
  expect(effects[0]).toBeCloseTo(Number(pvm.volume), 2);
  expect(effects.reduce((s, v) => s + v, 0)).toBeCloseTo(Number(pvm.change), 2);
  await expect(page.getByTestId('chart-pvm').locator('svg').first()).toBeVisible();

  // The same table by category, growth vs the previous period (2024 by day count: 2024-01-02 … 2024-12-31).
  await page.getByTestId('products-by').selectOption('category');
  await expect(page).toHaveURL(/o\.by=category/);
  const cats = await sampleQuery<{ category: string; revenue: number; prev: number }>(`
    SELECT category, sum(amount) FILTER (WHERE ${Y2025}) AS revenue,
           sum(amount) FILTER (WHERE date BETWEEN DATE '2024-01-02' AND DATE '2024-12-31') AS prev
    FROM ws.sales GROUP BY 1`);
  for (const c of cats) {
    await expect.poll(() => cell(page, 'product-table', c.category, 'revenue'), { message: c.category }).toBeCloseTo(Number(c.revenue), 2);
    expect(await cell(page, 'product-table', c.category, 'vsPrev')).toBeCloseTo(c.revenue / c.prev - 1, 9);
  }
});

test('the whole history is not compared: no growth columns, and price–volume–mix asks for a period', async ({ page }) => {
  await openApp(page, '#/products?period=all');
  await ready(page, 'products');
  await expect(page.getByTestId('pvm-uncompared')).toBeVisible();
  await expect(page.getByTestId('chart-pvm')).toHaveCount(0);
  await expect(page.locator('[data-testid="product-table"] td[data-col="vsYoy"]')).toHaveCount(0);
  await page.evaluate(() => (location.hash = '#/products?period=ytd'));
  await expect(page.getByTestId('chart-pvm').locator('svg').first()).toBeVisible();
  await expect(page.getByTestId('pvm-uncompared')).toHaveCount(0);
  await expect(page.locator('[data-testid="product-table"] td[data-col="vsYoy"]').first()).toBeVisible();
  await page.evaluate(() => (location.hash = '#/channels?period=all'));
  await ready(page, 'channels');
  await expect(page.locator('[data-testid="channel-table"] td[data-col="revenue"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="channel-table"] td[data-col="vsPrev"]')).toHaveCount(0);
});

test('#/channels: revenue, growth and margin per channel match native DuckDB', async ({ page }) => {
  await openApp(page, '#/channels?period=custom&from=2025-01-01&to=2025-12-31');
  await ready(page, 'channels');
  const ref = await sampleQuery<{ channel: string; revenue: number; ly: number; profit: number }>(`
    SELECT channel, sum(amount) FILTER (WHERE ${Y2025}) AS revenue, sum(amount) FILTER (WHERE ${Y2024}) AS ly,
           sum(amount - cost) FILTER (WHERE ${Y2025}) AS profit FROM ws.sales GROUP BY 1`);
  expect(ref.length).toBe(4);
  for (const r of ref) {
    expect(await cell(page, 'channel-table', r.channel, 'revenue')).toBeCloseTo(Number(r.revenue), 2);
    expect(await cell(page, 'channel-table', r.channel, 'vsYoy')).toBeCloseTo(r.revenue / r.ly - 1, 9);
    expect(await cell(page, 'channel-table', r.channel, 'margin')).toBeCloseTo(r.profit / r.revenue, 9);
  }
  for (const name of ['channel-mix', 'channel-category']) await expect(page.getByTestId(`chart-${name}`).locator('svg').first()).toBeVisible();
});

test('the 2025-Q3 耳机 promotion in 华南 is found in two clicks from the overview', async ({ page }) => {
  await openApp(page, '#/overview?period=custom&from=2025-07-01&to=2025-09-30');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  const Q3 = "date BETWEEN DATE '2025-07-01' AND DATE '2025-09-30'";
  const Q3LY = "date BETWEEN DATE '2024-07-01' AND DATE '2024-09-30'";

  // Click 1: "What changed?" on the Revenue by Region card.
  await page.getByTestId('what-changed-region').click();
  await expect(page).toHaveURL(/#\/regions\?/);
  await ready(page, 'regions');
  const regions = await sampleQuery<{ region: string; change: number }>(`
    SELECT region, coalesce(sum(amount) FILTER (WHERE ${Q3}), 0) - coalesce(sum(amount) FILTER (WHERE ${Q3LY}), 0) AS change
    FROM ws.sales GROUP BY 1`);
  const total = regions.reduce((s, r) => s + Number(r.change), 0);
  expect(Number(await page.getByTestId('change-total').getAttribute('data-value'))).toBeCloseTo(total, 2);
  for (const r of regions) {
    const row = page.getByTestId('contributions').locator(`tr[data-member="${r.region}"]`);
    expect(Number(await row.locator('td[data-col="change"]').getAttribute('data-value'))).toBeCloseTo(Number(r.change), 2);
  }
  // The region × category heat table points at the steepest fall.
  const [cellRef] = await sampleQuery<{ region: string; category: string }>(`
    SELECT region, category FROM ws.sales GROUP BY ALL
    ORDER BY sum(amount) FILTER (WHERE ${Q3}) / sum(amount) FILTER (WHERE ${Q3LY}) LIMIT 1`);
  expect([cellRef.region, cellRef.category]).toEqual(['华南', '耳机']);
  const drop = page.getByTestId('largest-drop');
  await expect(drop).toHaveAttribute('data-row', '华南');
  await expect(drop).toHaveAttribute('data-col', '耳机');
  // "Rank all dimensions": every mapped dimension, most concentrated first.
  await page.getByTestId('rank-all').click();
  const ranks = page.getByTestId('dimension-ranks').locator('tbody tr');
  await expect(ranks).toHaveCount(7);
  const [regionConc] = await sampleQuery<{ c: number }>(`
    SELECT max(abs(ch)) / sum(abs(ch)) AS c FROM (
      SELECT coalesce(sum(amount) FILTER (WHERE ${Q3}), 0) - coalesce(sum(amount) FILTER (WHERE ${Q3LY}), 0) AS ch FROM ws.sales GROUP BY region)`);
  expect(Number(await page.locator('[data-testid="dimension-ranks"] tr[data-dim="region"] td.num').first().getAttribute('data-value'))).toBeCloseTo(Number(regionConc.c), 9);
  for (const name of ['waterfall', 'region-category', 'region-trends']) await expect(page.getByTestId(`chart-${name}`).locator('svg').first()).toBeVisible();

  // Click 2: drill into 华南 — its change by category shows 耳机 as the largest decrease.
  await page.getByTestId('contributions').locator('tr[data-member="华南"] button').click();
  await expect(page.getByTestId('contributions')).toHaveAttribute('data-dim', 'category');
  await ready(page, 'regions');
  const [earbuds] = await sampleQuery<{ category: string; change: number }>(`
    SELECT category, sum(amount) FILTER (WHERE ${Q3}) - sum(amount) FILTER (WHERE ${Q3LY}) AS change
    FROM ws.sales WHERE region = '华南' GROUP BY 1 ORDER BY change LIMIT 1`);
  expect(earbuds.category).toBe('耳机');
  const decrease = page.getByTestId('largest-decrease');
  await expect(decrease).toHaveAttribute('data-member', '耳机');
  expect(Number(await decrease.getAttribute('data-value'))).toBeCloseTo(Number(earbuds.change), 2);
  await expect(page).toHaveURL(/f\.region=/);

  // One level further: 耳机 in 华南 by product.
  await page.getByTestId('contributions').locator('tr[data-member="耳机"] button').click();
  await expect(page.getByTestId('contributions')).toHaveAttribute('data-dim', 'product');
  await ready(page, 'regions');
  const products = await sampleQuery<{ product: string; change: number }>(`
    SELECT product, coalesce(sum(amount) FILTER (WHERE ${Q3}), 0) - coalesce(sum(amount) FILTER (WHERE ${Q3LY}), 0) AS change
    FROM ws.sales WHERE region = '华南' AND category = '耳机' AND (${Q3} OR ${Q3LY}) GROUP BY 1`);
  await expect(page.getByTestId('contributions').locator('tbody tr')).toHaveCount(products.length);
  await expect
    .poll(async () => Number(await page.getByTestId('change-total').getAttribute('data-value')))
    .toBeCloseTo(products.reduce((s, p) => s + Number(p.change), 0), 2);
});

test('the analysis views read well at 375 px', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [route, id] of [['products', 'products'], ['channels', 'channels'], ['regions', 'regions']]) {
    await openApp(page, `#/${route}?period=ytd`);
    await ready(page, id);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, route).toBeLessThanOrEqual(0);
  }
});

test('a dropped file without product or channel columns: the views say which field would enable what', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  const csv = 'date,amount,region\n2025-01-05,100,North\n2025-02-07,250,South\n2026-01-09,300,North\n';
  expect(await loadFile(page, { name: 'regions-only.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })).toBe('ready');
  await page.evaluate(() => (location.hash = '#/products?period=all'));
  await expect(page.getByTestId('products-unavailable')).toContainText(/Product column/i);
  await page.evaluate(() => (location.hash = '#/channels?period=all'));
  await expect(page.getByTestId('channels-unavailable')).toContainText(/Channel column/i);
  // What changed still works by region, and the matrix explains what it needs.
  await page.evaluate(() => (location.hash = '#/regions?period=custom&from=2026-01-01&to=2026-12-31'));
  await ready(page, 'regions');
  await expect(page.getByTestId('contributions').locator('tr[data-member="North"] td[data-col="change"]')).toHaveAttribute('data-value', '200');
  await expect(page.getByTestId('contributions').locator('tr[data-member="South"] td[data-col="change"]')).toHaveAttribute('data-value', '-250');
  await expect(page.getByTestId('regions')).toContainText(/Category column/i);
});
