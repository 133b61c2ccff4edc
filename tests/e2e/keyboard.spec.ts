/**
 * Keyboard only: every step is reached with Tab from where the focus is and done with Enter, Space,
 * arrow keys or typing (no click, no programmatic focus): load a file, change a filter, open a chart's
 * data table, build a plan. The numbers after each step are checked against sums worked by hand.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

/** Presses Tab until `target` has the focus; fails when it is not in the tab order. */
async function tabTo(page: Page, target: Locator, max = 250) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

/** A focused native select: ArrowDown until it shows `value` (Chromium changes a closed select's value). */
async function arrowTo(page: Page, select: Locator, value: string) {
  for (let i = 0; i < 12 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue(value);
}

// 2025: North 100 + 300, South 250 (+ a 2024 line); teams and reps so a plan can cascade.
const CSV = [
  'date,amount,region,team,rep',
  '2024-11-03,40,North,T1,Ann',
  '2025-01-05,100,North,T1,Ann',
  '2025-02-07,250,South,T2,Bob',
  '2025-03-09,300,North,T1,Ann',
].join('\n');

test('keyboard only: load a file, filter a region, open a chart’s table, build a plan', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, '#/overview?period=all');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await page.locator('body').focus();

  // 1. Load: the header's "choose a file" opens the file chooser from the keyboard.
  const status = page.getByTestId('load-status');
  const before = Number(await status.getAttribute('data-attempts'));
  // Listening first: Playwright turns on file-chooser interception asynchronously, and one key press can beat it.
  const chooser = page.waitForEvent('filechooser');
  const pick = page.locator('header .drop button.link');
  await tabTo(page, pick);
  await expect(pick).toBeFocused();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'keyboard.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(status).toHaveAttribute('data-attempts', String(before + 1));
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-kpi="revenue"]')).toHaveAttribute('data-value', '690');

  // 2. Filter: the region picker opens with Enter; Tab to its first box (North) and tick it with Space.
  const region = page.getByTestId('filter-region');
  await tabTo(page, region.getByRole('button').first());
  await page.keyboard.press('Enter');
  await tabTo(page, region.getByRole('checkbox', { name: 'North' }), 5);
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/region/);
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-kpi="revenue"]')).toHaveAttribute('data-value', '440');

  // 3. A chart's data table: its toggle is a button in the tab order.
  const toggle = page.getByRole('button', { name: 'Show data table' }).first();
  await tabTo(page, toggle);
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const card = page.locator('figure, .card').filter({ has: toggle }).first();
  await expect(card.locator('table')).toBeVisible();

  // 4. A plan: Targets from the navigation, then the builder's fields in order and Enter on its button.
  await tabTo(page, page.locator('nav a[href="#/targets"]'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true');
  const builder = page.getByTestId('plan-builder');
  const kind = builder.getByTestId('plan-annual-kind');
  await tabTo(page, kind);
  await arrowTo(page, kind, 'amount');
  await tabTo(page, builder.getByTestId('plan-amount'), 5);
  await page.keyboard.type('1200');
  const phasing = builder.getByTestId('plan-phasing');
  await tabTo(page, phasing, 5);
  await arrowTo(page, phasing, 'even');
  await tabTo(page, builder.getByTestId('plan-save'), 20);
  await page.keyboard.press('Enter');
  await expect(builder.getByTestId('plan-message')).toContainText('version 1');
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true');
  // The company's year is 1200 evenly: 100 a month.
  await expect(page.locator('[data-kpi="target"]')).toHaveAttribute('data-value', '1200');
});
