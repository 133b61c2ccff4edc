/**
 * Every query that reads `sales_rollup` (warehouse/sources.ts sumsSource), run twice over a prepared workspace:
 * once with `sales_rollup` = its exact daily rollup, once with `sales_rollup` = the lines themselves (what
 * every other workspace uses). Likewise every customer query that can read `customer_days`
 * (warehouse/customer-days.ts): built once for the lines and once for the customer-day rollup.
 * The lines are the reference: the two runs must give the same rows.
 * Native DuckDB 1.4.3 (the wasm build's version), so a 5M-row set takes seconds.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { abcSql } from '../../src/lib/analyses/abc-pareto';
import { monthlyByMemberSql } from '../../src/lib/analyses/channel-mix';
import { contributionSql, dimensionRankSql } from '../../src/lib/analyses/contribution';
import { unitMonthlySql, unitWeeklySql, type ForecastLevel } from '../../src/lib/analyses/forecast-units';
import { breakdownsSql, kpiSql, trendSql } from '../../src/lib/analyses/overview';
import { pvmSql } from '../../src/lib/analyses/price-volume-mix';
import { slowMoverSql } from '../../src/lib/analyses/slow-movers';
import { performanceSql } from '../../src/lib/analyses/product-performance';
import { matrixSql } from '../../src/lib/analyses/region-matrix';
import { repTeamSql, statusSalesSql } from '../../src/lib/analyses/target-status';
import { baseYearUnitsSql, planHistorySql } from '../../src/lib/analyses/target-plan';
import { churnSql, lifecycleSql } from '../../src/lib/analyses/customer-lifecycle';
import { customerRankingSql } from '../../src/lib/analyses/customer-ranking';
import { repSalesSql } from '../../src/lib/analyses/rep-scorecard';
import { flaggedSalesViewSql, LINES_ROLLUP_VIEW } from '../../src/lib/load/sales-table';
import { publishedCustomerDaysViewSql, publishedRollupViewSql } from '../../src/lib/load/sample';
import { CANONICAL_FIELDS, DIMENSIONS, type Dimension } from '../../src/lib/model/schema';
import type { Warehouse } from '../../src/lib/warehouse/sources';
import { sqlString } from '../../src/lib/model/sql';
import type { DateRange } from '../../src/lib/model/period';
import type { DimensionFilters } from '../../src/lib/model/where';
import type { Basis } from '../../src/lib/model/view-state';

type Row = Record<string, unknown>;

export interface EquivalenceReport {
  queries: number;
  rowsCompared: number;
  mismatches: string[];
  linesMs: number;
  rollupMs: number;
}

/** A query on the lines; `rollupSql`: the same query built for the rollups, when it differs. */
export interface EquivalenceCase {
  name: string;
  sql: string;
  rollupSql?: string;
}

