/**
 * Load and interaction benchmark of the built site (run: npm run bench, or
 * npx vite build && npx tsx scripts/bench.ts --sizes=100k,1m).
 *
 *  1. generates deterministic sales CSVs (100k, 1M, 5M rows; sorted by date, and at 1M and 5M also
 *     unsorted: mixed English/Chinese headers, one order per line, rows in no order) in bench-data/;
 *  2. serves a snapshot of dist/ with `vite preview` under /bench/;
 *  3. per size, in a fresh Chromium: cold start on the sample workspace, the
 *     file load through the file input, the overview after it, 5 filter
 *     changes through the URL hash, and the browser's peak RSS;
 *  4. the same load with native DuckDB (@duckdb/node-api, same version) and
 *     the app's own SQL, as a reference;
 *  5. prints a table and writes bench-data/results.json.
 *
 * Measures only; never asserts on timings and is not part of `npm test`.
 * Every wait has a timeout and a watchdog ends the run, so it always stops.
 *
 * Options: --sizes=100k,1m,1m-unsorted,5m,5m-unsorted (default all), --skip-5m, --no-native,
 * --load-timeout=180 (seconds), --prepared-only (only the prepared workspaces: no file load in the page).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSalesCsv, filterValuesOf, type Shape } from './lib/bench/generate';
import { startPreview, type PreviewServer } from './lib/bench/server';
import { filesToOverview, publishedWorkspaceTiming, runInBrowser, type BrowserRun, type PublishedRun } from './lib/bench/browser-run';
import { prepareWorkspace } from './lib/prepare/prepare';
import { nativeReference, type NativeResult } from './lib/bench/native';
import { initialJs, type InitialJs } from './lib/bench/initial-js';
import { fmt, median, table } from './lib/bench/report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = path.join(ROOT, 'bench-data');
const PORT = 4330;
const BASE = '/bench/';
const WATCHDOG_MS = 60 * 60_000;

const SIZES = { '100k': 100_000, '1m': 1_000_000, '1m-unsorted': 1_000_000, '5m': 5_000_000, '5m-unsorted': 5_000_000 } as const;
type SizeName = keyof typeof SIZES;
const shapeOf = (size: SizeName): Shape => (size.endsWith('-unsorted') ? 'unsorted' : 'sorted');

function parseArgs(argv: string[]) {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const has = (name: string) => argv.includes(`--${name}`);
  let sizes = (get('sizes') ?? Object.keys(SIZES).join(','))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = sizes.filter((s) => !(s in SIZES));
  if (unknown.length) throw new Error(`unknown size(s) ${unknown.join(', ')}; use ${Object.keys(SIZES).join(', ')}`);
  if (has('skip-5m')) sizes = sizes.filter((s) => !s.startsWith('5m'));
  const loadTimeout = Number(get('load-timeout') ?? 180);
  return { sizes: sizes as SizeName[], native: !has('no-native'), loadTimeoutMs: loadTimeout * 1000, preparedOnly: has('prepared-only') };
}

/** Hash changes after the load (which opens on period=all): filters and periods, each different from the previous. */
function filterHashes(shape: Shape): string[] {
  const values = filterValuesOf(shape);
  const enc = (list: readonly string[]) => list.map((v) => encodeURIComponent(v).replaceAll('~', '%7E')).join('~');
  return [
    `#/overview?period=all&f.region=${enc([values.region[2]])}`,
    `#/overview?period=ytd&f.region=${enc([values.region[2]])}`,
    `#/overview?period=ytd&f.channel=${enc(values.channel.slice(0, 2))}`,
    `#/overview?period=l12m&f.category=${enc([values.category[0]])}&f.team=${enc([values.team[1]])}`,
    `#/overview?period=all`,
  ];
}

