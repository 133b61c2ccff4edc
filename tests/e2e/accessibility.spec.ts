/**
 * axe-core on every route of the sample workspace, in English on a desktop (1440 px) and in Chinese on
 * a phone (375 px): no serious or critical violation. Each route waits for its view to be ready, so the
 * charts and tables axe reads are the real ones.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openApp } from './fixtures';

const ROUTES = ['brief', 'overview', 'products', 'channels', 'customers', 'reps', 'regions', 'data', 'sql', 'targets', 'forecast', 'budget', 'market'];
const VIEW_ROOT: Record<string, string> = { data: 'section.data-view', sql: 'section' };

for (const [locale, width, height] of [['en', 1440, 900], ['zh-CN', 375, 667]] as const) {
  test(`axe finds no serious violation on any route (${locale}, ${width} px)`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height });
    await page.addInitScript((l) => localStorage.setItem('targetscope.locale', l), locale);
    await openApp(page);
    const found: string[] = [];
    for (const route of ROUTES) {
      await page.evaluate((r) => (location.hash = `#/${r}`), route);
      const root = page.locator(VIEW_ROOT[route] ?? `[data-testid="${route}"]`).first();
      await expect(root).toBeVisible({ timeout: 30_000 });
      if ((await root.getAttribute('data-ready')) !== null) await expect(root).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        found.push(`${route}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
    expect(found).toEqual([]);
  });
}
