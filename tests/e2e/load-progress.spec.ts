/**
 * A long load says how far it is: while the file is copied into the in-browser database, the bar in
 * load-status takes values between 0 and 1 from DuckDB's progress of that query, and never goes back
 * within a step. The export (an unsorted one, 300,000 lines) is generated; its revenue is summed in TS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, openApp, loadFile, kpi } from './fixtures';
import { ensureSalesCsv } from '../../scripts/lib/bench/generate';

test('the load’s progress bar moves while the file is copied into the database', async ({ page }) => {
  test.setTimeout(180_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'load-progress-'));
  const csv = await ensureSalesCsv(path.join(tmp, 'sales.csv'), 300_000, () => {}, 'unsorted');
  const [header, ...body] = fs.readFileSync(csv.path, 'utf8').trim().split('\n').map((l) => l.split(','));
  const revenue = body.reduce((s, r) => s + Number(r[header.indexOf('Sales')]), 0);

  await openApp(page, '#/overview?period=all');
  await page.evaluate(() => {
    const w = window as unknown as { __bars: { phase: string; value: number | null }[] };
    w.__bars = [];
    new MutationObserver(() => {
      const loading = document.querySelector('[data-testid="load-status"] .loading');
      const bar = loading?.querySelector('progress');
      if (!loading || !bar) return;
      const value = bar.hasAttribute('value') ? Number(bar.getAttribute('value')) : null;
      const last = w.__bars.at(-1);
      const phase = loading.getAttribute('data-phase') ?? '';
      if (!last || last.phase !== phase || last.value !== value) w.__bars.push({ phase, value });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value', 'data-phase'] });
  });
  expect(await loadFile(page, csv.path)).toBe('ready');
  expect(await kpi(page, 'revenue')).toBeCloseTo(revenue, 2);
  const bars = await page.evaluate(() => (window as unknown as { __bars: { phase: string; value: number | null }[] }).__bars);
  const copying = bars.filter((b) => b.phase === 'loading' && b.value !== null).map((b) => b.value!);
  expect(copying.some((v) => v > 0 && v < 1), JSON.stringify(bars)).toBe(true);
  expect(copying).toEqual([...copying].sort((a, b) => a - b));
  fs.rmSync(tmp, { recursive: true, force: true });
});