/** The analysis views (and the forecast of every rep): opened on the whole history, then filtered to one region. */
function viewHashes(shape: Shape) {
  const values = filterValuesOf(shape);
  const region = encodeURIComponent(values.region[1]);
  const views = ['products', 'channels', 'customers', 'reps', 'regions'].map((view) => ({
    view,
    open: `#/${view}?period=all`,
    filter: `#/${view}?period=all&f.region=${region}`,
  }));
  // The forecast issue's case: every rep forecast with backtests (in a worker), then again for one region.
  views.push({ view: 'forecast', open: '#/forecast?period=all&o.level=rep', filter: `#/forecast?period=all&o.level=rep&f.region=${region}` });
  return views;
}

interface SizeResult {
  /** The export prepared by prepare-workspace and opened as a published workspace (null: failed). */
  prepared: ({ prepareS: number; rollupRows: number; customerDayRows: number } & PublishedRun) | null;
  size: SizeName;
  rows: number;
  file: string;
  fileMb: number;
  generatedS: number | null;
  browser: BrowserRun | null;
  native: NativeResult | null;
  nativeError: string | null;
  filterMedianMs: number | null;
  filterMaxMs: number | null;
  uncompactedFilterMedianMs: number | null;
  uncompactedFilterMaxMs: number | null;
  ratio: number | null;
}

