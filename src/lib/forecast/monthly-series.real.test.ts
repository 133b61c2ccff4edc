/**
 * Forecasts on real monthly sales series that nobody here wrote (issue #16,
 * point 8): monthly sales built in plain TS (papaparse) from the shared
 * datasets, the last 12 months held out, `forecastSeries(train, {horizon: 12})`
 * against seasonal naive (the last 12 training months repeated).
 *
 * Series (every one with no zero or negative month over its whole span):
 *  - Superstore classic (2014-01 … 2017-12, 48 months → 36 training): the
 *    total, per Category (3), Region (4), Segment (3) and Sub-Category (17).
 *    The other two Superstore exports are the same orders and are not added
 *    again: superstore_cp1252 is the classic's rows with the years shifted by
 *    +4 (identical monthly sums), superstore_2020_us_ca is them (9,993 of its
 *    9,994 US rows match a classic row on customer, product, amount and day)
 *    with the years shifted by +5, plus 200 Canada rows — they would count the
 *    same series two or three times.
 *  - Adventure Works reseller sales (2017-07 … 2020-05, 35 months → 23
 *    training, so the forecaster takes its short-series path): the total, per
 *    product Category, reseller Business Type and sales territory.
 *  - Northwind (1996-07 … 1998-05, 23 months, the last one partial) is too
 *    short to hold out a year and still have a season to train on.
 *
 * Figures per series: the chosen method's MAPE on the 12 held-out months,
 * seasonal naive's, and how many held-out months fall in the 80 % interval —
 * for the current candidates and for the previous set (before Theta and the
 * combination), and every fixed method's MAPE on the seasonal series, for
 * the report. Runs in `npm run test:real` only (TARGETSCOPE_REAL=1).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { forecastSeries, type SeriesForecast } from './forecast';
import { fitMethod, type Method } from './methods';
import { fitSeasonalNaive } from './baselines';

const DATASETS = process.env.TARGETSCOPE_DATASETS ?? path.resolve('../shared/datasets');
const HOLDOUT = 12;
const M = 12;

const OLD_SEASONAL: Method[] = ['seasonal-naive', 'hw-additive', 'hw-additive-damped', 'hw-multiplicative', 'hw-multiplicative-damped', 'regression'];
const OLD_SHORT: Method[] = ['naive', 'drift', 'ses'];

interface Series {
  group: string;
  name: string;
  y: number[];
}

type Row = Record<string, string>;

function readCsv(file: string, delimiter = ','): Row[] {
  const text = readFileSync(path.join(DATASETS, file), 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Row>(text, { header: true, skipEmptyLines: true, delimiter }).data;
}

/**
 * Monthly sums per key: `month(row)` = year·12 + month − 1, `keys(row)` the
 * series the row belongs to. Every series spans the dataset's first … last
 * month; one with a month ≤ 0 anywhere is dropped (the MAPE needs positive
 * actuals, and multiplicative methods positive history).
 */