/** Filters, periods and dimensions the views use, over the values of a bench-generated file (scripts/lib/bench/generate.ts). */
export function equivalenceCases(values: { region: string[]; channel: string[]; category: string[]; team: string[]; product: string; customer: string }): EquivalenceCase[] {
  const all: DateRange = { start: '2022-01-01', end: '2025-12-31' };
  const year: DateRange = { start: '2025-01-01', end: '2025-12-31' };
  const lastYear: DateRange = { start: '2024-01-01', end: '2024-12-31' };
  const quarter: DateRange = { start: '2025-04-01', end: '2025-06-30' };
  const quarterBefore: DateRange = { start: '2025-01-01', end: '2025-03-31' };
  // Mid-month to mid-month: a period that does not start or end on a month boundary.
  const partial: DateRange = { start: '2025-10-09', end: '2025-11-17' };
  const partialLastYear: DateRange = { start: '2024-10-09', end: '2024-11-17' };
  const filterSets: { label: string; filters: DimensionFilters }[] = [
    { label: 'no filter', filters: {} },
    { label: 'one region', filters: { region: [values.region[0]] } },
    { label: 'two channels', filters: { channel: values.channel.slice(0, 2) } },
    { label: 'category+region', filters: { category: [values.category[0]], region: values.region.slice(1, 3) } },
    { label: 'one product', filters: { product: [values.product] } },
  ];
  const dims: Dimension[] = ['channel', 'region', 'category', 'product', 'rep', 'team'];
  const out: EquivalenceCase[] = [];
  for (const basis of ['net', 'gross'] as Basis[]) {
    for (const { label, filters } of filterSets) {
      const at = `${basis}, ${label}`;
      out.push({ name: `trend (${at})`, sql: trendSql(all, filters, basis) });
      out.push({ name: `breakdowns, year vs last (${at})`, sql: breakdownsSql(dims, year, lastYear, filters, basis) });
      out.push({ name: `breakdowns, partial period, uncompared (${at})`, sql: breakdownsSql(dims, partial, null, filters, basis) });
      out.push({ name: `channel mix by month (${at})`, sql: monthlyByMemberSql('channel', year, filters, basis) });
      out.push({ name: `price-volume-mix (${at})`, sql: pvmSql({ base: partialLastYear, current: partial, filters, basis }) });
      out.push({ name: `region × category matrix (${at})`, sql: matrixSql({ rowDim: 'region', colDim: 'category', current: quarter, comparison: quarterBefore, filters, basis }) });
      out.push({ name: `dimension rank (${at})`, sql: dimensionRankSql(['channel', 'region', 'category', 'rep'], lastYear, year, filters, basis) });
      for (const dim of ['product', 'rep'] as Dimension[]) {
        out.push({ name: `ABC by ${dim} (${at})`, sql: abcSql({ dim, range: all, filters, basis, aThreshold: 0.8, bThreshold: 0.95 }) });
        out.push({ name: `performance by ${dim} (${at})`, sql: performanceSql({ dim, current: quarter, previous: quarterBefore, lastYear: { start: '2024-04-01', end: '2024-06-30' }, filters, basis, withCategory: dim === 'product' }) });
        out.push({ name: `contribution by ${dim} (${at})`, sql: contributionSql({ dim, base: partialLastYear, current: partial, filters, basis }) });
      }
      out.push({ name: `slow movers (${at})`, sql: slowMoverSql({ asOf: '2025-11-17', windowDays: 90, lookbackDays: 365, noSalesDays: 60, filters, basis }) });
      for (const level of ['company', 'team', 'region', 'rep', 'category', 'channel'] as ForecastLevel[]) {
        const p = { level, asOf: '2025-11-17', fiscalYear: year, filters, basis, companyUnit: 'Company' };
        out.push({ name: `forecast monthly, ${level} (${at})`, sql: unitMonthlySql(p) });
        if (level === 'company') out.push({ name: `forecast weekly, company (${at})`, sql: unitWeeklySql(p, 'Company') });
      }
    }
    for (const fyStartMonth of [1, 7]) {
      out.push({
        name: `target status sales side, FY from month ${fyStartMonth} (${basis})`,
        sql: statusSalesSql({ levels: ['company', 'team', 'rep', 'region'], credit: 'own', basis, asOf: '2025-11-17', fyStartMonth, version: 'current', companyUnit: 'Company', hasTargetsAll: false, hasOrg: false }),
      });
    }
    out.push({ name: `plan history, 3 years (${basis})`, sql: planHistorySql('2025-01-01', 3, basis) });
    if (basis === 'net') out.push({ name: 'rep → team (most lines)', sql: repTeamSql(false) });
    out.push({ name: `plan base-year units (${basis})`, sql: baseYearUnitsSql('2025-07-01', basis, false, true, true) });
    const customerFilterSets = [...filterSets, { label: 'one customer', filters: { customer: [values.customer] } }, { label: 'one team', filters: { team: [values.team[0]] } }];
    for (const { label, filters } of customerFilterSets) {
      const at = `${basis}, ${label}`;
      const both = (name: string, build: (customerDays: boolean) => string) => out.push({ name, sql: build(false), rollupSql: build(true) });
      // Orders by flag: a warehouse whose orders never split (every dimension constant within them), as the fixture's are.
      const warehouse = (byFlag: boolean) => (customerDays: boolean): Warehouse => ({ orderConstant: byFlag ? ['date', ...DIMENSIONS] : null, customerDays });
      for (const [orders, hasOrderId, byFlag] of [['first line', true, true], ['lines', false, false]] as const) {
        const w = warehouse(byFlag);
        both(`KPIs, year vs last, orders by ${orders} (${at})`, (customerDays) => kpiSql({ current: year, previous: quarterBefore, lastYear, filters, basis, hasOrderId, warehouse: w(customerDays) }));
        both(`KPIs, partial period, orders by ${orders} (${at})`, (customerDays) => kpiSql({ current: partial, previous: null, lastYear: partialLastYear, filters, basis, hasOrderId, warehouse: w(customerDays) }));
      }
      both(`customer lifecycle (${at})`, (customerDays) => lifecycleSql({ filters, basis, warehouse: warehouse(false)(customerDays) }, { start: '2024-01-01', end: '2025-11-17' }, { start: '2024-06-01', end: '2025-11-17' }));
      both(`churn (${at})`, (customerDays) => churnSql({ filters, basis, warehouse: warehouse(false)(customerDays), asOf: '2025-11-17', days: 60 }));
      for (const [orders, hasOrderId, byFlag] of [['flag', true, true], ['lines', false, false]] as const) {
        const w = warehouse(byFlag);
        for (const range of [year, partial]) {
          const when = `${range.start}…${range.end}, orders by ${orders}, ${at}`;
          both(`RFM and concentration (${when})`, (customerDays) => customerRankingSql({ range, filters, basis, hasOrderId, warehouse: w(customerDays) }, { limit: 50 }));
          both(`rep scorecard sales (${when})`, (customerDays) => repSalesSql({ current: range, lastYear: range === year ? lastYear : partialLastYear, filters, basis, hasOrderId, warehouse: w(customerDays) }));
        }
      }
    }
  }
  return out;
}

