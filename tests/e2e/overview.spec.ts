import { test, expect, openApp, kpi } from './fixtures';
import { sampleQuery } from './sample-reference';

test('the site opens on the sample workspace; KPIs over every row match native DuckDB', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  const [ref] = await sampleQuery<{ revenue: string; orders: string; customers: string; quantity: string; cost: string }>(
    `SELECT sum(amount) AS revenue, count(DISTINCT order_id) AS orders, count(DISTINCT customer) AS customers,
            sum(quantity) AS quantity, sum(cost) AS cost FROM ws.sales`,
  );
  expect(await kpi(page, 'revenue')).toBeCloseTo(Number(ref.revenue), 2);
  expect(await kpi(page, 'orders')).toBe(Number(ref.orders));
  expect(await kpi(page, 'customers')).toBe(Number(ref.customers));
  expect(await kpi(page, 'quantity')).toBeCloseTo(Number(ref.quantity), 6);
  expect(await kpi(page, 'margin')).toBeCloseTo((Number(ref.revenue) - Number(ref.cost)) / Number(ref.revenue), 9);
  for (const name of ['trend', 'by-channel', 'by-region', 'by-category']) {
    await expect(page.getByTestId(`chart-${name}`).locator('svg').first()).toBeVisible();
  }
});

test('year to date as of the data’s last date, with attainment against the plan in force', async ({ page }) => {
  await openApp(page, '#/overview');
  const range = page.getByTestId('period-range');
  const [{ last }] = await sampleQuery<{ last: string }>(`SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales`);
  const year = last.slice(0, 4);
  await expect(range).toHaveAttribute('data-start', `${year}-01-01`);
  await expect(range).toHaveAttribute('data-end', last);
  const [ref] = await sampleQuery<{ revenue: string }>(
    `SELECT sum(amount) AS revenue FROM ws.sales WHERE date BETWEEN DATE '${year}-01-01' AND DATE '${last}'`,
  );
  // Company target: latest plan version of the year; the as-of month counts by elapsed days.
  const [plan] = await sampleQuery<{ target: string }>(`
    WITH v AS (SELECT max(version) AS version FROM ws.targets WHERE year(period) = ${year})
    SELECT sum(CASE WHEN period < date_trunc('month', DATE '${last}') THEN amount
                    WHEN period = date_trunc('month', DATE '${last}') THEN amount * day(DATE '${last}') / day(last_day(DATE '${last}'))
                    ELSE 0 END) AS target
    FROM ws.targets, v WHERE unit_type = 'company' AND year(period) = ${year} AND targets.version = v.version`);
  const revenue = await kpi(page, 'revenue');
  expect(revenue).toBeCloseTo(Number(ref.revenue), 2);
  expect(await kpi(page, 'attainment')).toBeCloseTo(Number(ref.revenue) / Number(plan.target), 9);
});

test('a filter in the URL drives the KPIs and survives a reload', async ({ page }) => {
  const [{ region }] = await sampleQuery<{ region: string }>(`SELECT region FROM ws.sales GROUP BY 1 ORDER BY sum(amount) DESC LIMIT 1`);
  const hash = `#/overview?period=all&f.region=${encodeURIComponent(region)}&f.channel=${encodeURIComponent('线上商城')}`;
  await openApp(page, hash);
  const [ref] = await sampleQuery<{ revenue: string }>(
    `SELECT sum(amount) AS revenue FROM ws.sales WHERE region = '${region}' AND channel = '线上商城'`,
  );
  expect(await kpi(page, 'revenue')).toBeCloseTo(Number(ref.revenue), 2);
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(Number(ref.revenue), 2);
  await expect(page.getByTestId('filter-region')).toContainText(region);
});

test('changing the period in the filter bar updates the URL and the KPIs', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  const all = await kpi(page, 'revenue');
  await page.getByTestId('period-select').selectOption('mtd');
  await expect(page).toHaveURL(/period=mtd/);
  const [{ last }] = await sampleQuery<{ last: string }>(`SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales`);
  const [ref] = await sampleQuery<{ revenue: string }>(
    `SELECT sum(amount) AS revenue FROM ws.sales WHERE date BETWEEN date_trunc('month', DATE '${last}') AND DATE '${last}'`,
  );
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(Number(ref.revenue), 2);
  expect(Number(ref.revenue)).toBeLessThan(all);
});

test('zh-CN: Chinese labels and 万/亿 amounts; the choice persists', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  await page.getByTestId('lang-select').selectOption('zh-CN');
  await expect(page.locator('[data-kpi="revenue"] h2')).toHaveText('销售额');
  await expect(page.locator('[data-kpi="revenue"] .value')).toHaveText(/^¥[\d.]+亿$/);
  await page.reload();
  await expect(page.locator('[data-kpi="revenue"] h2')).toHaveText('销售额');
});

test('reads well at 375 px: no horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openApp(page, '#/overview?period=all');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
