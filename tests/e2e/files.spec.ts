import { test, expect, openApp, loadFile, kpi } from './fixtures';

async function goto(page: import('@playwright/test').Page, hash: string) {
  await page.evaluate((h) => (location.hash = h), hash);
}

test('a GB18030 Chinese export loads with ¥ amounts, and the KPIs match hand-worked totals', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/cn-gbk.csv')).toBe('ready');
  await expect(page).toHaveURL(/period=all/); // a new file opens on its whole date range
  // 3998 + 1497.5 + 1999 − 299.5 + 8990 (one return line)
  expect(await kpi(page, 'revenue')).toBeCloseTo(16185, 6);
  expect(await kpi(page, 'orders')).toBe(4);
  expect(await kpi(page, 'customers')).toBe(3);
  expect(await kpi(page, 'quantity')).toBe(17);
  expect(await kpi(page, 'margin')).toBeCloseTo((16185 - 10320) / 16185, 9);
  await expect(page.locator('[data-kpi="attainment"]')).toHaveAttribute('data-value', '');
  await expect(page.locator('[data-kpi="revenue"]')).toContainText('1');
  await goto(page, '#/data?period=all');
  await expect(page.getByTestId('source-encoding')).toHaveText(/gb18030/);
  await expect(page.getByTestId('source-rows')).toHaveAttribute('data-value', '5');
  await expect(page.getByTestId('map-date')).toHaveValue('订单日期');
  await expect(page.getByTestId('map-amount')).toHaveValue('销售额');
});

test('once the background compaction is done, the same file gives the same KPIs from the compressed copy', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/cn-gbk.csv')).toBe('ready');
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-compaction', 'done', { timeout: 30_000 });
  // Re-query after the switch: a filter and back.
  await goto(page, '#/overview?period=all&f.region=%E5%8D%8E%E4%B8%9C');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await goto(page, '#/overview?period=all');
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(16185, 6);
  expect(await kpi(page, 'orders')).toBe(4);
  expect(await kpi(page, 'customers')).toBe(3);
  expect(await kpi(page, 'quantity')).toBe(17);
});

test('semicolon export with 1.234,50 amounts; the mapping can be corrected on #/data', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/eu-semicolon.csv')).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(1234.5 + 99.9 + 823 + 12000, 6);
  await goto(page, '#/data?period=all');
  await expect(page.getByTestId('source-delimiter')).toHaveText(';');
  // Measure profit as revenue instead: the overview follows the corrected mapping.
  await page.getByTestId('map-amount').selectOption('Profit');
  await page.getByTestId('map-profit').selectOption('');
  await page.getByTestId('apply-mapping').click();
  await goto(page, '#/overview?period=all');
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(200 - 10.5 + 150.25 + 3000, 6);
});

test('quantity × unit price when there is no amount column (TSV)', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/qty-price.tsv')).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(2 * 10.5 + 3 * 4.25 + 10.5, 6);
  await expect(page.locator('[data-kpi="customers"]')).toContainText(/customer column/i);
});

test('a file of mostly bad dates is refused with column, count and examples; the previous data stays', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, 'tests/fixtures/cn-gbk.csv')).toBe('ready');
  const before = await kpi(page, 'revenue');
  expect(await loadFile(page, 'tests/fixtures/bad-dates.psv')).toBe('error');
  const alert = page.getByTestId('load-status').getByRole('alert');
  await expect(alert).toContainText('bad-dates.psv');
  await expect(alert).toContainText('Order Date');
  await expect(alert).toContainText('3 of 5');
  await expect(alert).toContainText('not a date');
  await expect(alert).toContainText('previous data is still loaded');
  expect(await kpi(page, 'revenue')).toBe(before);
});

test('empty, header-only and binary files get specific errors', async ({ page }) => {
  await openApp(page);
  const alert = page.getByTestId('load-status').getByRole('alert');
  expect(await loadFile(page, { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) })).toBe('error');
  await expect(alert).toContainText('“empty.csv” is empty');
  expect(await loadFile(page, { name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Sales\n') })).toBe('error');
  await expect(alert).toContainText('has a header but no data rows');
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  expect(await loadFile(page, { name: 'photo.csv', mimeType: 'text/csv', buffer: binary })).toBe('error');
  await expect(alert).toContainText('does not look like a text export');
  // The sample workspace is still there.
  expect(await kpi(page, 'revenue')).toBeGreaterThan(0);
});

test('cell values are shown as text, never run', async ({ page }) => {
  await openApp(page);
  const payload = 'Date,Amount,Customer\n2025-01-01,10,<img src=x onerror="window.__xss=1">\n2025-01-02,5,<script>window.__xss=2</script>\n';
  expect(await loadFile(page, { name: '<b>x</b>.csv', mimeType: 'text/csv', buffer: Buffer.from(payload) })).toBe('ready');
  await goto(page, '#/data?period=all');
  await expect(page.getByTestId('source-name')).toHaveText('<b>x</b>.csv');
  await goto(page, '#/overview?period=all');
  await page.getByTestId('filter-customer').getByRole('button').first().click();
  await expect(page.getByTestId('filter-customer')).toContainText('<script>window.__xss=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
