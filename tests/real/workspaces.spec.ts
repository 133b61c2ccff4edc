/**
 * Multi-file workspaces dropped in the browser (issue: several related
 * files). Expected values from Python's csv module, see EXPECTED.md
 * ("Multi-file workspaces").
 */
import { test, expect, openApp, loadFile, kpi, waitUntilSaved } from '../e2e/fixtures';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { prepareWorkspace } from '../../scripts/lib/prepare/prepare';
import { ADVENTURE_WORKS } from './expected-values';
import { dataset, route } from './helpers';

const AW = ['Sales.csv', 'Salesperson.csv', 'Region.csv', 'Reseller.csv', 'Product.csv', 'SalespersonRegion.csv', 'Targets.csv'].map((f) =>
  dataset(`adventureworks_sales_targets/${f}`),
);

test('Adventure Works: all files at once; joins shown with their match share; FY2019 revenue; restored after a reload', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, AW)).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(77548570.2, 2);
  await route(page, '#/overview?period=custom&from=2018-07-01&to=2019-06-30&fy=7');
  await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(27979779.53, 2);
  // Attainment against the top of the plan: SalespersonRegion makes the territories, the director holds all of
  // them, so FY2019's company target is his alone (Python: 24,600,000), not the 108,650,000 of every row.
  expect(await kpi(page, 'attainment')).toBeCloseTo(27979779.53 / 24600000, 6);

  await expectAdventureWorksOrgChart(page);

  await route(page, '#/data?period=all');
  const joins = page.getByTestId('joins-table');
  for (const key of ['Salesperson.EmployeeKey', 'Region.SalesTerritoryKey', 'Reseller.ResellerKey', 'Product.ProductKey']) {
    await expect(joins.locator(`tr[data-join="${key}"] td[data-value]`)).toHaveAttribute('data-value', '1');
  }
  await expect(page.getByTestId('files-table').locator('tr[data-file="Targets.csv"] td[data-value]').first()).toHaveAttribute('data-value', 'targets');
  await expect(page.getByTestId('map-rep')).toHaveValue('Salesperson');
  await expect(page.getByTestId('map-channel')).toHaveValue('Business Type');

  await waitUntilSaved(page);
  await page.reload();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await route(page, '#/overview?period=all');
  expect(await kpi(page, 'revenue')).toBeCloseTo(77548570.2, 2);
});

