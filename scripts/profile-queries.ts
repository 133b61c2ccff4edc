/**
 * Which queries make a view slow: loads a benchmark file into the built site,
 * waits for the background compaction, then opens each view and changes a
 * filter on it, printing every query the engine ran with its queue and run
 * time (the engine logs them when `window.__targetscopeQueryLog` is an array).
 *
 *   npx vite build && npx tsx scripts/profile-queries.ts --size=1m --views=customers,reps
 *
 * Measures only, like bench.ts; the data comes from bench-data/ (generated if missing).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { ensureSalesCsv, FILTER_VALUES } from './lib/bench/generate';
import { startPreview } from './lib/bench/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import type { QueryTiming } from '../src/lib/engine/engine';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 };
const PORT = 4331;

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type LogWindow = Window & { __targetscopeQueryLog?: QueryTiming[]; __readyAt?: number | null };

/**
 * Sets the hash with a fresh log; waits for the view to be ready and the engine to be quiet for 600 ms.
 * Returns the log and the time from the hash change to the view's data-ready turning true (after it was false).
 */
async function timedHash(page: Page, hash: string): Promise<{ ms: number | null; log: QueryTiming[] }> {
  const t0 = await page.evaluate((h) => {
    const w = window as LogWindow;
    w.__targetscopeQueryLog = [];
    w.__readyAt = null;
    let wasBusy = false;
    const observer = new MutationObserver(() => {
      const ready = document.querySelector('main [data-testid][data-ready]')?.getAttribute('data-ready');
      if (ready === 'false') wasBusy = true;
      else if (ready === 'true' && wasBusy && w.__readyAt === null) {
        w.__readyAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { attributes: true, subtree: true, childList: true, attributeFilter: ['data-ready'] });
    location.hash = h;
    return performance.now();
  }, hash);
  await sleep(100);
  await page.locator('main [data-testid][data-ready="true"]').first().waitFor({ timeout: 120_000 });
  let count = -1;
  for (;;) {
    const n = await page.evaluate(() => (window as LogWindow).__targetscopeQueryLog!.length);
    if (n === count) break;
    count = n;
    await sleep(600);
  }
  return page.evaluate((start) => {
    const w = window as LogWindow;
    return { ms: w.__readyAt ? w.__readyAt - start : null, log: w.__targetscopeQueryLog!.map((q) => ({ ...q, at: q.at - start })) };
  }, t0);
}

function print(label: string, r: { ms: number | null; log: QueryTiming[] }): void {
  const total = r.log.reduce((s, q) => s + q.runMs, 0);
  console.log(`\n${label}: data-ready after ${r.ms === null ? '?' : r.ms.toFixed(0)} ms; ${r.log.length} queries, ${total.toFixed(0)} ms running in all`);
  for (const q of r.log) {
    const sql = q.sql.replace(/\s+/g, ' ').slice(0, 150);
    console.log(`  @${q.at.toFixed(0).padStart(5)} ${q.runMs.toFixed(0).padStart(5)} ms run ${q.queuedMs.toFixed(0).padStart(5)} ms queued ${q.outcome.padEnd(9)} ${sql}`);
  }
}

/** `--views=plan`: opens #/targets at the rep level and presses "save plan" twice (a plan, then a revision), logging each. */
async function profilePlanSave(page: Page): Promise<void> {
  print('#/targets open', await timedHash(page, '#/targets?o.level=rep'));
  for (const amount of [120_000_000, 100_000_000]) {
    const builder = page.getByTestId('plan-builder');
    await builder.getByTestId('plan-annual-kind').selectOption('amount');
    await builder.getByTestId('plan-amount').fill(String(amount));
    await builder.getByTestId('plan-phasing').selectOption('even');
    await sleep(1500);
    const t0 = await page.evaluate(() => {
      const w = window as LogWindow & { __savedAt?: number | null };
      w.__targetscopeQueryLog = [];
      w.__readyAt = null;
      w.__savedAt = null;
      const before = document.querySelector('[data-testid="plan-message"]')?.textContent ?? null;
      let wasBusy = false;
      const observer = new MutationObserver(() => {
        const text = document.querySelector('[data-testid="plan-message"]')?.textContent ?? null;
        if (w.__savedAt === null && text !== null && text !== before) w.__savedAt = performance.now();
        const ready = document.querySelector('main [data-testid][data-ready]')?.getAttribute('data-ready');
        if (ready === 'false') wasBusy = true;
        else if (ready === 'true' && wasBusy && w.__readyAt === null) w.__readyAt = performance.now();
      });
      observer.observe(document.body, { attributes: true, subtree: true, childList: true, characterData: true });
      return performance.now();
    });
    await builder.getByTestId('plan-save').click();
    await sleep(3000);
    const r = await page.evaluate((start) => {
      const w = window as LogWindow & { __savedAt?: number | null };
      return { ready: w.__readyAt ? w.__readyAt - start : null, saved: w.__savedAt ? w.__savedAt - start : null, log: w.__targetscopeQueryLog!.map((q) => ({ ...q, at: q.at - start })) };
    }, t0);
    print(`save plan ${amount}: saved message after ${r.saved?.toFixed(0)} ms`, { ms: r.ready, log: r.log });
  }
}

async function main(): Promise<void> {
  const size = arg('size', '1m');
  const views = arg('views', 'customers,reps').split(',');
  const file = await ensureSalesCsv(path.join(ROOT, 'bench-data', `sales-${size}.csv`), SIZES[size], console.log);
  const server = await startPreview({ cwd: ROOT, outDir: path.join(ROOT, 'dist'), base: '/profile/', port: PORT });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    await page.goto(`${server.url}#/overview`);
    await page.locator('[data-testid="load-status"][data-state="ready"]').waitFor({ timeout: 120_000 });
    await page.setInputFiles('[data-testid="file-input"]', file.path);
    await page.locator('[data-testid="load-status"][data-compaction="done"]').waitFor({ timeout: 300_000 });
    // The one-time keeping of the table holds the page for a moment: wait for it, so it is not profiled.
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid="storage-status"]');
      return !!s && s.getAttribute('data-kept-table-revision') === s.getAttribute('data-revision');
    }, undefined, { timeout: 120_000 }).catch(() => console.log('(the table was not kept; profiling anyway)'));
    console.log(`${size} loaded and compacted`);
    const region = encodeURIComponent(FILTER_VALUES.region[1]);
    for (const view of views) {
      if (view === 'plan') {
        await profilePlanSave(page);
        continue;
      }
      const [base, query = 'period=all'] = view.split('?');
      print(`#/${base} open`, await timedHash(page, `#/${base}?${query}`));
      print(`#/${base} filter`, await timedHash(page, `#/${base}?${query}&f.region=${region}`));
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
