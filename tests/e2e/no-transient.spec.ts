/**
 * No number before it is the answer, and the latest load request wins: every data-value a KPI card
 * takes after a file is chosen is recorded in the page (a MutationObserver from before the choice),
 * and the first one must be the final one; a file chosen while the sample still opens is what
 * load-status first calls ready. Expected totals are computed in TS from the generated rows.
 */
import { test, expect, openApp, loadFile, kpi } from './fixtures';
import type { Page } from '@playwright/test';

const rows = Array.from({ length: 60 }, (_, k) => ({ d: `2025-${String((k % 12) + 1).padStart(2, '0')}-${String((k % 27) + 1).padStart(2, '0')}`, c: `C${k % 7}`, v: 100 + k * 13.5 }));
const file = { name: 'later.csv', mimeType: 'text/csv', buffer: Buffer.from(['Order Date,Customer,Sales', ...rows.map((r) => `${r.d},${r.c},${r.v}`)].join('\n') + '\n') };
const total = rows.reduce((s, r) => s + r.v, 0);

/** Records, per KPI, every data-value it shows (set or inserted), and every load-status state, from now on. */
async function record(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __values: Record<string, string[]>; __states: string[] };
    w.__values = {};
    w.__states = [];
    const note = (el: Element) => {
      const kpi = el.getAttribute('data-kpi');
      const value = el.getAttribute('data-value');
      if (kpi && value !== null) (w.__values[kpi] ??= []).push(value);
    };
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === 'attributes' && m.target instanceof Element) {
          if (m.attributeName === 'data-value') note(m.target);
          if (m.attributeName === 'data-state' && m.target.getAttribute('data-testid') === 'load-status') w.__states.push(m.target.getAttribute('data-state') ?? '');
        }
        for (const n of m.addedNodes) if (n instanceof Element) [n, ...n.querySelectorAll('[data-kpi]')].forEach(note);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value', 'data-state'] });
  });
}

test('after a file replaces the sample, each KPI card’s first data-value is its final one', async ({ page }) => {
  await openApp(page, '#/overview?period=ytd');
  // The sample's own numbers first (its queries run once it is ready): recording starts with them on screen.
  await expect(page.getByTestId('overview')).toHaveAttribute('data-ready', 'true');
  await record(page);
  expect(await loadFile(page, file)).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(total, 6);
  const values = await page.evaluate(() => (window as unknown as { __values: Record<string, string[]> }).__values);
  const finals = await page.locator('[data-kpi]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-kpi'), e.getAttribute('data-value')])));
  expect(Object.keys(finals)).toContain('revenue');
  // Recording began with the sample's numbers on screen: every value set after the choice is the file's answer.
  for (const [name, final] of Object.entries(finals)) expect([name, values[name] ?? []]).toEqual([name, (values[name] ?? []).map(() => final)]);
  expect(values.revenue?.length).toBeGreaterThan(0);
});

test('a file chosen while the sample still opens: load-status is not ready until the file is in', async ({ page }) => {
  await page.goto('./#/overview?period=all');
  await record(page);
  await page.getByTestId('file-input').first().setInputFiles(file);
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  expect(await kpi(page, 'revenue')).toBeCloseTo(total, 6);
  await expect(page.getByTestId('load-status')).toContainText('later.csv');
  const states = await page.evaluate(() => (window as unknown as { __states: string[] }).__states);
  // The first "ready" is the file's (it is the last state and the only ready one).
  expect(states.filter((s) => s === 'ready')).toEqual(['ready']);
  expect(states.at(-1)).toBe('ready');
});

test('a table is in a loading state until its numbers are for the new state: #/targets after a change of basis', async ({ page }) => {
  await openApp(page, '#/targets?period=ytd&o.level=team');
  const view = page.getByTestId('targets');
  await expect(view).toHaveAttribute('data-ready', 'true');
  const before = await page.locator('[data-testid="status-table"] [data-col="actual"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
  // Every time the table is not in a loading state, what its cells say.
  await page.evaluate(() => {
    const w = window as unknown as { __shown: string[] };
    w.__shown = [];
    const note = () => {
      const table = document.querySelector('[data-testid="status-table"]');
      if (!table || table.getAttribute('data-state') === 'loading') return;
      const values = [...table.querySelectorAll('[data-col="actual"]')].map((e) => e.getAttribute('data-value')).join('|');
      if (w.__shown.at(-1) !== values) w.__shown.push(values);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.evaluate(() => (location.hash = location.hash.replace('period=ytd', 'period=ytd&basis=gross')));
  // The attributes may still be the old state's for a moment after the hash changes: wait for the table's
  // numbers to change (gross, sales only, is more than net, after returns), then for it to be ready.
  const actuals = () => page.locator('[data-testid="status-table"] [data-col="actual"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
  await expect.poll(actuals, { timeout: 30_000 }).not.toEqual(before);
  await expect(view).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-testid="status-table"]')).toHaveAttribute('data-state', 'ready');
  const after = await actuals();
  expect(after).not.toEqual(before);
  const shown = await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
  // The net numbers were never shown as the answer once the basis changed: only the gross ones.
  expect(shown).toEqual([after.join('|')]);
});