test('Adventure Works prepared from its folder (npm run prepare-workspace) and opened by link: the same FY2019 revenue, attainment and org chart', async ({ page }) => {
  const folder = 'prepared-aw-real';
  const out = path.join(process.env.TEST_DIST ?? 'dist-test', folder);
  try {
    await prepareWorkspace({ sales: [dataset('adventureworks_sales_targets')], out, name: 'Adventure Works', currency: 'USD', fiscalYearStartMonth: 7 });
    await page.goto(`./?workspace=${folder}#/overview?period=custom&from=2018-07-01&to=2019-06-30&fy=7`);
    await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
    await expect.poll(() => kpi(page, 'revenue')).toBeCloseTo(ADVENTURE_WORKS.fy2019Total, 2);
    // The director's FY2019 target alone is the top of the plan, as when the files are dropped.
    expect(await kpi(page, 'attainment')).toBeCloseTo(ADVENTURE_WORKS.fy2019Total / ADVENTURE_WORKS.fy2019DirectorTarget, 6);
    await expectAdventureWorksOrgChart(page);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('Northwind: order lines joined to orders, customers, employees, products and shippers (as channel)', async ({ page }) => {
  await openApp(page);
  const files = ['orders.csv', 'order-details.csv', 'employees.csv', 'customers.csv', 'products.csv', 'shippers.csv'].map((f) => dataset(`northwind/${f}`));
  expect(await loadFile(page, files)).toBe('ready');
  // Σ unitPrice × quantity × (1 − discount)
  expect(await kpi(page, 'revenue')).toBeCloseTo(1265793.0395, 3);
  expect(await kpi(page, 'orders')).toBe(830);
  expect(await kpi(page, 'customers')).toBe(89);
  await expect(page.getByTestId('load-warnings')).toContainText('orders.csv');
  const channel = page.getByTestId('chart-by-channel');
  await channel.getByRole('button', { name: /data table|数据表/ }).click();
  await expect(channel.locator('td[data-col="member"][data-value="United Package"]')).toBeVisible();
  await expect(channel.locator('tr', { has: page.locator('td[data-value="United Package"]') }).locator('td[data-col="revenue"]')).toHaveAttribute('data-value', /^533547\.63/);
});

test('Adventure Works: the UTF-16 wide targets file dropped onto loaded sales joins the workspace as its plan', async ({ page }) => {
  await openApp(page);
  expect(await loadFile(page, [dataset('adventureworks_sales_targets/Sales.csv'), dataset('adventureworks_sales_targets/Salesperson.csv')])).toBe('ready');
  // Added later, on its own: recognised as targets (not as a sales file without dates).
  expect(await loadFile(page, dataset('adventureworks_sales_targets/pl300_utf16/ResellerSalesTargets.csv'))).toBe('ready');
  await route(page, '#/data?period=all');
  const load = page.getByTestId('targets-load');
  // Σ of the month cells that are not "-", in thousands (EXPECTED.md)
  await expect(load).toHaveAttribute('data-total', '676210000');
  await expect(load).toHaveAttribute('data-multiplier', '1000');
  await expect(page.getByTestId('files-table').locator('tr[data-file="ResellerSalesTargets.csv"] td[data-value]').first()).toHaveAttribute('data-value', 'targets');
  await route(page, '#/sql');
  await page.getByTestId('sql-input').fill("SELECT count(DISTINCT unit) AS units FROM targets WHERE unit_type = 'rep'");
  await page.getByTestId('sql-run').click();
  await expect(page.locator('table[data-testid="sql-result"] tbody td').first()).toHaveAttribute('data-value', '18');
});

/**
 * #/targets at the rep level for FY2019: Salesperson.Title and the territories give the org chart (reps under
 * their regional manager, managers under the director), and a manager's allocated target is the sum of their
 * reports' targets.
 */
async function expectAdventureWorksOrgChart(page: Page) {
  await route(page, '#/targets?period=custom&from=2018-07-01&to=2019-06-30&fy=7&o.level=rep&o.kind=ytd');
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const repRow = (rep: string) => page.locator(`[data-testid="status-table"] tr[data-level="rep"][data-unit="${rep}"]`).first();
  const cell = async (rep: string, col: string) => Number(await repRow(rep).locator(`[data-col="${col}"]`).getAttribute('data-value'));
  const reportsTo: Record<string, string[]> = {
    'Brian Welcker': ['Stephen Jiang', 'Amy Alberts', 'Syed Abbas'],
    'Amy Alberts': ['Jae Pak', 'Ranjit Varkey Chudukatil', 'Rachel Valdez'],
    'Syed Abbas': ['Lynn Tsoflias'],
  };
  for (const [manager, reports] of Object.entries(reportsTo)) {
    for (const rep of reports) await expect(repRow(rep).locator('[data-manager]')).toHaveAttribute('data-manager', manager);
    const targets = await Promise.all(reports.map((rep) => cell(rep, 'target')));
    expect(await cell(manager, 'childTargets'), manager).toBeCloseTo(targets.reduce((a, b) => a + b, 0), 2);
    expect(await cell(manager, 'unallocated'), manager).toBeCloseTo((await cell(manager, 'target')) - targets.reduce((a, b) => a + b, 0), 2);
  }
  expect(await cell('Brian Welcker', 'childTargets')).toBeGreaterThan(1_000_000);
  await expect(repRow('Jillian Carson').locator('[data-manager]')).toHaveAttribute('data-manager', 'Stephen Jiang');
  await expect(repRow('Brian Welcker').locator('[data-manager]')).toHaveCount(0);
}
