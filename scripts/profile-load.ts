/**
 * What the page runs between choosing a file and the overview's correct KPIs: loads a benchmark file
 * through the file input with the engine's query log on, and prints every query with its start (ms
 * after the choice), run and queue time, and when load-status and the overview turned ready.
 *
 *   npx vite build && npx tsx scripts/profile-load.ts --size=1m-unsorted [--then=#/overview?period=ytd&f.region=华东]
 *
 * Measures only, like bench.ts; the data comes from bench-data/ (generated if missing).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { ensureSalesCsv } from './lib/bench/generate';
import { startPreview } from './lib/bench/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import type { QueryTiming } from '../src/lib/engine/engine';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '1m-unsorted': 1_000_000, '5m': 5_000_000, '5m-unsorted': 5_000_000 };
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

type LogWindow = Window & { __targetscopeQueryLog?: QueryTiming[]; __marks?: { what: string; at: number }[]; __t0?: number };

async function main(): Promise<void> {
  const size = arg('size', '1m');
  const file = await ensureSalesCsv(path.join(ROOT, 'bench-data', `sales-${size}.csv`), SIZES[size], console.log, size.endsWith('-unsorted') ? 'unsorted' : 'sorted');
  const server = await startPreview({ cwd: ROOT, outDir: path.join(ROOT, 'dist'), base: '/profile/', port: 4332 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}#/overview?period=ytd`);
    await page.waitForSelector('[data-testid="load-status"][data-state="ready"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="overview"][data-ready="true"]', { timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      const w = window as LogWindow;
      w.__targetscopeQueryLog = [];
      w.__marks = [];
      const seen = new Set<string>();
      new MutationObserver(() => {
        const status = document.querySelector('[data-testid="load-status"]')?.getAttribute('data-state');
        const ready = document.querySelector('[data-testid="overview"]')?.getAttribute('data-ready');
        const revenue = document.querySelector('[data-kpi="revenue"]')?.getAttribute('data-value') ?? '';
        for (const what of [`status ${status}`, `overview ready=${ready}`, `revenue ${revenue}`]) {
          if (!seen.has(what)) {
            seen.add(what);
            w.__marks!.push({ what, at: performance.now() });
          }
        }
      }).observe(document.body, { attributes: true, subtree: true, childList: true });
      document.querySelector('[data-testid="file-input"]')!.addEventListener('change', () => (w.__t0 = performance.now()), { once: true });
    });
    await page.getByTestId('file-input').first().setInputFiles(file.path);
    await page.waitForFunction(() => document.querySelector('[data-testid="load-status"]')?.getAttribute('data-state') === 'ready' && document.querySelector('[data-testid="overview"]')?.getAttribute('data-ready') === 'true', null, { timeout: 300_000, polling: 50 });
    // --then=<hash>: a view change right after the load (before the background compaction), logged the same way.
    const then = arg('then', '');
    if (then) {
      await page.evaluate((h) => {
        const w = window as LogWindow;
        w.__targetscopeQueryLog = [];
        w.__marks = [];
        w.__t0 = performance.now();
        location.hash = h;
      }, then);
      await page.waitForTimeout(100);
      await page.waitForSelector('main [data-testid][data-ready="true"]', { timeout: 60_000 });
    }
    await page.waitForTimeout(2000);
    const { log, marks } = await page.evaluate(() => {
      const w = window as LogWindow;
      const t0 = w.__t0!;
      return { log: w.__targetscopeQueryLog!.map((q) => ({ ...q, at: q.at - t0 })), marks: w.__marks!.map((m) => ({ ...m, at: m.at - t0 })) };
    });
    const rows = [...log.map((q) => ({ at: q.at, text: `${q.runMs.toFixed(0).padStart(6)} ms run ${q.queuedMs.toFixed(0).padStart(6)} ms queued ${q.outcome.padEnd(9)} ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}` })), ...marks.map((m) => ({ at: m.at, text: `── ${m.what}` }))];
    for (const r of rows.sort((a, b) => a.at - b.at)) console.log(`@${r.at.toFixed(0).padStart(6)} ${r.text}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