const text = (v: unknown): string =>
  typeof v === 'bigint' ? v.toString() : v && typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) : String(v);

/** Rows in a stable order: by their text cells, then their numbers to the cent. */
function sorted(rows: Row[]): Row[] {
  const key = (r: Row) => Object.values(r).map((v) => (typeof v === 'number' ? v.toFixed(2) : text(v))).join('|');
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * Numbers equal up to summation order: sums in another order differ in their last bits, and a difference
 * of two large sums (a price effect, a change) carries that error — far below a cent either way.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = Math.abs(a - b);
    return d <= 1e-6 || d <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return text(a) === text(b);
}

const describeRow = (r: Row | undefined) => (r ? Object.entries(r).map(([k, v]) => `${k}=${text(v)}`).join('|') : '-');

export async function checkRollupEquivalence(databaseFile: string, cases: EquivalenceCase[]): Promise<EquivalenceReport> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`ATTACH ${sqlString(databaseFile)} AS ws (READ_ONLY)`);
    await c.run(`CREATE VIEW sales AS SELECT ${CANONICAL_FIELDS.join(', ')} FROM ws.sales`);
    await c.run(flaggedSalesViewSql('sales', 'ws'));
    await c.run(publishedCustomerDaysViewSql('ws.customer_days'));
    const run = async (viewSql: string, sqlOf: (q: EquivalenceCase) => string) => {
      await c.run(viewSql);
      const results: Row[][] = [];
      const t0 = performance.now();
      for (const q of cases) results.push((await c.runAndReadAll(sqlOf(q))).getRowObjectsJS() as Row[]);
      return { results, ms: performance.now() - t0 };
    };
    const lines = await run(LINES_ROLLUP_VIEW, (q) => q.sql);
    const rollup = await run(publishedRollupViewSql('ws.sales_rollup'), (q) => q.rollupSql ?? q.sql);
    const mismatches: string[] = [];
    let rowsCompared = 0;
    cases.forEach((q, i) => {
      const a = sorted(lines.results[i]);
      const b = sorted(rollup.results[i]);
      rowsCompared += a.length;
      if (a.length === 0) mismatches.push(`${q.name}: no rows on the lines (the case tests nothing)`);
      const diff = a.findIndex((x, j) => !b[j] || Object.keys(x).length !== Object.keys(b[j]).length || Object.keys(x).some((k) => !sameValue(x[k], b[j][k])));
      if (a.length !== b.length || diff >= 0) {
        mismatches.push(`${q.name}: lines ${a.length} rows, rollup ${b.length}; first difference:\n  lines  ${describeRow(a[diff])}\n  rollup ${describeRow(b[diff])}`);
      }
    });
    return { queries: cases.length, rowsCompared, mismatches, linesMs: lines.ms, rollupMs: rollup.ms };
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
