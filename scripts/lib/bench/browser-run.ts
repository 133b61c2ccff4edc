/**
 * One size in a fresh Chromium: cold start on the sample workspace, the file
 * load through the file input, the overview after it, and a few filter
 * changes through the URL hash — all timed in the page (see recorder.ts) —
 * with the browser's total RSS sampled from /proc meanwhile.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { installRecorder, type BenchEvent, type BenchKey, type BenchWindow } from './recorder';
import { RssSampler } from './memory';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

export interface FilterTiming {
  hash: string;
  ms: number | null;
  /** to the first animation frame after data-ready=true (includes chart rendering and layout) */
  frameMs: number | null;
  error?: string;
}

export interface ViewTiming {
  view: string;
  firstMs: number | null;
  filterMs: number | null;
  /** length of the view's snapshot link (characters), null when too large or failed */
  snapshotChars: number | null;
  error?: string;
}

/** #/targets at the loaded size (every rep, with team and company levels). */
export interface TargetsTiming {
  /** navigation → data-ready, before any plan */
  openMs: number | null;
  /** "save plan" pressed (a plan built in the app) → every number recomputed */
  planMs: number | null;
  /** the plan saved (built from last year's sales and written) → every number recomputed */
  planRecomputeMs: number | null;
  /** a second version saved (the annual amount changed) → every number recomputed */
  revisionMs: number | null;
  revisionRecomputeMs: number | null;
  /** a filter change (one team) → the status table redrawn (a unit filter picks rows; nothing is queried again) */
  filterMs: number | null;
  error?: string;
}

export interface SnapshotOpen {
  view: string;
  linkChars: number;
  /** navigation start → the snapshot's KPI cards shown, in a new tab of the same browser */
  openMs: number | null;
}

export interface BrowserRun {
  outcome: 'ready' | 'error' | 'timeout' | 'crash' | 'failed';
  /** the alert text on error; the exception otherwise */
  detail: string | null;
  coldStart: { fcpMs: number | null; navVisibleMs: number | null; sampleReadyMs: number | null; sampleOverviewMs: number | null };
  /** t0 → data-attempts incremented */
  loadS: number | null;
  /** t0 → the file input's change event (Playwright round trip) */
  inputMs: number | null;
  /** t0 → overview data-ready=true after the load */
  overviewS: number | null;
  overviewFrameS: number | null;
  loadedRows: number | null;
  /** filter changes right after the overview, before the background compaction has run */
  filtersBeforeCompaction: FilterTiming[];
  /** t0 → load-status data-compaction=done (the compressed copy serves `sales`) */
  compactionS: number | null;
  /** filter changes once the compaction is done */
  filters: FilterTiming[];
  /** each analysis view (after the compaction): navigation → data-ready, then one filter change */
  views: ViewTiming[];
  targets: TargetsTiming | null;
  /** the overview's snapshot link (whole history, after the compaction), opened in a new tab */
  snapshot: SnapshotOpen | null;
  /** reload with the file kept in the browser: navigation start → overview data-ready (the workspace restored) */
  restoreS: number | null;
  /** how the reload restored it: 'kept-table' (the compacted table kept beside the file) or 'files' (parsed again) */
  restoredFrom: string | null;
  peakRssMb: number | null;
  baselineRssMb: number | null;
  /** load phases shown (progress label), with the time from t0 */
  phases: { s: number; text: string }[];
  revenue: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rejects after ms (Playwright calls without their own timeout, e.g. evaluate on a hung page). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]);
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

const isTimeout = (e: unknown) => e instanceof Error && (e.name === 'TimeoutError' || /Timeout \d+ms exceeded|timeout/i.test(e.message));

interface EventQuery {
  key: BenchKey;
  /** exact value, or '*' for any value */
  value: string;
  after: number;
  /** only an event of `key` with a numeric value greater than this */
  greaterThan?: number;
  /** require an event of the same key with another value in (after, found.t] first (a real flip) */
  flip?: boolean;
  /** the event found is at or after this time (a flip may start earlier, from `after`) */
  notBefore?: number;
}

