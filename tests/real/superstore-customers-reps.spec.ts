/**
 * #/customers and #/reps on the real Superstore export (classic edition),
 * against values computed independently with Python's csv module:
 *
 *   rows = csv.DictReader(open('Sample-Superstore.csv', encoding='utf-8'))
 *   by = Σ Sales per 'Customer Name' (all rows); top-10 share = Σ of the 10
 *   largest / Σ Sales; HHI = Σ (x / total)² × 10 000.
 *
 * The file has no sales-rep column: #/reps says which field would enable it.
 */
import { test, expect, openApp, loadFile } from '../e2e/fixtures';
import { dataset, route } from './helpers';

test('Superstore: customer concentration; the rep scorecard explains the missing rep column', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  expect(await loadFile(page, dataset('superstore_classic/Sample-Superstore.csv'))).toBe('ready');

  await route(page, '#/customers?period=all');
  await expect(page.getByTestId('customers')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const kpi = async (name: string) => Number(await page.locator(`[data-kpi="${name}"]`).getAttribute('data-value'));
  expect(await kpi('customers')).toBe(793);
  expect(await kpi('top10-share')).toBeCloseTo(0.0669559077998574, 9);
  expect(await kpi('hhi')).toBeCloseTo(22.980833827415978, 6);
  const first = page.locator('[data-testid="customer-table"] tbody tr').first();
  await expect(first).toHaveAttribute('data-customer', 'Sean Miller');
  expect(Number(await first.locator('td[data-col="monetary"]').getAttribute('data-value'))).toBeCloseTo(25043.05, 2);
  for (const name of ['pareto', 'rfm', 'new-returning', 'cohorts']) await expect(page.getByTestId(`chart-${name}`).locator('svg').first()).toBeVisible();

  await route(page, '#/reps?period=all');
  await expect(page.getByTestId('reps-missing')).toBeVisible();
});
