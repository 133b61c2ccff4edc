/**
 * A phone (375×667, zh-CN), as leadership opens a shared link from a chat app: the headline numbers are
 * on the first screen of #/overview, #/targets, #/forecast and a snapshot link; the navigation is one
 * menu button and the filter bar one summary line that opens the full bar; both work from the keyboard.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const VIEWPORT = { width: 375, height: 667 };

async function onPhone(page: Page, hash: string) {
  await page.setViewportSize(VIEWPORT);
  await page.addInitScript(() => localStorage.setItem('targetscope.locale', 'zh-CN'));
  await openApp(page, hash);
}

/** The element is fully inside the first screen (no scrolling). */
async function expectOnFirstScreen(page: Page, selector: string) {
  const el = page.locator(selector).first();
  await expect(el).toBeVisible();
  await expect(el).toHaveAttribute('data-value', /.+/);
  const box = (await el.boundingBox())!;
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(box.y, selector).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${selector} ends at ${box.y + box.height}`).toBeLessThanOrEqual(VIEWPORT.height);
  expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
}

for (const [route, view, headline] of [
  ['overview', 'overview', ['revenue', 'attainment']],
  ['targets', 'targets', ['attainment', 'projection']],
  ['forecast', 'forecast', ['projection']],
] as const) {
  test(`#/${route} at 375×667 in zh-CN: ${headline.join(', ')} on the first screen`, async ({ page }) => {
    await onPhone(page, `#/${route}`);
    await expect(page.getByTestId(view)).toHaveAttribute('data-ready', 'true');
    await page.screenshot({ path: test.info().outputPath(`${route}.png`) });
    for (const k of headline) await expectOnFirstScreen(page, `[data-kpi="${k}"]`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.width);
  });
}

test('a snapshot link at 375×667: its first KPI on the first screen', async ({ page }) => {
  await onPhone(page, '#/overview');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('share-snapshot').click();
  const link = await page.getByTestId('share-link').inputValue();
  const other = await page.context().newPage();
  await other.setViewportSize(VIEWPORT);
  await other.goto(link);
  await expect(other.getByTestId('snapshot')).toBeVisible();
  await other.screenshot({ path: test.info().outputPath('snapshot.png') });
  await expectOnFirstScreen(other, '[data-testid="snapshot"] [data-kpi]');
});

test('on a phone the menu and the filter summary open and close from the keyboard', async ({ page }) => {
  await onPhone(page, '#/overview');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  const menu = page.getByTestId('nav-menu');
  const links = page.locator('nav ul a');
  await expect(links.first()).toBeHidden();
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(links.first()).toBeVisible();
  // Choosing a route closes the menu.
  await page.locator('nav ul a[href="#/targets"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('targets')).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(links.first()).toBeHidden();

  // The filter bar is one line: period, as-of date and the filters; it opens the full bar.
  const summary = page.getByTestId('filter-summary');
  await expect(summary).toContainText('本年至今');
  await expect(page.getByTestId('period-select')).toBeHidden();
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('period-select')).toBeVisible();
  await page.getByTestId('period-select').selectOption('qtd');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('period-select')).toBeHidden();
  await expect(summary).toContainText('本季至今');
  await expect(summary).toBeFocused();
});