/** Waits (page-side polling, 50 ms) for a recorded event; returns it. */
async function waitForEvent(page: Page, q: EventQuery, timeoutMs: number): Promise<BenchEvent> {
  const handle = await page.waitForFunction(
    (query: EventQuery) => {
      const events = (window as BenchWindow).__bench?.events ?? [];
      let flipped = !query.flip;
      for (const e of events) {
        if (e.t < query.after || e.key !== query.key) continue;
        const matches =
          query.greaterThan !== undefined ? Number(e.value) > query.greaterThan : query.value === '*' || e.value === query.value;
        if (matches && flipped && e.t >= (query.notBefore ?? -Infinity)) return e;
        if (!matches) flipped = true;
      }
      return null;
    },
    q,
    { polling: 50, timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as BenchEvent;
}

async function events(page: Page): Promise<BenchEvent[]> {
  return within(
    page.evaluate(() => (window as BenchWindow).__bench?.events ?? []),
    15_000,
    'reading events',
  );
}

function firstAfter(list: BenchEvent[], key: BenchKey, after: number, value?: string): BenchEvent | undefined {
  return list.find((e) => e.key === key && e.t > after && (value === undefined || e.value === value));
}

export interface RunOptions {
  url: string;
  file: string;
  filterHashes: string[];
  /** views to time, each with the hash that opens it and the hash of a filter change on it */
  viewHashes: { view: string; open: string; filter: string }[];
  /** the team of the filter change on #/targets (a region filter does not apply there); null skips #/targets */
  targetsTeam: string | null;
  loadTimeoutMs: number;
  exclude: Set<number>;
  log: (s: string) => void;
}

/**
 * Waits until the loaded file is kept (IndexedDB) and, for a one-file workspace up to 2M rows, its
 * compacted table too (falls back to the file alone after `keptTableWaitMs`); reloads on the overview
 * and times navigation → overview data-ready.
 */
async function restoreTime(page: Page, timeoutMs: number, keptTableWaitMs = 60_000): Promise<{ s: number; from: string | null }> {
  const status = page.locator('[data-testid="storage-status"]');
  const deadline = Date.now() + timeoutMs;
  const keptDeadline = Date.now() + keptTableWaitMs;
  for (;;) {
    const [saved, kept, current] = await Promise.all(
      ['data-saved-revision', 'data-kept-table-revision', 'data-revision'].map((a) => status.getAttribute(a, { timeout: 10_000 })),
    );
    if (saved !== null && saved === current && (kept === current || Date.now() > keptDeadline)) break;
    if (Date.now() > deadline) throw new TimeoutError('the file was not kept in the browser in time');
    await sleep(250);
  }
  await setHash(page, '#/overview?period=all');
  await page.reload({ waitUntil: 'commit', timeout: 60_000 });
  const ready = await waitForEvent(page, { key: 'ready', value: 'true', after: 0 }, timeoutMs);
  const from = await page.getByTestId('load-status').getAttribute('data-restored-from', { timeout: 10_000 });
  return { s: ready.t / 1000, from };
}

/** Marks the time and sets the hash; returns the mark. */
function setHash(page: Page, hash: string): Promise<number> {
  return within(
    page.evaluate((h: string) => {
      const t = (window as BenchWindow).__bench!.mark(`hash ${h}`);
      location.hash = h;
      return t;
    }, hash),
    15_000,
    'set hash',
  );
}

/** Sets the hash and waits for the view's data-ready to flip to true. */
async function hashToReady(page: Page, hash: string, view: string): Promise<number> {
  const mark = await setHash(page, hash);
  const ready = await waitForEvent(page, { key: 'view', value: `${view}:true`, after: mark, flip: true }, 60_000);
  return ready.t - mark;
}

/** Presses "Share snapshot" on the screen shown; the link, or null when it is too large for one. */
async function snapshotLink(page: Page): Promise<string | null> {
  await page.getByTestId('share-snapshot').click({ timeout: 10_000 });
  const result = page.locator('[data-testid="share-link"], [data-testid="share-too-large"]').first();
  await result.waitFor({ timeout: 10_000 });
  return (await result.getAttribute('data-testid')) === 'share-link' ? result.inputValue() : null;
}

/** Opens a snapshot link in a new tab and times navigation start → KPI cards shown. */
async function openSnapshot(page: Page, link: string): Promise<number | null> {
  const tab = await page.context().newPage();
  try {
    await tab.goto(link, { waitUntil: 'commit', timeout: 30_000 });
    await tab.locator('[data-testid="snapshot"] [data-kpi]').first().waitFor({ timeout: 30_000 });
    return await tab.evaluate(() => performance.now());
  } finally {
    await tab.close();
  }
}

async function viewTiming(page: Page, v: { view: string; open: string; filter: string }): Promise<ViewTiming> {
  const out: ViewTiming = { view: v.view, firstMs: null, filterMs: null, snapshotChars: null };
  try {
    out.firstMs = await hashToReady(page, v.open, v.view);
    out.filterMs = await hashToReady(page, v.filter, v.view);
    out.snapshotChars = (await snapshotLink(page))?.length ?? null;
  } catch (e) {
    out.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
  return out;
}

/**
 * Presses "save plan" on #/targets with this annual amount: ms from the click event (Playwright's own
 * checks before it clicks are not the app's time) to the view's data-ready, and from the plan saved (its
 * message shown) to data-ready — the recompute alone, without building the plan.
 */
async function savePlan(page: Page, amount: number): Promise<{ totalMs: number; recomputeMs: number | null }> {
  const builder = page.getByTestId('plan-builder');
  await builder.getByTestId('plan-annual-kind').selectOption('amount', { timeout: 10_000 });
  await builder.getByTestId('plan-amount').fill(String(amount), { timeout: 10_000 });
  await builder.getByTestId('plan-phasing').selectOption('even', { timeout: 10_000 });
  // A person takes seconds to fill the form; the app reads last year's sales meanwhile (background work).
  await sleep(1000);
  const mark = await within(
    page.evaluate(() => {
      const w = window as BenchWindow & { __planSavedAt?: number | null; __planPressedAt?: number | null };
      w.__planSavedAt = null;
      w.__planPressedAt = null;
      const before = document.querySelector('[data-testid="plan-message"]')?.textContent ?? null;
      const observer = new MutationObserver(() => {
        const text = document.querySelector('[data-testid="plan-message"]')?.textContent ?? null;
        if (text !== null && text !== before) {
          w.__planSavedAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      const save = document.querySelector('[data-testid="plan-save"]');
      save?.addEventListener('click', (e) => (w.__planPressedAt = e.timeStamp), { capture: true, once: true });
      return w.__bench!.mark('plan');
    }),
    15_000,
    'mark plan',
  );
  await builder.getByTestId('plan-save').click({ timeout: 10_000 });
  const ready = await waitForEvent(page, { key: 'view', value: 'targets:true', after: mark, flip: true }, 60_000);
  const { savedAt, pressedAt } = await page.evaluate(() => {
    const w = window as Window & { __planSavedAt?: number | null; __planPressedAt?: number | null };
    return { savedAt: w.__planSavedAt ?? null, pressedAt: w.__planPressedAt ?? null };
  });
  return { totalMs: ready.t - (pressedAt ?? mark), recomputeMs: savedAt === null ? null : ready.t - savedAt };
}

async function targetsTiming(page: Page, team: string): Promise<TargetsTiming> {
  const out: TargetsTiming = { openMs: null, planMs: null, planRecomputeMs: null, revisionMs: null, revisionRecomputeMs: null, filterMs: null };
  try {
    out.openMs = await hashToReady(page, '#/targets?o.level=rep', 'targets');
    const plan = await savePlan(page, 120_000_000);
    out.planMs = plan.totalMs;
    out.planRecomputeMs = plan.recomputeMs;
    const revision = await savePlan(page, 100_000_000);
    out.revisionMs = revision.totalMs;
    out.revisionRecomputeMs = revision.recomputeMs;
    // A unit filter only picks the table's rows (the team level's, by a team): timed to the frame after the row count changed.
    await setHash(page, '#/targets?o.level=team');
    await sleep(1000);
    out.filterMs = await within(
      page.evaluate((h: string) => {
        const rows = () => document.querySelectorAll('[data-testid="status-table"] tbody tr').length;
        const before = rows();
        const t0 = performance.now();
        location.hash = h;
        return new Promise<number>((resolve, reject) => {
          const check = () => (rows() !== before ? resolve(performance.now() - t0) : performance.now() - t0 > 30_000 ? reject(new Error('the table did not change')) : requestAnimationFrame(check));
          requestAnimationFrame(check);
        });
      }, `#/targets?o.level=team&f.team=${encodeURIComponent(team)}`),
      40_000,
      'targets filter',
    );
  } catch (e) {
    out.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
  return out;
}

async function filterChanges(page: Page, hashes: string[], crashed: () => boolean): Promise<FilterTiming[]> {
  const out: FilterTiming[] = [];
  for (const hash of hashes) {
    try {
      const mark = await setHash(page, hash);
      const ready = await waitForEvent(page, { key: 'ready', value: 'true', after: mark, flip: true }, 60_000);
      const frame = firstAfter(await events(page), 'readyFrame', ready.t - 0.001);
      out.push({ hash, ms: ready.t - mark, frameMs: frame ? frame.t - mark : null });
    } catch (e) {
      out.push({ hash, ms: null, frameMs: null, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
      if (crashed()) break;
    }
  }
  return out;
}

export async function runInBrowser(opts: RunOptions): Promise<BrowserRun> {
  const { url, file, log } = opts;
  const result: BrowserRun = {
    outcome: 'failed',
    detail: null,
    coldStart: { fcpMs: null, navVisibleMs: null, sampleReadyMs: null, sampleOverviewMs: null },
    loadS: null,
    inputMs: null,
    overviewS: null,
    overviewFrameS: null,
    loadedRows: null,
    filtersBeforeCompaction: [],
    compactionS: null,
    filters: [],
    views: [],
    targets: null,
    snapshot: null,
    restoreS: null,
    restoredFrom: null,
    peakRssMb: null,
    baselineRssMb: null,
    phases: [],
    revenue: null,
  };
  const sampler = new RssSampler(process.pid, opts.exclude, 200);
  let browser: Browser | null = null;
  let crashed = false;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
    sampler.start();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('crash', () => (crashed = true));
    page.on('pageerror', (e) => log(`    page error: ${e.message.split('\n')[0]}`));
    // tsx/esbuild may wrap functions in __name(); give the page a no-op one.
    await page.addInitScript({ content: `window.__name = window.__name || ((f) => f);\n(${installRecorder.toString()})();` });

    // Cold start: the sample workspace opens first.
    await page.goto(`${url}#/overview`, { waitUntil: 'commit', timeout: 60_000 });
    const sampleReady = await waitForEvent(page, { key: 'state', value: 'ready', after: 0 }, 120_000);
    const sampleOverview = await waitForEvent(page, { key: 'ready', value: 'true', after: 0 }, 120_000);
    const cold = await within(
      page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const nav = (window as BenchWindow).__bench?.events.find((e) => e.key === 'nav');
        return { fcp: fcp ? fcp.startTime : null, nav: nav ? nav.t : null };
      }),
      15_000,
      'cold start',
    );
    result.coldStart = { fcpMs: cold.fcp, navVisibleMs: cold.nav, sampleReadyMs: sampleReady.t, sampleOverviewMs: sampleOverview.t };

    // Load the file.
    const status = page.locator('[data-testid="load-status"]');
    const attemptsBefore = Number(await status.getAttribute('data-attempts', { timeout: 10_000 }));
    await sleep(1000); // let the sample's work settle and the RSS sampler see a baseline
    const nodeStart = Date.now();
    result.baselineRssMb = sampler.sample();
    const t0 = await within(
      page.evaluate(() => (window as BenchWindow).__bench!.mark('t0')),
      15_000,
      'mark t0',
    );
    try {
      await page.setInputFiles('[data-testid="file-input"]', file, { timeout: 60_000 });
      let done: BenchEvent;
      try {
        done = await waitForEvent(page, { key: 'attempts', value: '*', after: t0, greaterThan: attemptsBefore }, opts.loadTimeoutMs);
      } catch (e) {
        if (crashed) throw new Error('renderer crashed (page "crash" event)');
        if (isTimeout(e)) {
          result.outcome = 'timeout';
          result.detail = `no load result within ${opts.loadTimeoutMs / 1000} s`;
          result.peakRssMb = sampler.peak(nodeStart);
          return result;
        }
        throw e;
      }
      result.loadS = (done.t - t0) / 1000;
      const list = await events(page);
      const change = firstAfter(list, 'change', t0);
      result.inputMs = change ? change.t - t0 : null;
      const state = await status.getAttribute('data-state', { timeout: 10_000 });
      if (state !== 'ready') {
        result.outcome = state === 'error' ? 'error' : 'failed';
        const alert = await page.locator('[role="alert"]').first().innerText({ timeout: 5_000 }).catch(() => `data-state=${state}`);
        // The message is the alert's first line (the rest: "previous data kept", the dismiss button).
        result.detail = alert.split('\n').map((l) => l.trim()).find(Boolean) ?? alert.trim();
        result.peakRssMb = sampler.peak(nodeStart);
        return result;
      }
      // The overview's answer for the new data: its first data-ready=true once the load finished, after it turned
      // false since the choice (it stays false from the choice until its queries for the file are done).
      const overview = await waitForEvent(page, { key: 'ready', value: 'true', after: t0, flip: true, notBefore: done.t - 0.001 }, opts.loadTimeoutMs);
      result.overviewS = (overview.t - t0) / 1000;
      const frame = firstAfter(await events(page), 'readyFrame', overview.t - 0.001);
      result.overviewFrameS = frame ? (frame.t - t0) / 1000 : null;
      result.peakRssMb = sampler.peak(nodeStart);
      result.outcome = 'ready';
      const kpi = page.locator('[data-kpi="revenue"]').first();
      result.revenue = Number(await kpi.getAttribute('data-value', { timeout: 5_000 }).catch(() => null)) || null;
      const statusText = await status.innerText({ timeout: 5_000 }).catch(() => '');
      const rows = /([\d,.\s]+)\s*rows?/i.exec(statusText);
      result.loadedRows = rows ? Number(rows[1].replace(/[^\d]/g, '')) : null;
    } finally {
      const list = await events(page).catch(() => [] as BenchEvent[]);
      result.phases = list.filter((e) => e.key === 'phase' && e.t >= t0 && e.value).map((e) => ({ s: (e.t - t0) / 1000, text: String(e.value) }));
    }

    // Filter changes through the hash: first while the data is still uncompressed (each change also
    // postpones the background compaction), then again once the compacted copy serves `sales`.
    result.filtersBeforeCompaction = await filterChanges(page, opts.filterHashes, () => crashed);
    if (crashed) return result;
    const compacted = await waitForEvent(page, { key: 'compaction', value: 'done', after: t0 }, opts.loadTimeoutMs).catch(() => null);
    result.compactionS = compacted ? (compacted.t - t0) / 1000 : null;
    result.peakRssMb = sampler.peak(nodeStart);
    // The switch re-runs the overview (orders may now count by their first line): let it settle first.
    await sleep(200);
    await page.waitForSelector('[data-testid="overview"][data-ready="true"]', { timeout: 60_000 });
    result.filters = await filterChanges(page, opts.filterHashes, () => crashed);
    // The last filter hash is the overview over the whole history: share it, then open the link.
    try {
      const link = await snapshotLink(page);
      if (link) result.snapshot = { view: 'overview', linkChars: link.length, openMs: await openSnapshot(page, link) };
    } catch (e) {
      log(`    snapshot failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    for (const v of opts.viewHashes) {
      if (crashed) break;
      result.views.push(await viewTiming(page, v));
    }
    if (!crashed && opts.targetsTeam) result.targets = await targetsTiming(page, opts.targetsTeam);
    // Reload once the file is kept in the browser: the workspace comes back without re-choosing the file.
    try {
      const restored = await restoreTime(page, opts.loadTimeoutMs);
      result.restoreS = restored.s;
      result.restoredFrom = restored.from;
    } catch (e) {
      log(`    restore failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    return result;
  } catch (e) {
    result.outcome = crashed ? 'crash' : isTimeout(e) ? 'timeout' : 'failed';
    result.detail = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e);
    return result;
  } finally {
    sampler.stop();
    if (browser) {
      const pids = sampler.pids();
      await within(browser.close(), 20_000, 'browser.close').catch(() => {
        // A stuck browser: end the processes this run started, one by one.
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      });
    }
  }
}

/**
 * Several files chosen at once (a multi-file workspace, e.g. Adventure Works)
 * in a fresh browser: seconds from the choice to the overview's data-ready.
 */
export async function filesToOverview(url: string, files: string[], timeoutMs: number): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.addInitScript({ content: `window.__name = window.__name || ((f) => f);\n(${installRecorder.toString()})();` });
    await page.goto(`${url}#/overview`, { waitUntil: 'commit', timeout: 60_000 });
    await waitForEvent(page, { key: 'ready', value: 'true', after: 0 }, 120_000);
    const attemptsBefore = Number(await page.locator('[data-testid="load-status"]').getAttribute('data-attempts', { timeout: 10_000 }));
    const t0 = await within(page.evaluate(() => (window as BenchWindow).__bench!.mark('t0')), 15_000, 'mark t0');
    await page.setInputFiles('[data-testid="file-input"]', files, { timeout: 60_000 });
    const done = await waitForEvent(page, { key: 'attempts', value: '*', after: t0, greaterThan: attemptsBefore }, timeoutMs);
    const overview = await waitForEvent(page, { key: 'ready', value: 'true', after: done.t - 0.001, flip: true }, timeoutMs);
    return (overview.t - t0) / 1000;
  } finally {
    await within(browser.close(), 20_000, 'browser.close').catch(() => undefined);
  }
}


export interface PublishedRun {
  /** navigation → the overview's data-ready, seconds (wasm start, attach, first queries) */
  overviewS: number | null;
  views: ViewTiming[];
  error?: string;
}

/**
 * A published workspace in a folder of the site (`?workspace=folder`, e.g. one made by prepare-workspace)
 * in a fresh browser: navigation → overview ready, then each view's first render and a filter change.
 */
export async function publishedWorkspaceTiming(url: string, folder: string, views: { view: string; open: string; filter: string }[]): Promise<PublishedRun> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
  const out: PublishedRun = { overviewS: null, views: [] };
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.addInitScript({ content: `window.__name = window.__name || ((f) => f);\n(${installRecorder.toString()})();` });
    await page.goto(`${url}?workspace=${encodeURIComponent(folder)}#/overview?period=all`, { waitUntil: 'commit', timeout: 60_000 });
    const ready = await waitForEvent(page, { key: 'ready', value: 'true', after: 0 }, 180_000);
    out.overviewS = ready.t / 1000;
    for (const v of views) out.views.push(await viewTiming(page, v));
  } catch (e) {
    out.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  } finally {
    await within(browser.close(), 20_000, 'browser.close').catch(() => undefined);
  }
  return out;
}
