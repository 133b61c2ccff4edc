/**
 * Northwind splits a sale over two files: orders.csv has the order date but
 * no amount, order-details.csv has unitPrice × quantity but no date. Loaded
 * alone as a sales file, each must fail with a clear message naming the file,
 * and whatever was loaded before stays. (Joining them is a later issue.)
 */
import { test, expect, openApp, loadFile, kpi } from '../e2e/fixtures';
import { dataset, sourceInfo, sqlOne } from './helpers';

const BASELINE = {
  file: 'adventureworks_sales_targets/pl300_utf16/ResellerSales_202006.csv',
  name: 'ResellerSales_202006.csv',
  rows: 3004,
  revenue: 3429150.01, // python3 tests/real/expected.py → aw_reseller_202006.revenue
};

test('northwind orders.csv (date, no amount): clear error naming the file, sample workspace kept', async ({ page }) => {
  const file = dataset('northwind/orders.csv');
  await openApp(page, '#/overview?period=all');
  const revenueBefore = await kpi(page, 'revenue');
  const before = await sourceInfo(page);
  await page.evaluate(() => (location.hash = '#/overview?period=all'));

  expect(await loadFile(page, file), 'load state').toBe('error');
  const alert = page.getByTestId('load-status').getByRole('alert');
  await expect(alert).toBeVisible();
  console.log(`load-status alert: ${await alert.innerText()}`);
  await expect(alert).toContainText('orders.csv');
  await expect(alert, 'the message says what is missing').toContainText(/amount/i);

  expect(await kpi(page, 'revenue'), 'revenue KPI after the failed load').toBe(revenueBefore);
  const after = await sourceInfo(page);
  expect(after.name).toBe(before.name);
  expect(after.rows).toBe(before.rows);
});

test('northwind order-details.csv (unitPrice × quantity, no date): clear no-date error, loaded file kept', async ({
  page,
}) => {
  const baseline = dataset(BASELINE.file);
  const file = dataset('northwind/order-details.csv');
  await openApp(page, '#/overview?period=all');
  expect(await loadFile(page, baseline), 'baseline load').toBe('ready');
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(BASELINE.revenue, 2);

  expect(await loadFile(page, file), 'load state').toBe('error');
  const alert = page.getByTestId('load-status').getByRole('alert');
  await expect(alert).toBeVisible();
  console.log(`load-status alert: ${await alert.innerText()}`);
  await expect(alert).toContainText('order-details.csv');
  await expect(alert, 'the message says there is no date').toContainText(/\bdate\b/i);

  expect(await kpi(page, 'revenue'), 'revenue KPI after the failed load').toBeCloseTo(BASELINE.revenue, 2);
  const info = await sourceInfo(page);
  expect(info.name).toContain(BASELINE.name);
  expect(info.rows).toBe(BASELINE.rows);
  const t = await sqlOne(page, 'SELECT count(*) AS n FROM sales');
  expect(Number(t.n)).toBe(BASELINE.rows);
});
