/**
 * A published workspace cut for one audience (prepare-workspace --audience=region=华东), opened by its link:
 * the banner says which slice it is and how its targets were made, the scoped filter is not offered, and
 * the numbers are 华东's, against native DuckDB over the full sample.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, kpi } from './fixtures';
import { sampleQuery } from './sample-reference';
import { parseAudience, scopeWorkspace } from '../../scripts/lib/prepare/audience';

const FOLDER = 'audience-e2e';
const out = path.join(process.env.TEST_DIST ?? 'dist-test', FOLDER);

test.beforeAll(async () => {
  await scopeWorkspace('data', out, parseAudience('region=华东'));
});
test.afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

async function open(page: Page, hash: string) {
  await page.goto(`./?workspace=${FOLDER}${hash}`);
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
}

test('the 华东 workspace: its banner, no region filter, and 华东’s revenue', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('targetscope.locale', 'zh-CN'));
  await open(page, '#/overview?period=all');
  const banner = page.getByTestId('audience-banner');
  await expect(banner).toContainText('华东 · 区域视图');
  await expect(banner).toHaveAttribute('data-dimension', 'region');
  await expect(page.getByTestId('audience-shares')).toContainText('2026财年');
  await expect(page.getByTestId('filter-region')).toHaveCount(0);
  await expect(page.getByTestId('filter-channel')).toHaveCount(1);
  const [{ revenue }] = await sampleQuery<{ revenue: number }>("SELECT sum(amount) AS revenue FROM ws.sales WHERE region = '华东'");
  expect(await kpi(page, 'revenue')).toBeCloseTo(revenue, 2);
  await page.screenshot({ path: test.info().outputPath('audience-overview.png') });
  // The banner adds nothing axe calls serious.
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="audience-banner"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('the full sample has no banner and offers the region filter', async ({ page }) => {
  await page.goto('./#/overview?period=all');
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('filter-region')).toHaveCount(1);
  await expect(page.getByTestId('audience-banner')).toHaveCount(0);
});

test('#/targets in the 华东 workspace: the company target is the full one × 华东’s share of last year’s sales', async ({ page }) => {
  await open(page, '#/targets?o.level=company&o.kind=ytd');
  await expect(page.getByTestId('targets')).toHaveAttribute('data-ready', 'true');
  const [{ last }] = await sampleQuery<{ last: string }>("SELECT strftime(max(date), '%Y-%m-%d') AS last FROM ws.sales");
  const year = Number(last.slice(0, 4));
  const [{ share }] = await sampleQuery<{ share: number }>(
    `SELECT sum(amount) FILTER (WHERE region = '华东') / sum(amount) AS share FROM ws.sales WHERE year(date) = ${year - 1}`,
  );
  // The plan in force (each year's highest version) for the company, over the fiscal year.
  const [{ target }] = await sampleQuery<{ target: number }>(`SELECT sum(amount) AS target FROM ws.targets
    WHERE unit_type = 'company' AND year(period) = ${year} AND version = (SELECT max(version) FROM ws.targets WHERE year(period) = ${year})`);
  const shown = Number(await page.locator('[data-testid="status-table"] tr[data-level="company"] [data-col="target"]').first().getAttribute('data-value'));
  // Each month is rounded to the fen: at most half a fen per month apart.
  expect(Math.abs(shown - target * share)).toBeLessThanOrEqual(0.06);
});

test('on a phone the banner is one line, and the brief’s verdict is still on the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.addInitScript(() => localStorage.setItem('targetscope.locale', 'zh-CN'));
  await open(page, '#/brief');
  await expect(page.getByTestId('brief')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('audience-banner')).not.toHaveAttribute('open', /.*/);
  await page.screenshot({ path: test.info().outputPath('audience-brief-phone.png') });
  const verdict = (await page.locator('[data-brief="verdict"]').boundingBox())!;
  expect(verdict.y).toBeGreaterThanOrEqual(0);
  expect(verdict.y + Math.min(verdict.height, 120)).toBeLessThanOrEqual(667);
});

test('market notes imported on one published workspace stay with it: another folder of the same name shows its own; an import kept the old way moves over', async ({ page }) => {
  const market = JSON.parse(fs.readFileSync('data/market.json', 'utf8'));
  const rival = { ...market.competitors[0], id: 'imported-rival', name: 'Imported Rival' };
  const imported = { ...market, competitors: [...market.competitors, rival] };
  // Another published folder with the same workspace name (a copy of data/, say last quarter's), and two competitors.
  const copy = path.join(process.env.TEST_DIST ?? 'dist-test', 'copy-e2e');
  fs.cpSync('data', copy, { recursive: true });
  const copyMarket = { ...market, competitors: market.competitors.slice(0, 2) };
  fs.writeFileSync(path.join(copy, 'market.json'), JSON.stringify(copyMarket));
  await page.goto('./#/market?period=all');
  await expect(page.getByTestId('market')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('market-import').setInputFiles({ name: 'market.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
  await expect(page.getByTestId('competitor')).toHaveCount(market.competitors.length + 1);
  // The import is written to IndexedDB after it shows: leave the page only once it is kept.
  const kept = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const req = indexedDB.open('targetscope', 1);
          req.onsuccess = () => {
            const get = req.result.transaction('workspace').objectStore('workspace').get('market:sample');
            get.onsuccess = () => (req.result.close(), resolve(get.result !== undefined));
          };
          req.onerror = () => resolve(false);
        }),
    );
  await expect.poll(kept).toBe(true);
  // The copy (another folder, the same name) shows its published notes, not the import.
  await page.goto('./?workspace=copy-e2e#/market?period=all');
  await expect(page.getByTestId('market')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('competitor')).toHaveCount(copyMarket.competitors.length);
  await expect(page.getByText('Imported Rival')).toHaveCount(0);
  // Back on the full workspace, the import is there.
  await page.goto('./#/market?period=all');
  await expect(page.getByTestId('market')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('competitor')).toHaveCount(market.competitors.length + 1);

  // An import kept before this change (its own database, keyed by the workspace's name) is read and moved.
  await page.getByTestId('market-forget').click();
  await expect(page.getByTestId('competitor')).toHaveCount(market.competitors.length);
  const name = JSON.parse(fs.readFileSync('data/workspace.json', 'utf8')).name as string;
  await page.goto('./#/overview?period=all');
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await page.evaluate(
    ([key, value]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('targetscope-market', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('market');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('market', 'readwrite');
          tx.objectStore('market').put(value, key);
          tx.oncomplete = () => (req.result.close(), resolve());
        };
      }),
    [`published:${name}`, imported] as const,
  );
  // A new page load reads the notes afresh, as a user's first visit after the update does.
  await page.evaluate(() => (location.hash = '#/market?period=all'));
  await page.reload();
  await expect(page.getByTestId('market')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByText('Imported Rival').first()).toBeVisible();
  // Moved: the old database no longer holds it, and the next load reads it from its new place.
  expect(await page.evaluate(
    (key) =>
      new Promise((resolve) => {
        const req = indexedDB.open('targetscope-market', 1);
        req.onsuccess = () => {
          const get = req.result.transaction('market').objectStore('market').get(key);
          get.onsuccess = () => (req.result.close(), resolve(get.result ?? null));
        };
      }),
    `published:${name}`,
  )).toBeNull();
  await page.reload();
  await expect(page.getByTestId('market')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByText('Imported Rival').first()).toBeVisible();
  fs.rmSync(copy, { recursive: true, force: true });
});