const log = (s: string) => console.log(s);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ has no index.html: run `npx vite build` first (npm run bench does).');
  fs.mkdirSync(BENCH_DIR, { recursive: true });

  // A private copy of the build: other work may rebuild dist/ while the benchmark runs.
  const snapshot = path.join(BENCH_DIR, 'dist-snapshot');
  fs.rmSync(snapshot, { recursive: true, force: true });
  fs.cpSync(dist, snapshot, { recursive: true });
  const js: InitialJs = initialJs(snapshot);

  log(`Generating data (${args.sizes.join(', ')}) …`);
  const files = new Map<SizeName, { path: string; bytes: number; seconds: number | null }>();
  for (const size of args.sizes) {
    const g = await ensureSalesCsv(path.join(BENCH_DIR, `sales-${size}.csv`), SIZES[size], log, shapeOf(size));
    log(`  ${path.basename(g.path)}: ${SIZES[size].toLocaleString('en-US')} rows, ${(g.bytes / 1e6).toFixed(1)} MB, ${(g.bytes / g.rows).toFixed(1)} B/row${g.generated ? `, generated in ${g.seconds.toFixed(1)} s` : ' (reused)'}`);
    files.set(size, { path: g.path, bytes: g.bytes, seconds: g.generated ? g.seconds : null });
  }

  log(`Starting vite preview on ${PORT} …`);
  let server: PreviewServer | null = null;
  const stopServer = () => server?.stop();
  const onSignal = (sig: NodeJS.Signals) => {
    void Promise.resolve(stopServer()).finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const watchdog = setTimeout(() => {
    console.error(`Watchdog: the benchmark ran over ${WATCHDOG_MS / 60_000} min; stopping.`);
    void Promise.resolve(stopServer()).finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();

  const results: SizeResult[] = [];
  let awDropS: number | null = null;
  try {
    server = await startPreview({ cwd: ROOT, outDir: snapshot, base: BASE, port: PORT });
    const exclude = new Set([server.pid]);
    for (const size of args.sizes) {
      const f = files.get(size)!;
      if (!args.preparedOnly) log(`\n[${size}] browser …`);
      const browser = args.preparedOnly
        ? null
        : await runInBrowser({
            url: server.url,
            file: f.path,
            filterHashes: filterHashes(shapeOf(size)),
            viewHashes: viewHashes(shapeOf(size)),
            targetsTeam: filterValuesOf(shapeOf(size)).team[1],
            loadTimeoutMs: args.loadTimeoutMs,
            exclude,
            log,
          });
      if (browser) {
        log(`  outcome ${browser.outcome}${browser.detail ? `: ${browser.detail}` : ''}; load ${fmt(browser.loadS, 2)} s, overview ${fmt(browser.overviewS, 2)} s, RSS ${fmt(browser.baselineRssMb, 0)} MB before → peak ${fmt(browser.peakRssMb, 0)} MB`);
        log(`  cold start: FCP ${fmt(browser.coldStart.fcpMs, 0)} ms, nav ${fmt(browser.coldStart.navVisibleMs, 0)} ms, sample overview ${fmt(browser.coldStart.sampleOverviewMs, 0)} ms; file input → change event ${fmt(browser.inputMs, 0)} ms`);
        log('  load phases (s from t0):');
        for (const p of browser.phases) log(`    +${p.s.toFixed(2)} s  ${p.text}`);
        for (const flt of browser.filtersBeforeCompaction) log(`    filter (before compaction) ${flt.hash}: ${fmt(flt.ms, 0)} ms${flt.error ? ` (${flt.error})` : ''}`);
        log(`  compaction done ${fmt(browser.compactionS, 2)} s after the file was chosen`);
        for (const flt of browser.filters) log(`    filter ${flt.hash}: ${fmt(flt.ms, 0)} ms${flt.error ? ` (${flt.error})` : ''}`);
        if (browser.snapshot) log(`  overview snapshot link: ${browser.snapshot.linkChars} characters, opened in ${fmt(browser.snapshot.openMs, 0)} ms`);
        log(`  reload with the file kept in the browser → overview: ${fmt(browser.restoreS, 2)} s (restored from ${browser.restoredFrom ?? '?'})`);
        for (const v of browser.views) log(`    view ${v.view}: first render ${fmt(v.firstMs, 0)} ms, filter change ${fmt(v.filterMs, 0)} ms, snapshot link ${v.snapshotChars ?? 'too large'} chars${v.error ? ` (${v.error})` : ''}`);
        const tg = browser.targets;
        if (tg) {
          log(
            `    #/targets (every rep): first render ${fmt(tg.openMs, 0)} ms; plan: save pressed → recomputed ${fmt(tg.planMs, 0)} ms (saved → recomputed ${fmt(tg.planRecomputeMs, 0)} ms); ` +
              `revised ${fmt(tg.revisionMs, 0)} ms (${fmt(tg.revisionRecomputeMs, 0)} ms); filter change ${fmt(tg.filterMs, 0)} ms${tg.error ? ` (${tg.error})` : ''}`,
          );
        }
      }

      let native: NativeResult | null = null;
      let nativeError: string | null = null;
      if (args.native && browser) {
        log(`[${size}] native DuckDB …`);
        try {
          native = await nativeReference(f.path, { singleThread: true });
          log(`  raw read ${fmt(native.rawReadS, 2)} s, canonical ${fmt(native.canonicalS, 2)} s (1 thread ${fmt(native.canonical1ThreadS, 2)} s), check ${fmt(native.checkS, 3)} s, KPI ${fmt(native.kpiS, 3)} s`);
          if (browser.revenue !== null && Math.abs(browser.revenue - native.revenue) > 1e-6 * Math.max(1, Math.abs(native.revenue))) {
            log(`  note: revenue differs — browser ${browser.revenue}, native ${native.revenue}`);
          }
        } catch (e) {
          nativeError = e instanceof Error ? e.message : String(e);
          log(`  native failed: ${nativeError}`);
        }
      }
      // The same export prepared with `npm run prepare-workspace` (native DuckDB) and opened as a published
      // workspace read on demand: the money views read its daily rollup.
      log(`[${size}] prepared workspace …`);
      let prepared: SizeResult['prepared'] = null;
      try {
        const t0 = performance.now();
        const folder = `prepared-${size}`;
        const summary = await prepareWorkspace({ sales: [f.path], out: path.join(snapshot, folder), readOnDemand: true });
        const prepareS = (performance.now() - t0) / 1000;
        const run = await publishedWorkspaceTiming(server.url, folder, viewHashes(shapeOf(size)).filter((v) => v.view !== 'forecast'));
        prepared = { prepareS, rollupRows: summary.rollupRows, customerDayRows: summary.customerDayRows, ...run };
        log(
          `  prepared in ${fmt(prepareS, 1)} s (${summary.rollupRows.toLocaleString('en-US')} rollup rows, ${summary.customerDayRows.toLocaleString('en-US')} customer-day rows); ` +
            `opened → overview ${fmt(run.overviewS, 2)} s${run.error ? ` (${run.error})` : ''}`,
        );
        for (const v of run.views) log(`    view ${v.view}: first render ${fmt(v.firstMs, 0)} ms, filter change ${fmt(v.filterMs, 0)} ms${v.error ? ` (${v.error})` : ''}`);
        fs.rmSync(path.join(snapshot, folder), { recursive: true, force: true });
      } catch (e) {
        log(`  prepared workspace failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      const ok = (browser?.filters ?? []).map((x) => x.ms).filter((x): x is number => x !== null);
      const before = (browser?.filtersBeforeCompaction ?? []).map((x) => x.ms).filter((x): x is number => x !== null);
      results.push({
        size,
        rows: SIZES[size],
        file: path.relative(ROOT, f.path),
        fileMb: f.bytes / 1e6,
        generatedS: f.seconds,
        browser,
        native,
        nativeError,
        filterMedianMs: median(ok),
        filterMaxMs: ok.length ? Math.max(...ok) : null,
        uncompactedFilterMedianMs: median(before),
        uncompactedFilterMaxMs: before.length ? Math.max(...before) : null,
        ratio: browser && browser.loadS !== null && browser.outcome === 'ready' && native ? browser.loadS / native.loadS : null,
        prepared,
      });
    }
    // The workspace issue's case: all Adventure Works files dropped at once → overview (when the datasets are beside the repo).
    const aw = path.resolve(ROOT, process.env.TARGETSCOPE_DATASETS ?? '../shared/datasets', 'adventureworks_sales_targets');
    if (fs.existsSync(aw) && !args.preparedOnly) {
      const awFiles = ['Sales.csv', 'Salesperson.csv', 'Region.csv', 'Reseller.csv', 'Product.csv', 'SalespersonRegion.csv', 'Targets.csv'].map((f) => path.join(aw, f));
      log('\n[Adventure Works, 7 files] browser …');
      awDropS = await filesToOverview(server.url, awFiles, args.loadTimeoutMs).catch((e) => {
        log(`  failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        return null;
      });
      log(`  files chosen → overview: ${fmt(awDropS, 2)} s`);
    }
  } finally {
    await stopServer();
    clearTimeout(watchdog);
    fs.rmSync(snapshot, { recursive: true, force: true });
  }

  // Report (the file loads: nothing of it with --prepared-only, whose numbers are above).
  const rows = results.filter((r) => r.browser).map((r) => [
    r.size,
    r.rows.toLocaleString('en-US'),
    fmt(r.fileMb, 1),
    fmt(r.browser?.loadS, 2),
    fmt(r.browser?.overviewS, 2),
    `${fmt(r.uncompactedFilterMedianMs, 0)} / ${fmt(r.uncompactedFilterMaxMs, 0)}`,
    fmt(r.browser?.compactionS, 2),
    `${fmt(r.filterMedianMs, 0)} / ${fmt(r.filterMaxMs, 0)}`,
    fmt(r.browser?.peakRssMb, 0),
    fmt(r.native?.loadS, 2),
    fmt(r.native?.canonical1ThreadS, 2),
    fmt(r.ratio, 1),
    r.browser ? r.browser.outcome + (r.browser.outcome !== 'ready' && r.browser.detail ? `: ${r.browser.detail}` : '') : '–',
  ]);
  if (rows.length) log('\nResults');
  if (rows.length) log(
    table(
      ['size', 'rows', 'file MB', 'load s', 'overview s', 'filter before compaction ms', 'compacted s', 'filter med/max ms', 'peak RSS MB', 'native load s', 'native 1T s', 'ratio', 'outcome'],
      rows,
      [false, true, true, true, true, true, true, true, true, true, true, true, false],
    ),
  );
  if (rows.length) {
    log('  load = file chosen → data-attempts incremented; overview = file chosen → overview data-ready; ratio = browser load / native load');
    log('  filter = hash change → overview data-ready, median / max of 5; first right after the load, then once the background compaction is done (compacted s = file chosen → data-compaction=done)');
    log('  native load = the app\'s canonical CREATE TABLE AS + load check with @duckdb/node-api (all threads); native 1T = the CTAS with threads=1');
  }

  const viewNames = [...new Set(results.flatMap((r) => r.browser?.views.map((v) => v.view) ?? []))];
  if (viewNames.length) {
    log('\nViews after the compaction (ms: navigation → data-ready / filter change → data-ready; snapshot link characters)');
    log(
      table(
        ['size', ...viewNames],
        results.map((r) => [
          r.size,
          ...viewNames.map((name) => {
            const v = r.browser?.views.find((x) => x.view === name);
            return v ? `${fmt(v.firstMs, 0)} / ${fmt(v.filterMs, 0)}; ${v.snapshotChars ?? 'too large'}` : '–';
          }),
        ]),
        [false, ...viewNames.map(() => true)],
      ),
    );
  }

  const withTargets = results.filter((r) => r.browser?.targets);
  if (withTargets.length) {
    log('\n#/targets, every rep with team and company levels (ms: first render / plan: pressed → recomputed (saved → recomputed) / revision: the same / unit filter → table redrawn)');
    for (const r of withTargets) {
      const tg = r.browser!.targets!;
      log(
        `  ${r.size}: ${fmt(tg.openMs, 0)} / ${fmt(tg.planMs, 0)} (${fmt(tg.planRecomputeMs, 0)}) / ${fmt(tg.revisionMs, 0)} (${fmt(tg.revisionRecomputeMs, 0)}) / ${fmt(tg.filterMs, 0)}${tg.error ? ` (${tg.error})` : ''}`,
      );
    }
  }

  if (rows.length) log('\nReload with the file kept in the browser → overview (s): ' + results.filter((r) => r.browser).map((r) => `${r.size} ${fmt(r.browser?.restoreS, 2)} (${r.browser?.restoredFrom ?? '?'})`).join(', '));
  if (awDropS !== null) log(`Adventure Works, 7 files chosen at once → overview: ${fmt(awDropS, 2)} s`);

  const cold = results.map((r) => r.browser?.coldStart).filter((c): c is BrowserRun['coldStart'] => !!c);
  const pick = (f: (c: BrowserRun['coldStart']) => number | null) => median(cold.map(f).filter((x): x is number => x !== null));
  if (cold.length) log('\nCold start (median of the fresh browsers; ms from navigation start)');
  if (cold.length) log(
    table(
      ['first contentful paint', 'shell: nav laid out', 'sample loaded (load-status ready)', 'sample overview data-ready'],
      [[fmt(pick((c) => c.fcpMs), 0), fmt(pick((c) => c.navVisibleMs), 0), fmt(pick((c) => c.sampleReadyMs), 0), fmt(pick((c) => c.sampleOverviewMs), 0)]],
    ),
  );
  log(`\nInitial JS (entry + static imports, gzip -9): ${(js.gzip / 1024).toFixed(1)} KB gzip, ${(js.bytes / 1024).toFixed(1)} KB raw`);
  for (const f of js.files) log(`  ${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzip (${(f.bytes / 1024).toFixed(1)} KB)`);
  for (const f of js.css) log(`  ${f.file} (css): ${(f.gzip / 1024).toFixed(1)} KB gzip`);

  const out = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() },
    options: args,
    initialJs: js,
    adventureWorksDropToOverviewS: awDropS,
    coldStart: {
      fcpMs: pick((c) => c.fcpMs),
      navVisibleMs: pick((c) => c.navVisibleMs),
      sampleReadyMs: pick((c) => c.sampleReadyMs),
      sampleOverviewMs: pick((c) => c.sampleOverviewMs),
      runs: cold,
    },
    sizes: results,
  };
  const jsonFile = path.join(BENCH_DIR, 'results.json');
  fs.writeFileSync(jsonFile, JSON.stringify(out, null, 2) + '\n');
  log(`\nWrote ${path.relative(ROOT, jsonFile)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