function monthlySeries(group: string, rows: Row[], month: (r: Row) => number, keys: (r: Row) => string[], amount: (r: Row) => number): Series[] {
  const sums = new Map<string, Map<number, number>>();
  let first = Infinity;
  let last = -Infinity;
  for (const row of rows) {
    const t = month(row);
    first = Math.min(first, t);
    last = Math.max(last, t);
    const a = amount(row);
    for (const key of keys(row)) {
      let byMonth = sums.get(key);
      if (!byMonth) sums.set(key, (byMonth = new Map()));
      byMonth.set(t, (byMonth.get(t) ?? 0) + a);
    }
  }
  const out: Series[] = [];
  for (const [name, byMonth] of sums) {
    const y: number[] = [];
    for (let t = first; t <= last; t++) y.push(byMonth.get(t) ?? 0);
    if (y.every((v) => v > 0)) out.push({ group, name, y });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function superstoreClassic(): Series[] {
  const rows = readCsv('superstore_classic/Sample-Superstore.csv');
  const month = (r: Row) => {
    const [mo, , yr] = r['Order Date'].split('/').map(Number); // M/D/YYYY
    return yr * 12 + mo - 1;
  };
  const dims = ['Category', 'Region', 'Segment', 'Sub-Category'];
  return monthlySeries('Superstore', rows, month, (r) => ['Total', ...dims.map((d) => `${d}=${r[d]}`)], (r) => Number(r.Sales));
}

function adventureWorks(): Series[] {
  const dir = 'adventureworks_sales_targets';
  const lookup = (file: string, key: string, value: string) => new Map(readCsv(`${dir}/${file}`, '|').map((r) => [r[key], r[value]]));
  const category = lookup('Product.csv', 'ProductKey', 'Category');
  const businessType = lookup('Reseller.csv', 'ResellerKey', 'Business Type');
  const territory = lookup('Region.csv', 'SalesTerritoryKey', 'Region');
  const rows = readCsv(`${dir}/Sales.csv`, '|');
  const month = (r: Row) => {
    const [yr, mo] = r.OrderDate.split('/').map(Number); // YYYY/MM/DD
    return yr * 12 + mo - 1;
  };
  const keys = (r: Row) => ['Total', `Category=${category.get(r.ProductKey)}`, `BusinessType=${businessType.get(r.ResellerKey)}`, `Territory=${territory.get(r.SalesTerritoryKey)}`];
  return monthlySeries('AdventureWorks', rows, month, keys, (r) => Number(r.Sales));
}

const mape = (actual: number[], forecast: number[]) => actual.reduce((a, v, i) => a + Math.abs(v - forecast[i]) / v, 0) / actual.length;
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

interface Scored {
  method: Method;
  mape: number;
  /** Held-out months inside the 80 % interval. */
  covered: number;
}

function score(f: SeriesForecast, test: number[]): Scored {
  return {
    method: f.method,
    mape: mape(test, f.points.map((p) => p.mean)),
    covered: f.points.filter((p, i) => test[i] >= p.lo80 && test[i] <= p.hi80).length,
  };
}

interface Result {
  series: Series;
  seasonalNaive: number;
  current: Scored;
  old: Scored;
}

function evaluate(series: Series): Result {
  const train = series.y.slice(0, -HOLDOUT);
  const test = series.y.slice(-HOLDOUT);
  const seasonal = train.length >= 2 * M + 3;
  return {
    series,
    seasonalNaive: mape(test, fitSeasonalNaive(train, M).forecast(HOLDOUT)),
    current: score(forecastSeries(train, { horizon: HOLDOUT }), test),
    old: score(forecastSeries(train, { horizon: HOLDOUT, methods: seasonal ? OLD_SEASONAL : OLD_SHORT }), test),
  };
}

interface Summary {
  count: number;
  seasonalNaive: number;
  current: number;
  old: number;
  coverage: number;
  oldCoverage: number;
}

function summarise(results: Result[]): Summary {
  const months = results.length * HOLDOUT;
  return {
    count: results.length,
    seasonalNaive: avg(results.map((r) => r.seasonalNaive)),
    current: avg(results.map((r) => r.current.mape)),
    old: avg(results.map((r) => r.old.mape)),
    coverage: results.reduce((a, r) => a + r.current.covered, 0) / months,
    oldCoverage: results.reduce((a, r) => a + r.old.covered, 0) / months,
  };
}

const summaryLine = (label: string, s: Summary) =>
  `${label.padEnd(28)} n=${String(s.count).padStart(2)}  seasonal naive ${pct(s.seasonalNaive).padStart(7)}` +
  `  | new: chosen ${pct(s.current).padStart(7)} ratio ${(s.current / s.seasonalNaive).toFixed(3)} 80 % coverage ${pct(s.coverage).padStart(7)}` +
  `  | old: chosen ${pct(s.old).padStart(7)} ratio ${(s.old / s.seasonalNaive).toFixed(3)} 80 % coverage ${pct(s.oldCoverage).padStart(7)}`;

describe('real monthly sales series, last 12 months held out', () => {
  const all = [...superstoreClassic(), ...adventureWorks()];
  const results = all.map(evaluate);
  const groups = [...new Set(all.map((s) => s.group))];
  const overall = summarise(results);

  it('prints the figures: per series, per dataset, overall; old vs new candidates; fixed methods', () => {
    const lines = [
      'series                                   n  snaive   | new method                chosen  in80 | old method                chosen  in80',
      ...results.map(
        (r) =>
          `${`${r.series.group}/${r.series.name}`.slice(0, 38).padEnd(38)} ${String(r.series.y.length - HOLDOUT).padStart(3)} ${pct(r.seasonalNaive).padStart(7)}` +
          `  | ${r.current.method.padEnd(24)} ${pct(r.current.mape).padStart(7)} ${String(r.current.covered).padStart(4)}` +
          `  | ${r.old.method.padEnd(24)} ${pct(r.old.mape).padStart(7)} ${String(r.old.covered).padStart(4)}`,
      ),
      '',
      ...groups.map((g) => summaryLine(g, summarise(results.filter((r) => r.series.group === g)))),
      // The aggregates alone (total, Category, Region, Segment): printed for comparison, the assertions are on all series.
      summaryLine('Superstore w/o Sub-Category', summarise(results.filter((r) => r.series.group === 'Superstore' && !r.series.name.startsWith('Sub-Category=')))),
      summaryLine('all series', overall),
    ];
    // Each method fitted on its own (no backtest choice), on the series with two seasons + 3 of training: what the choice is worth.
    const seasonalSeries = all.filter((s) => s.y.length - HOLDOUT >= 2 * M + 3);
    const fixed: Method[] = ['seasonal-naive', 'hw-additive', 'hw-additive-damped', 'hw-multiplicative', 'hw-multiplicative-damped', 'regression', 'theta', 'combination'];
    lines.push('', `fixed methods on the ${seasonalSeries.length} seasonal series (mean MAPE, ratio to seasonal naive):`);
    const snaive = avg(seasonalSeries.map((s) => mape(s.y.slice(-HOLDOUT), fitSeasonalNaive(s.y.slice(0, -HOLDOUT), M).forecast(HOLDOUT))));
    for (const method of fixed) {
      const value = avg(seasonalSeries.map((s) => mape(s.y.slice(-HOLDOUT), fitMethod(method, s.y.slice(0, -HOLDOUT), M).forecast(HOLDOUT))));
      lines.push(`  ${method.padEnd(26)} ${pct(value).padStart(7)}  ${(value / snaive).toFixed(3)}`);
    }
    console.log(lines.join('\n'));
    expect(results.length).toBeGreaterThanOrEqual(20);
  });

  // Measured: chosen 42.5 % vs seasonal naive 40.4 % (ratio 1.053), the same as with the previous candidates
  // (1.052). A guard against getting worse, not the goal.
  it('the chosen method stays within 10 % of seasonal naive on the mean 12-month MAPE', () => {
    expect(overall.current).toBeLessThanOrEqual(1.1 * overall.seasonalNaive);
  });

  // Issue #16 point 8 asks for ≤ 0.9 × seasonal naive: not reached on these series, with or without Theta and
  // the combination. Marked as failing so that it shows, and so that reaching it turns this red (then make it `it`).
  it.fails('goal: the chosen method’s mean 12-month MAPE is at most 0.9 × seasonal naive’s', () => {
    expect(overall.current).toBeLessThanOrEqual(0.9 * overall.seasonalNaive);
  });

  it('the 80 % intervals cover 70–90 % of the held-out months', () => {
    expect(overall.coverage).toBeGreaterThanOrEqual(0.7);
    expect(overall.coverage).toBeLessThanOrEqual(0.9);
  });
});
