/**
 * Against a read-only build (TARGETSCOPE_READ_ONLY=1, built into dist-readonly by `npm run test:e2e`):
 * leadership's published site hides file drop and editing.
 */
import { test, expect, openApp } from '../e2e/fixtures';
import type { Page } from '@playwright/test';

async function marketReady(page: Page) {
  await expect(page.getByTestId('market')).toHaveAttribute('data-ready', 'true');
}

test('read-only build: no file input, no market import; views and snapshot links still work', async ({ page }) => {
  await openApp(page, '#/market?period=all');
  await marketReady(page);
  await expect(page.getByTestId('file-input')).toHaveCount(0);
  await expect(page.getByTestId('market-import')).toHaveCount(0);
  await expect(page.getByTestId('competitor')).toHaveCount(4);
  await page.evaluate(() => (location.hash = '#/overview?period=all'));
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('share-snapshot')).toBeEnabled();
});


test('read-only build: the site opens on the brief', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-brief="verdict"]')).toHaveAttribute('data-attainment', /\d/);
  await expect(page.locator('nav ul a').first()).toHaveAttribute('href', '#/brief');
});
